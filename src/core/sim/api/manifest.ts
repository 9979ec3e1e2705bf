// Manifest text → objects, as kubectl reads `-f file`: YAML documents or JSON, `kind: List` expanded,
// each object with its source position; problems as Diagnostics worded like kubectl's, limits enforced.
import { Composer, isMap, isSeq, LineCounter, Parser, type Document, type Node } from 'yaml';
import type { Diagnostic, SourcePos } from '../../errors.ts';
import { aliasMessage, goYamlMessage, missingTypeMessage, notAnObjectMessage, yamlSyntaxMessage } from './manifest-errors.ts';
import {
  countContentDocuments,
  MANIFEST_MAX_ALIASES,
  MANIFEST_MAX_BYTES,
  MANIFEST_MAX_DEPTH,
  MANIFEST_MAX_OBJECTS,
  roughDepth,
  utf8Length,
  valueDepth,
} from './manifest-limits.ts';
import type { KObject } from './types.ts';

export { MANIFEST_MAX_ALIASES, MANIFEST_MAX_BYTES, MANIFEST_MAX_DEPTH, MANIFEST_MAX_OBJECTS } from './manifest-limits.ts';

export interface ManifestParse {
  /** The objects in source order (List items expanded). */
  objects: KObject[];
  /** positions[i] is where objects[i] starts (1-based line and column). */
  positions: SourcePos[];
  /**
   * Problems, each worded as kubectl prints it after `error: `. kubectl applies nothing from a file with an error,
   * so callers should not apply `objects` when any diagnostic is an error.
   */
  diagnostics: Diagnostic[];
}

function jsonTypeName(v: unknown): string {
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'boolean') return 'bool';
  return typeof v === 'number' ? 'number' : 'string';
}

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Parse manifest text. Never throws: failures, including limit violations, come back as diagnostics. */
export function parseManifests(text: string, file: string): ManifestParse {
  const out: ManifestParse = { objects: [], positions: [], diagnostics: [] };
  const at = (line: number, column?: number): SourcePos => ({ file, line, column });
  const diag = (code: string, message: string, pos: SourcePos): ManifestParse => {
    out.diagnostics.push({ severity: 'error', code, message, pos });
    return out;
  };
  const bytes = utf8Length(text, MANIFEST_MAX_BYTES + 1);
  if (bytes > MANIFEST_MAX_BYTES)
    return diag('input-limit', `error reading ${file}: the manifest is larger than ${MANIFEST_MAX_BYTES / 1048576} MiB`, at(1, 1));
  const tooMany = (): ManifestParse =>
    diag('input-limit', `error parsing ${file}: more than ${MANIFEST_MAX_OBJECTS} objects in one manifest`, at(1, 1));
  if (countContentDocuments(text) > MANIFEST_MAX_OBJECTS) return tooMany();
  if (roughDepth(text) > MANIFEST_MAX_DEPTH)
    return diag('input-limit', `error parsing ${file}: objects are nested deeper than ${MANIFEST_MAX_DEPTH} levels`, at(1, 1));
  const lines = new LineCounter();
  const pos = (offset: number): SourcePos => {
    const p = lines.linePos(offset);
    return at(p.line, p.col);
  };
  try {
    const composer = new Composer({ uniqueKeys: false, prettyErrors: false });
    for (const doc of composer.compose(new Parser(lines.addNewLine).parse(text), false)) {
      if (!readDocument(doc as Document.Parsed, file, out, pos, diag)) break;
      if (out.objects.length > MANIFEST_MAX_OBJECTS) break;
    }
  } catch (e: unknown) {
    return diag(
      'manifest-invalid',
      `error parsing ${file}: ${e instanceof RangeError ? 'the manifest is too deeply nested' : String(e)}`,
      at(1, 1),
    );
  }
  if (out.objects.length > MANIFEST_MAX_OBJECTS) {
    out.objects = [];
    out.positions = [];
    return tooMany();
  }
  return out;
}

/** Read one YAML document into `out`; false stops reading (kubectl stops at the first bad document). */
function readDocument(
  doc: Document.Parsed,
  file: string,
  out: ManifestParse,
  pos: (offset: number) => SourcePos,
  diag: (code: string, message: string, p: SourcePos) => ManifestParse,
): boolean {
  if (doc.errors.length) {
    const e = doc.errors.find((x) => x.code === 'MULTILINE_IMPLICIT_KEY') ?? doc.errors[0];
    const p = pos(e.code === 'MULTILINE_IMPLICIT_KEY' ? e.pos[1] - 1 : e.pos[0]);
    diag('manifest-invalid', yamlSyntaxMessage(file, p.line, goYamlMessage(e)), p);
    return false;
  }
  if (doc.contents === null) return true;
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: MANIFEST_MAX_ALIASES });
  } catch (e: unknown) {
    const start = pos(doc.contents.range[0]);
    diag(
      e instanceof ReferenceError ? 'input-limit' : 'manifest-invalid',
      e instanceof ReferenceError ? aliasMessage(file) : `error parsing ${file}: ${String(e)}`,
      start,
    );
    return false;
  }
  const start = pos(doc.contents.range[0]);
  if (value === null || value === undefined) return true;
  if (!isObj(value)) {
    diag('manifest-invalid', notAnObjectMessage(file, jsonTypeName(value)), start);
    return false;
  }
  if (valueDepth(value, MANIFEST_MAX_DEPTH) > MANIFEST_MAX_DEPTH) {
    diag('input-limit', `error parsing ${file}: objects are nested deeper than ${MANIFEST_MAX_DEPTH} levels`, start);
    return false;
  }
  const isList = typeof value.kind === 'string' && value.kind.endsWith('List') && Array.isArray(value.items);
  if (!isList) return addObject(value, start, file, out, diag);
  const itemsNode = isMap(doc.contents) ? (doc.contents.get('items', true) as Node | undefined) : undefined;
  const itemNodes = itemsNode && isSeq(itemsNode) ? itemsNode.items : [];
  const items = value.items as unknown[];
  for (let i = 0; i < items.length; i++) {
    const node = itemNodes[i] as Node | undefined;
    const p = node?.range ? pos(node.range[0]) : start;
    if (!isObj(items[i])) {
      diag('manifest-invalid', notAnObjectMessage(file, jsonTypeName(items[i])), p);
      return false;
    }
    if (!addObject(items[i] as Record<string, unknown>, p, file, out, diag)) return false;
    if (out.objects.length > MANIFEST_MAX_OBJECTS) return false;
  }
  return true;
}

function addObject(
  value: Record<string, unknown>,
  p: SourcePos,
  file: string,
  out: ManifestParse,
  diag: (code: string, message: string, p: SourcePos) => ManifestParse,
): boolean {
  const missing = [!value.apiVersion ? 'apiVersion not set' : '', !value.kind ? 'kind not set' : ''].filter(Boolean);
  if (missing.length) {
    diag('manifest-invalid', missingTypeMessage(file, missing), p);
    return false;
  }
  if (value.metadata === undefined) value.metadata = {};
  out.objects.push(value as unknown as KObject);
  out.positions.push(p);
  return true;
}
