// How kubectl prints failures: `Error from server (Reason): message`, `error: ...`, usage errors (cmdutil.CheckErr).
import type { ApiStatus } from '../../../api/api.ts';

/** StandardErrorMessage for an API Status. */
export function serverError(status: ApiStatus): string {
  if (status.reason === 'Invalid' && status.details) {
    const d = status.details;
    const head = d.kind || d.name ? `The ${d.kind ?? ''} "${d.name ?? ''}" is invalid` : 'The request is invalid';
    const causes = d.causes ?? [];
    if (causes.length === 1) return `${head}: ${causes[0].field ? `${causes[0].field}: ` : ''}${causes[0].message}`;
    if (causes.length > 1) return `${head}: \n${causes.map((c) => `* ${c.field ? `${c.field}: ` : ''}${c.message}`).join('\n')}`;
    return head;
  }
  return status.reason ? `Error from server (${status.reason}): ${status.message}` : `Error from server: ${status.message}`;
}

/** A status with its message prefixed the way cmdutil.AddSourceToErr does (`error when creating "f.yaml": ...`). */
export function withSource(status: ApiStatus, verb: string, source: string | undefined): ApiStatus {
  if (!source) return status;
  return { ...status, message: `error when ${verb} "${source}": ${status.message}` };
}

/** Plain errors get an `error: ` prefix unless they have one. */
export function plainError(message: string): string {
  return message.startsWith('error: ') ? message : `error: ${message}`;
}
