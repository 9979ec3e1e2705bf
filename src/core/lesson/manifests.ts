// Manifests in a lesson (setup steps, YAML file cells): syntax errors at file:line:col, and the objects they name.
import { isMap, LineCounter, parseAllDocuments } from 'yaml';
import type { Diagnostic, SourcePos } from '../errors.ts';
import { yamlErrorOffset } from './yaml-errors.ts';

/** The identity of one object a manifest declares. */
export interface ManifestObject {
  kind: string;
  name: string;
  namespace?: string;
  /** The labels its pods carry: a Pod's own, a workload's pod template's (for selector checks' lint). */
  podLabels?: Record<string, string>;
}

/** The objects manifests name and the problems found in them. */
export interface ManifestRead {
  objects: ManifestObject[];
  diagnostics: Diagnostic[];
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function identity(v: unknown): ManifestObject | undefined {
  if (!isRecord(v) || typeof v.kind !== 'string' || !isRecord(v.metadata) || typeof v.metadata.name !== 'string') return undefined;
  const namespace = typeof v.metadata.namespace === 'string' ? v.metadata.namespace : undefined;
  const template =
    isRecord(v.spec) && isRecord(v.spec.template) && isRecord(v.spec.template.metadata) ? v.spec.template.metadata : undefined;
  const labels = v.kind === 'Pod' ? v.metadata.labels : template?.labels;
  const podLabels = isRecord(labels) ? Object.fromEntries(Object.entries(labels).map(([k, x]) => [k, String(x)])) : undefined;
  return { kind: v.kind, name: v.metadata.name, namespace, ...(podLabels ? { podLabels } : {}) };
}

/**
 * Parse manifest text (one or more YAML documents) whose first line is at `at` in the lesson file
 * (`at.column` = the text's indentation + 1). Returns the objects it names (List items included)
 * and diagnostics of `severity` for YAML errors and documents that are not named objects.
 */
export function readManifests(text: string, at: SourcePos, severity: Diagnostic['severity']): ManifestRead {
  const lineCounter = new LineCounter();
  const docs = parseAllDocuments(text, { lineCounter, prettyErrors: false });
  const col0 = (at.column ?? 1) - 1;
  const pos = (offset: number): SourcePos => {
    // errors found at the end of the text (an unclosed flow collection) point at its last character
    const { line, col } = lineCounter.linePos(Math.min(offset, Math.max(0, text.trimEnd().length - 1)));
    return { file: at.file, line: at.line + line - 1, column: col0 + col };
  };
  const out: ManifestRead = { objects: [], diagnostics: [] };
  const report = (message: string, offset: number) =>
    out.diagnostics.push({ severity, code: 'manifest-invalid', message, pos: pos(offset) });
  for (const doc of Array.isArray(docs) ? docs : [docs]) {
    for (const e of doc.errors) report(`manifest: ${e.message}`, yamlErrorOffset(doc, e));
    if (doc.errors.length > 0 || doc.contents === null) continue;
    const value: unknown = doc.toJS({ maxAliasCount: 100 });
    const items = isRecord(value) && value.kind === 'List' && Array.isArray(value.items) ? value.items : [value];
    for (const item of items) {
      const id = identity(item);
      if (id) out.objects.push(id);
      else report('manifest: expected a Kubernetes object with kind and metadata.name', isMap(doc.contents) ? doc.contents.range[0] : 0);
    }
  }
  return out;
}

/** Just the diagnostics of readManifests. */
export function checkManifestSyntax(text: string, at: SourcePos, severity: Diagnostic['severity']): Diagnostic[] {
  return readManifests(text, at, severity).diagnostics;
}

/** YAML syntax errors only (what an editor shows before anything is written), at 1-based lines of `text`. */
export function yamlSyntaxErrors(text: string): { line: number; column: number; message: string }[] {
  return readManifests(text, { file: '', line: 1, column: 1 }, 'error')
    .diagnostics.filter((d) => !d.message.startsWith('manifest: expected a Kubernetes object'))
    .map((d) => ({ line: d.pos.line, column: d.pos.column ?? 1, message: d.message.replace(/^manifest: /, '') }));
}
