// Decoding Kubernetes protobuf bodies ("k8s\0" + runtime.Unknown) into the JSON the API layer takes, with Go's
// JSON zero-value rules: unset non-pointer fields are left out, as kubectl's JSON encoding leaves them out.
import { MESSAGES, type FieldSpec } from './schemas.ts';
import { readFields, toSigned, type WireField } from './wire.ts';

const MAGIC = [0x6b, 0x38, 0x73, 0x00];
const text = new TextDecoder();

/** True when the body starts with the Kubernetes protobuf magic. */
export function isProtobufBody(buf: Uint8Array): boolean {
  return MAGIC.every((b, i) => buf[i] === b);
}

function scalar(spec: FieldSpec, f: WireField): unknown {
  const t = spec.type;
  if (f.wire === 2) {
    if (t.t === 'string') return text.decode(f.value);
    if (t.t === 'bytes') return Buffer.from(f.value).toString('base64');
    if (t.t === 'message') return message(t.of, f.value);
    if (t.t === 'time') return timeOf(f.value);
    if (t.t === 'int-or-string') return intOrString(f.value);
    return undefined;
  }
  if (t.t === 'int') return toSigned(f.value);
  if (t.t === 'bool') return f.value !== 0n;
  return undefined;
}

function timeOf(buf: Uint8Array): string | null {
  let seconds = 0;
  for (const f of readFields(buf)) if (f.field === 1 && f.wire === 0) seconds = toSigned(f.value);
  return seconds === 0 ? null : new Date(seconds * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function intOrString(buf: Uint8Array): number | string {
  let type = 0;
  let intVal = 0;
  let strVal = '';
  for (const f of readFields(buf)) {
    if (f.field === 1 && f.wire === 0) type = toSigned(f.value);
    else if (f.field === 2 && f.wire === 0) intVal = toSigned(f.value);
    else if (f.field === 3 && f.wire === 2) strVal = text.decode(f.value);
  }
  return type === 1 ? strVal : intVal;
}

function mapEntry(spec: FieldSpec, buf: Uint8Array): [string, unknown] {
  let key = '';
  let value: unknown = '';
  const t = spec.type;
  for (const f of readFields(buf)) {
    if (f.field === 1 && f.wire === 2) key = text.decode(f.value);
    else if (f.field === 2 && f.wire === 2 && t.t === 'map') {
      if (t.value === 'string') value = text.decode(f.value);
      else if (t.value === 'bytes') value = Buffer.from(f.value).toString('base64');
      else value = (message(t.value.message, f.value) as { string?: string }).string ?? '';
    }
  }
  return [key, value];
}

/** Go's `omitempty` for a non-pointer scalar. */
function isZero(v: unknown): boolean {
  return v === '' || v === 0 || v === false || v === null;
}

function message(name: string, buf: Uint8Array): Record<string, unknown> {
  const layout = MESSAGES[name] ?? {};
  const out: Record<string, unknown> = {};
  for (const f of readFields(buf)) {
    const spec = layout[f.field];
    if (!spec || f.wire === 1 || f.wire === 5) continue;
    if (spec.type.t === 'map') {
      if (f.wire !== 2) continue;
      const [k, v] = mapEntry(spec, f.value);
      out[spec.name] = { ...((out[spec.name] as object | undefined) ?? {}), [k]: v };
      continue;
    }
    const v = scalar(spec, f);
    if (spec.repeated) {
      out[spec.name] = [...((out[spec.name] as unknown[] | undefined) ?? []), v];
      continue;
    }
    const pointer = 'pointer' in spec.type && spec.type.pointer;
    if (v === undefined || (!pointer && isZero(v))) continue;
    out[spec.name] = v;
  }
  return out;
}

/**
 * The JSON object of a protobuf body, with apiVersion and kind from its envelope; undefined when the kind has no
 * layout here (the caller answers 415 and the client has nothing to fall back to, so keep the table complete).
 */
export function decodeProtobufObject(buf: Uint8Array): { ok: true; object: Record<string, unknown> } | { ok: false; error: string } {
  try {
    const fields = readFields(buf.subarray(MAGIC.length));
    let apiVersion = '';
    let kind = '';
    let raw: Uint8Array | undefined;
    for (const f of fields) {
      if (f.field === 1 && f.wire === 2) {
        for (const t of readFields(f.value)) {
          if (t.field === 1 && t.wire === 2) apiVersion = text.decode(t.value);
          if (t.field === 2 && t.wire === 2) kind = text.decode(t.value);
        }
      } else if (f.field === 2 && f.wire === 2) raw = f.value;
    }
    if (!raw || !kind) return { ok: false, error: 'the protobuf envelope has no object' };
    if (!MESSAGES[kind] || kind === 'Empty') return { ok: false, error: `protobuf bodies of kind ${kind} are not supported; send JSON` };
    return { ok: true, object: { apiVersion, kind, ...message(kind, raw) } };
  } catch (e: unknown) {
    return { ok: false, error: `the protobuf body could not be decoded: ${e instanceof Error ? e.message : String(e)}` };
  }
}
