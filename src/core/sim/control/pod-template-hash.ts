// pod-template-hash: FNV-32a of the pod template (plus collisionCount), encoded with rand.SafeEncodeString,
// so ReplicaSets read like real ones (`nginx-7db9fccd9b`). The hashed bytes are our canonical JSON, not Go's spew.

const SAFE_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    return `{${Object.keys(o)
      .sort()
      .filter((k) => o[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${canonical(o[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(v) ?? 'null';
}

/** FNV-1a, 32 bits, over the UTF-16 code units' low bytes (our input is ASCII JSON). */
export function fnv32a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ (text.charCodeAt(i) & 0xff), 16777619) >>> 0;
  return h >>> 0;
}

/** rand.SafeEncodeString: each byte of the string mapped onto the vowel-free alphabet. */
export function safeEncode(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) out += SAFE_ALPHABET[s.charCodeAt(i) % SAFE_ALPHABET.length];
  return out;
}

/** The canonical text of each stored (frozen, so unchanging) template: Deployments hash theirs on every sync. */
const texts = new WeakMap<object, string>();

function templateText(template: unknown): string {
  if (typeof template !== 'object' || template === null || !Object.isFrozen(template)) return canonical(template);
  let text = texts.get(template);
  if (text === undefined) texts.set(template, (text = canonical(template)));
  return text;
}

/** controller.ComputeHash(template, collisionCount). */
export function podTemplateHash(template: unknown, collisionCount?: number): string {
  let text = templateText(template);
  if (collisionCount) text += `#${collisionCount}`;
  return safeEncode(String(fnv32a(text)));
}
