// Topology layout: where the picture puts Services, nodes and pods (pure geometry, so it is tested without a DOM).
import type { ClusterView } from '../../src/core/page.ts';

type ViewPod = ClusterView['pods'][number];
type ViewNode = ClusterView['nodes'][number];
type ViewService = ClusterView['services'][number];

export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface PodBox extends Box {
  pod: ViewPod;
  /** Container lines shown, the pause container first when asked for. */
  containers: { name: string; image: string; ports: number[]; pause: boolean }[];
}

export interface NodeBox extends Box {
  node: ViewNode;
  pods: PodBox[];
}

export interface ServiceBox extends Box {
  service: ViewService;
}

export interface TopologyLayout {
  width: number;
  height: number;
  services: ServiceBox[];
  nodes: NodeBox[];
  /** Pods with no node yet (Pending), in a row of their own. */
  unscheduled: PodBox[];
  /** Where each namespace (pod/…, node/…, svc/…) is drawn, by the name hops use. */
  anchors: Map<string, Box>;
}

export interface LayoutOptions {
  /** Width available, in px; nodes wrap into rows to fit. */
  maxWidth: number;
  showPause: boolean;
  /** Namespaces whose pods are left out (the cluster's own). */
  hideNamespaces?: ReadonlySet<string>;
}

export const METRICS = {
  gap: 10,
  nodeWidth: 156,
  nodeHeader: 58,
  podHeader: 36,
  line: 14,
  podPad: 6,
  serviceWidth: 144,
  serviceHeight: 50,
} as const;

/** The image the picture shows for a pod's sandbox; the view has no sandbox, so the picture says what kubelet uses. */
export const PAUSE_IMAGE = 'registry.k8s.io/pause';

const SYSTEM = new Set(['kube-system', 'kube-public', 'kube-node-lease', 'calico-system', 'kube-flannel', 'tigera-operator']);

function podHeight(containers: number): number {
  return METRICS.podHeader + containers * METRICS.line + METRICS.podPad;
}

function podBox(pod: ViewPod, x: number, y: number, w: number, showPause: boolean): PodBox {
  const containers = [
    ...(showPause && !pod.hostNetwork ? [{ name: 'pause', image: PAUSE_IMAGE, ports: [], pause: true }] : []),
    ...pod.containers.map((c) => ({ ...c, pause: false })),
  ];
  return { pod, containers, x, y, w, h: podHeight(containers.length) };
}

/**
 * The arrow from a Service to one of its endpoints, as an SVG path: down from the Service into the gutter left of
 * the pod's node (or of the pod, unscheduled), down the gutter, and right into the pod's left edge beside its name.
 * Gutters and the band under the Services hold no text, so the arrow crosses no label (node names, IPs and pod
 * blocks sit inside the node's header, where a straight drop onto the pod would run through them).
 */
export function serviceArrow(layout: TopologyLayout, from: Box, to: Box): string {
  const start = { x: from.x + from.w / 2, y: from.y + from.h };
  const node = layout.nodes.find((n) => to.x >= n.x && to.x + to.w <= n.x + n.w && to.y >= n.y && to.y + to.h <= n.y + n.h);
  const outer = node ?? to;
  const gutter = outer.x - METRICS.gap / 2;
  const top = outer.y;
  const y = to.y + 18;
  const band = Math.max(4, top - start.y);
  return (
    `M${start.x},${start.y} C${start.x},${start.y + band * 0.66} ${gutter},${top - band * 0.66} ${gutter},${top} ` +
    `L${gutter},${y - 6} Q${gutter},${y} ${gutter + 6},${y} L${to.x - 2},${y}`
  );
}

