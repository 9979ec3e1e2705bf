// The protobuf wire format, read-only: varints, fixed ints and length-delimited fields of one message.

/** One field as it appears on the wire. */
export type WireField =
  { field: number; wire: 0; value: bigint } | { field: number; wire: 1 | 5; value: bigint } | { field: number; wire: 2; value: Uint8Array };

function readVarint(buf: Uint8Array, pos: number): { value: bigint; pos: number } {
  let result = 0n;
  let shift = 0n;
  for (let i = 0; i < 10; i++) {
    if (pos >= buf.length) throw new Error('truncated varint');
    const b = buf[pos++];
    result |= BigInt(b & 0x7f) << shift;
    if ((b & 0x80) === 0) return { value: result, pos };
    shift += 7n;
  }
  throw new Error('varint too long');
}

function readFixed(buf: Uint8Array, pos: number, bytes: 4 | 8): bigint {
  if (pos + bytes > buf.length) throw new Error('truncated fixed field');
  let v = 0n;
  for (let i = bytes - 1; i >= 0; i--) v = (v << 8n) | BigInt(buf[pos + i]);
  return v;
}

/** The fields of one message in wire order; throws on malformed input (groups are not used by Kubernetes). */
export function readFields(buf: Uint8Array): WireField[] {
  const out: WireField[] = [];
  let pos = 0;
  while (pos < buf.length) {
    const key = readVarint(buf, pos);
    pos = key.pos;
    const field = Number(key.value >> 3n);
    const wire = Number(key.value & 7n);
    if (wire === 0) {
      const v = readVarint(buf, pos);
      pos = v.pos;
      out.push({ field, wire, value: v.value });
    } else if (wire === 2) {
      const len = readVarint(buf, pos);
      pos = len.pos;
      const end = pos + Number(len.value);
      if (end > buf.length) throw new Error('truncated length-delimited field');
      out.push({ field, wire, value: buf.subarray(pos, end) });
      pos = end;
    } else if (wire === 1 || wire === 5) {
      const bytes = wire === 1 ? 8 : 4;
      out.push({ field, wire, value: readFixed(buf, pos, bytes) });
      pos += bytes;
    } else throw new Error(`unsupported wire type ${wire}`);
  }
  return out;
}

/** A varint as a signed 64-bit integer (proto int32/int64 use two's complement). */
export function toSigned(v: bigint): number {
  return Number(BigInt.asIntN(64, v));
}
