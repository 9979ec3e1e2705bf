// The network class of a pod: everything a packet walk to or from it reads about the network, with the pod's own
// address, host-side veth and name written as placeholders, so two pods the walk cannot tell apart get equal texts.
// It reads the namespaces as the walk finds them (fabric.ts) and routes as the walk looks them up (routing.ts);
// it does not look inside walk.ts. The matrix by classes (check/matrix.ts) relies on it; a property test proves
// the classes exact against the pair-by-pair matrix on random worlds (test/unit/check/matrix-classes.test.ts).
import type { NetnsRef } from '../contracts.ts';
import type { Fabric, Netns } from './fabric.ts';
import { hasAddress, primaryAddress } from './fabric.ts';
import type { NetIf } from './cni/index.ts';
import { lookupRoute, routeText } from './routing.ts';

/** \w, as a regular expression means it: ASCII letters, digits and the underscore. */
function isWordChar(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
}

/**
 * Replace whole occurrences of `word` (not inside a longer address or name) by `to`: where the regular expression
 * /(?<![\w.-])WORD(?![\w-]|\.\d)/g would match, by indexOf (a regular expression per pod was a tenth of the matrix).
 */
export function replaceWord(text: string, word: string, to: string): string {
  if (word === '') return text;
  let out = '';
  let done = 0;
  let i = text.indexOf(word);
  while (i >= 0) {
    const before = i > 0 ? text.charCodeAt(i - 1) : -1;
    const end = i + word.length;
    const after = end < text.length ? text.charCodeAt(end) : -1;
    const next = end + 1 < text.length ? text.charCodeAt(end + 1) : -1;
    const whole =
      !(isWordChar(before) || before === 46 || before === 45) &&
      !(isWordChar(after) || after === 45 || (after === 46 && next >= 48 && next <= 57));
    if (whole) {
      out += text.slice(done, i) + to;
      done = end;
      i = text.indexOf(word, end);
    } else i = text.indexOf(word, i + 1);
  }
  return out + text.slice(done);
}

/** Each device list's host-side veths by pod ("namespace/name"), in device order: built namespaces do not change. */
const vethIndex = new WeakMap<NetIf[], Map<string, NetIf[]>>();

function hostVeths(interfaces: NetIf[]): Map<string, NetIf[]> {
  let index = vethIndex.get(interfaces);
  if (!index) {
    index = new Map();
    for (const i of interfaces) {
      if (i.link.kind !== 'host-veth') continue;
      const key = `${i.link.namespace}/${i.link.pod}`;
      const list = index.get(key);
      if (list) list.push(i);
      else index.set(key, [i]);
    }
    vethIndex.set(interfaces, index);
  }
  return index;
}

function netnsText(ns: Netns): string {
  const interfaces = ns.interfaces.map((i) => ({
    name: i.name,
    type: i.type,
    state: i.state,
    mtu: i.mtu,
    addresses: i.addresses,
    flags: i.flags,
    peer: i.peer?.name,
    link: i.link.kind === 'host-veth' ? 'host-veth' : i.link,
  }));
  return JSON.stringify({
    kind: ns.kind,
    node: ns.node,
    forwards: ns.forwards,
    down: ns.down,
    interfaces,
    routes: ns.routes.map(routeText),
  });
}

/** The class text of an attached pod's namespace (see the top of this file); undefined when it has none. */
export function networkClass(fabric: Fabric, ref: Extract<NetnsRef, { kind: 'pod' }>): string | undefined {
  const ns = fabric.resolve(ref);
  const ip = ns && primaryAddress(ns);
  if (!ns || ns.kind !== 'pod' || !ns.node || !ip) return undefined;
  const veths = ns.interfaces.map((i) => i.peer?.name).filter((n): n is string => n !== undefined);
  const parts: string[] = [netnsText(ns)];
  // Every node and the router: the route each would use towards the pod, and the host side of its veth.
  const others = [...fabric.cluster.nodes.map((n) => fabric.resolve({ kind: 'node', node: n.name })), fabric.router()];
  const pod = `${ref.namespace}/${ref.pod}`;
  for (const other of others) {
    if (!other) continue;
    const route = lookupRoute(other.routes, ip);
    const hostSide = hostVeths(other.interfaces).get(pod);
    const owns = hasAddress(other, ip);
    // Most nodes hold no veth of the pod: '[]', the JSON of an empty list, without writing it.
    const veth = hostSide ? JSON.stringify(hostSide.map((i) => [i.name, i.state, i.mtu, i.addresses, i.flags])) : '[]';
    parts.push(`${other.id} ${other.down ? 'down' : 'up'} ${owns ? 'owns' : ''} ${route ? routeText(route) : '-'} ${veth}`);
  }
  let text = parts.join('\n');
  text = replaceWord(text, ip, '$ip');
  for (const v of veths) text = replaceWord(text, v, '$veth');
  return text;
}