/** Lay the view out in rows: Services on top, then nodes (wrapping), then unscheduled pods. */
export function layoutTopology(view: ClusterView, options: LayoutOptions): TopologyLayout {
  const { gap, nodeWidth, nodeHeader, serviceWidth, serviceHeight } = METRICS;
  const hide = options.hideNamespaces ?? SYSTEM;
  const pods = view.pods.filter((p) => !hide.has(p.namespace));
  const perRow = Math.max(1, Math.floor((options.maxWidth - gap) / (nodeWidth + gap)));
  const anchors = new Map<string, Box>();
  let y = gap;

  const services: ServiceBox[] = [];
  const svcList = view.services.filter((s) => !hide.has(s.namespace) && !(s.namespace === 'default' && s.name === 'kubernetes'));
  svcList.forEach((service, i) => {
    const col = i % perRow;
    if (i > 0 && col === 0) y += serviceHeight + gap;
    const box = { service, x: gap + col * (nodeWidth + gap), y, w: serviceWidth, h: serviceHeight };
    services.push(box);
    anchors.set(`svc/${service.namespace}/${service.name}`, box);
  });
  if (svcList.length > 0) y += serviceHeight + gap * 3;

  const nodes: NodeBox[] = [];
  for (let row = 0; row * perRow < view.nodes.length; row++) {
    const rowNodes = view.nodes.slice(row * perRow, (row + 1) * perRow);
    let rowHeight = 0;
    rowNodes.forEach((node, col) => {
      const x = gap + col * (nodeWidth + gap);
      let py = y + nodeHeader;
      const boxes = pods
        .filter((p) => p.node === node.name)
        .map((p) => {
          const b = podBox(p, x + 6, py, nodeWidth - 12, options.showPause);
          py += b.h + 6;
          return b;
        });
      const h = Math.max(nodeHeader + 10, py - y + 4);
      rowHeight = Math.max(rowHeight, h);
      nodes.push({ node, pods: boxes, x, y, w: nodeWidth, h });
    });
    for (const n of nodes.slice(row * perRow)) n.h = rowHeight; // equal heights read as a row
    y += rowHeight + gap;
  }
  for (const n of nodes) {
    // A path through a node runs just under its header, not over its name and addresses.
    anchors.set(`node/${n.node.name}`, { x: n.x, y: n.y + METRICS.nodeHeader - 5, w: n.w, h: 0 });
    for (const p of n.pods) anchors.set(`pod/${p.pod.namespace}/${p.pod.name}`, p);
  }

  const unscheduled: PodBox[] = [];
  pods
    .filter((p) => !p.node || !view.nodes.some((n) => n.name === p.node))
    .forEach((p, i) => {
      const col = i % perRow;
      if (i > 0 && col === 0) y += podHeight(p.containers.length) + gap;
      const b = podBox(p, gap + col * (nodeWidth + gap), y, nodeWidth, options.showPause);
      unscheduled.push(b);
      anchors.set(`pod/${p.namespace}/${p.name}`, b);
    });
  if (unscheduled.length > 0) y += Math.max(...unscheduled.map((b) => b.h)) + gap;

  const width = gap + Math.min(perRow, Math.max(view.nodes.length, svcList.length, unscheduled.length, 1)) * (nodeWidth + gap);
  return { width, height: y, services, nodes, unscheduled, anchors };
}

/** Centre of a box. */
export function centre(b: Box): { x: number; y: number } {
  return { x: b.x + b.w / 2, y: b.y + b.h / 2 };
}

/** The points a probe's path passes, from its hops' namespaces (unknown ones skipped, repeats merged). */
export function hopPoints(layout: TopologyLayout, hops: readonly { at: string }[]): { x: number; y: number }[] {
  const points: { x: number; y: number }[] = [];
  let last: Box | undefined;
  for (const hop of hops) {
    const box = layout.anchors.get(hop.at) ?? layout.anchors.get(normalizeAt(hop.at));
    if (!box || box === last) continue;
    last = box;
    points.push(centre(box));
  }
  return points;
}

/** "pod/busybox" → "pod/default/busybox"; other forms unchanged. */
function normalizeAt(at: string): string {
  const parts = at.split('/');
  return (parts[0] === 'pod' || parts[0] === 'svc') && parts.length === 2 ? `${parts[0]}/default/${parts[1]}` : at;
}
