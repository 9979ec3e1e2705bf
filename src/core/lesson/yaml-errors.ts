// YAML error positions: where to point for a `yaml` parse error, moving "unclosed" errors back to the opening.
import { isMap, isNode, isScalar, isSeq, visit, type Document, type YAMLError } from 'yaml';

/** Which kind of node an "unclosed" error is about, or undefined for errors `yaml` already places well. */
function unclosedOpener(e: YAMLError): ((node: unknown) => boolean) | undefined {
  if (e.code === 'MISSING_CHAR' && e.message.includes('quote')) {
    return (n) => isScalar(n) && (n.type === 'QUOTE_DOUBLE' || n.type === 'QUOTE_SINGLE');
  }
  if (e.message.includes('end with a')) {
    if (e.message.startsWith('Flow map')) return (n) => isMap(n) && n.flow === true;
    if (e.message.startsWith('Flow sequence')) return (n) => isSeq(n) && n.flow === true;
  }
  return undefined;
}

/**
 * The offset to report for `e`. For an unclosed quoted string or flow collection (which `yaml`
 * reports at its end, often lines later) this is where that string or collection opens.
 */
export function yamlErrorOffset(doc: Document.Parsed, e: YAMLError): number {
  const at = e.pos[0];
  const opener = unclosedOpener(e);
  if (!opener) return at;
  let best: number | undefined;
  visit(doc, (_key, node) => {
    if (!isNode(node) || !node.range || !opener(node)) return;
    const [start, end] = node.range;
    if (end === at && start < at && (best === undefined || start > best)) best = start;
  });
  return best ?? at;
}
