// How kubectl words manifest problems: YAML syntax errors in go-yaml's terms, and its validation and limit messages.
import type { YAMLError } from 'yaml';

/** go-yaml's wording for what the `yaml` package reports; matched by error code and message. */
const GO_YAML_MESSAGES: { code: string; match?: RegExp; text: string }[] = [
  { code: 'BLOCK_AS_IMPLICIT_KEY', text: 'mapping values are not allowed in this context' },
  { code: 'MULTILINE_IMPLICIT_KEY', text: 'mapping values are not allowed in this context' },
  { code: 'TAB_AS_INDENT', text: 'found character that cannot start any token' },
  { code: 'MISSING_CHAR', match: /without - indicator/, text: "did not find expected '-' indicator" },
  { code: 'MISSING_CHAR', match: /closing .?quote/i, text: 'found unexpected end of stream' },
  { code: 'MISSING_CHAR', match: /followed by map values/, text: "could not find expected ':'" },
  { code: 'BAD_INDENT', match: /Flow sequence/, text: "did not find expected ',' or ']'" },
  { code: 'BAD_INDENT', match: /Flow mapping/, text: "did not find expected ',' or '}'" },
  { code: 'MISSING_CHAR', match: /Expected .*\]/, text: "did not find expected ',' or ']'" },
  { code: 'MISSING_CHAR', match: /Expected .*\}/, text: "did not find expected ',' or '}'" },
  { code: 'BAD_INDENT', text: 'did not find expected key' },
  { code: 'UNEXPECTED_TOKEN', text: 'did not find expected key' },
];

/** The go-yaml sentence for a YAML error (falls back to the parser's own first sentence). */
export function goYamlMessage(e: YAMLError): string {
  const row = GO_YAML_MESSAGES.find((r) => r.code === e.code && (!r.match || r.match.test(e.message)));
  if (row) return row.text;
  return e.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
}

/** `error parsing x.yaml: error converting YAML to JSON: yaml: line 7: ...` (kubectl prefixes `error: `). */
export function yamlSyntaxMessage(file: string, line: number, what: string): string {
  return `error parsing ${file}: error converting YAML to JSON: yaml: line ${line}: ${what}`;
}

/** go-yaml's alias guard, in kubectl's frame. */
export function aliasMessage(file: string): string {
  return `error parsing ${file}: error converting YAML to JSON: yaml: document contains excessive aliasing`;
}

/** A document that is not a mapping (a bare string, a list). */
export function notAnObjectMessage(file: string, jsonType: string): string {
  return `error parsing ${file}: error unmarshaling JSON: while decoding JSON: json: cannot unmarshal ${jsonType} into Go value of type map[string]interface {}`;
}

/** kubectl's client-side check that apiVersion and kind are set. */
export function missingTypeMessage(file: string, missing: string[]): string {
  const what = missing.length === 1 ? missing[0] : `[${missing.join(', ')}]`;
  return `error validating "${file}": error validating data: ${what}; if you choose to ignore these errors, turn validation off with --validate=false`;
}
