// <podlab-topology>: the cluster as an SVG — nodes with their pod blocks, pods with IPs and containers, Services, the last probe's path.
import { LitElement, css, html, nothing, svg } from 'lit';
import { ruleText, translateReason, type CheckResult, type ClusterView } from '../../src/core/page.ts';
import { outcomeWord, t } from '../i18n/strings.ts';
import { hopPoints, layoutTopology, METRICS, serviceArrow, type PodBox, type ServiceBox, type TopologyLayout } from '../topology/layout.ts';

export class PodlabTopology extends LitElement {
  static override properties = {
    view: { attribute: false },
    probe: { attribute: false },
    lang: { type: String },
    showPause: { state: true },
    width: { state: true },
  };
  static override styles = css`
    :host { display: block; }
    .tools { display: flex; align-items: center; gap: 8px; font-size: 12px; color: var(--podlab-muted, #57606a); margin-bottom: 4px; }
    .tools input:focus-visible { outline: 3px solid #0969da; outline-offset: 2px; }
    .scroll { overflow: auto; }
    svg { display: block; font-family: var(--podlab-sans); }
    .node rect.frame { fill: var(--podlab-bar, #f6f8fa); stroke: #8c959f; }
    .node.down rect.frame { stroke: #cf222e; stroke-dasharray: 4 3; }
    .node .name { font-weight: 700; font-size: 12px; fill: var(--podlab-fg, #1f2328); }
    .node .sub, .pod .sub { font-size: 10.5px; fill: var(--podlab-muted, #57606a); font-family: var(--podlab-mono); }
    .pod rect { fill: var(--podlab-pod-bg, #ddf4ff); stroke: #54aeff; }
    .pod.notready rect { fill: var(--podlab-attention-bg, #fff8c5); stroke: #d4a72c; }
    .pod .name { font-size: 11px; font-weight: 600; fill: var(--podlab-pod-fg, #0a3069); }
    .pod .ctr { font-size: 10px; fill: var(--podlab-fg, #24292f); font-family: var(--podlab-mono); }
    .pod .ctr.pause { fill: #8250df; }
    .pod.isolated rect.box { stroke: #8250df; stroke-width: 2; }
    .pod .iso { font-size: 9.5px; font-weight: 700; fill: #fff; }
    .pod rect.iso-tag { fill: #8250df; stroke: none; }
    .iso-legend { font-size: 12px; color: var(--podlab-muted, #57606a); margin: 4px 0 0; }
    .svc rect { fill: var(--podlab-svc-bg, #fbefff); stroke: #a475f9; }
    .svc .name { font-size: 11px; font-weight: 700; fill: var(--podlab-svc-fg, #512a97); }
    .svc .sub { font-size: 10.5px; fill: var(--podlab-svc-fg, #6639ba); font-family: var(--podlab-mono); }
    path.ep { fill: none; stroke: #a475f9; stroke-width: 1.2; opacity: 0.8; }
    path.hop { fill: none; stroke-width: 3; stroke-linecap: round; stroke-linejoin: round; }
    path.hop.ok { stroke: #1a7f37; }
    path.hop.bad { stroke: #cf222e; stroke-dasharray: 6 4; }
    .probe { font-size: 12px; margin-top: 4px; }
    .probe.ok { color: var(--podlab-success, #1a7f37); }
    .probe.bad { color: var(--podlab-danger, #cf222e); }
    .empty { color: var(--podlab-muted, #57606a); font-size: 13px; }
  `;

  declare view: ClusterView | undefined;
  declare probe: CheckResult | undefined;
  declare lang: string;
  declare showPause: boolean;
  declare width: number;
  private observer?: ResizeObserver;

  constructor() {
    super();
    this.lang = 'en';
    this.showPause = false;
    this.width = 480;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.observer = new ResizeObserver((entries) => {
      const w = Math.floor(entries[0]?.contentRect.width ?? 0);
      if (w > 0 && Math.abs(w - this.width) > 8) this.width = w;
    });
    this.observer.observe(this);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.observer?.disconnect();
  }

  /**
   * Keep every label inside its box: a label wider than the room left in its node, pod or Service box (a long
   * generated pod name, a Chinese pod-block line) is squeezed to fit with SVG's textLength.
   */
  override updated(): void {
    for (const g of this.renderRoot.querySelectorAll<SVGGElement>('g.node, g.pod, g.svc')) {
      const rect = g.querySelector<SVGRectElement>(':scope > rect:not(.iso-tag)');
      if (!rect) continue;
      const right = rect.x.baseVal.value + rect.width.baseVal.value - 4;
      for (const text of g.querySelectorAll<SVGTextElement>(':scope > text')) {
        text.removeAttribute('textLength');
        text.removeAttribute('lengthAdjust');
        const x = text.x.baseVal.numberOfItems > 0 ? text.x.baseVal.getItem(0).value : 0;
        const room = right - x;
        if (room > 0 && text.getComputedTextLength() > room) {
          text.setAttribute('textLength', String(Math.floor(room)));
          text.setAttribute('lengthAdjust', 'spacingAndGlyphs');
        }
      }
    }
  }

  override render() {
    const tools = html`<div class="tools"><label><input type="checkbox" .checked=${this.showPause}
      @change=${(e: Event) => (this.showPause = (e.target as HTMLInputElement).checked)} /> ${t(this.lang, 'showPause')}</label></div>`;
    if (!this.view) return html`${tools}<p class="empty">${t(this.lang, 'noView')}</p>`;
    const layout = layoutTopology(this.view, { maxWidth: Math.max(200, this.width), showPause: this.showPause });
    const probe = this.probe;
    return html`${tools}
      <div class="scroll">
        <svg role="img" aria-label=${this.summary(layout)} width=${layout.width} height=${layout.height} viewBox="0 0 ${layout.width} ${layout.height}">
          <defs>
            <marker id="arrow-svc" viewBox="0 0 8 8" refX="7" refY="4" markerWidth="6" markerHeight="6" orient="auto"><path d="M0,0 L8,4 L0,8 z" fill="#a475f9" /></marker>
            <marker id="arrow-ok" viewBox="0 0 8 8" refX="6" refY="4" markerWidth="5" markerHeight="5" orient="auto"><path d="M0,0 L8,4 L0,8 z" fill="#1a7f37" /></marker>
            <marker id="arrow-bad" viewBox="0 0 8 8" refX="6" refY="4" markerWidth="5" markerHeight="5" orient="auto"><path d="M0,0 L8,4 L0,8 z" fill="#cf222e" /></marker>
          </defs>
          ${layout.nodes.map(
            (n) => svg`<g class="node ${n.node.ready ? '' : 'down'}" data-node=${n.node.name}
              aria-label=${`${t(this.lang, 'nodeWord')} ${n.node.name} ${t(this.lang, n.node.role === 'control-plane' ? 'roleControlPlane' : 'roleWorker')} ${n.node.ip} ${n.node.podCIDR ?? ''}`}>
            <rect class="frame" x=${n.x} y=${n.y} width=${n.w} height=${n.h} rx="8" />
            <text class="name" x=${n.x + 8} y=${n.y + 16}>${n.node.name}${n.node.role === 'control-plane' ? ' ★' : ''}</text>
            <text class="sub" x=${n.x + 8} y=${n.y + 31}>${n.node.ip}</text>
            <text class="sub" x=${n.x + 8} y=${n.y + 45}>${n.node.podCIDR ? t(this.lang, 'podBlock', { cidr: n.node.podCIDR }) : ''}</text>
            ${n.pods.map((p) => this.pod(p))}
          </g>`,
          )}
          ${layout.unscheduled.map((p) => this.pod(p))}
          ${layout.services.map((s) => this.service(s, layout))}
          ${probe ? this.path(layout, probe) : nothing}
        </svg>
      </div>
      ${
        layout.nodes.some((n) => n.pods.some((p) => isolation(p).ingress.length + isolation(p).egress.length > 0))
          ? html`<p class="iso-legend" data-legend="isolation">${t(this.lang, 'isolationLegend')}</p>`
          : nothing
      }
      ${
        probe
          ? html`<div class="probe ${probe.passed ? 'ok' : 'bad'}" role="status">${t(this.lang, 'lastProbe')}: <code>${ruleText(probe.text)}</code> — ${outcomeWord(this.lang, probe.observed)}${probe.passed ? ' ✓' : ` ✗ ${translateReason(this.lang, probe.reason, probe.reasonCodes)}`}</div>`
          : nothing
      }`;
  }

  private pod(p: PodBox) {
    const ready = p.pod.phase === 'Running' && !p.pod.ready.startsWith('0/');
    const iso = isolation(p);
    const isoText = [
      iso.ingress.length ? t(this.lang, 'isolatedIngress', { policies: iso.ingress.join(', ') }) : '',
      iso.egress.length ? t(this.lang, 'isolatedEgress', { policies: iso.egress.join(', ') }) : '',
    ]
      .filter(Boolean)
      .join('; ');
    const tag = [
      iso.ingress.length ? (this.lang.startsWith('zh') ? '入' : 'in') : '',
      iso.egress.length ? (this.lang.startsWith('zh') ? '出' : 'out') : '',
    ]
      .filter(Boolean)
      .join('/');
    const tagW = tag.length * 6.5 + 8;
    return svg`<g class="pod ${ready ? '' : 'notready'} ${tag ? 'isolated' : ''}" data-pod=${`${p.pod.namespace}/${p.pod.name}`}
        data-isolated-ingress=${iso.ingress.length > 0 ? 'true' : nothing} data-isolated-egress=${iso.egress.length > 0 ? 'true' : nothing}
        aria-label=${`${t(this.lang, 'podWord')} ${p.pod.name} ${p.pod.ip ?? t(this.lang, 'noIp')} ${p.pod.phase}${isoText ? `; ${isoText}` : ''}`}>
      <title>${p.pod.name} (${p.pod.namespace}) ${p.pod.phase} ${p.pod.ready}${isoText ? `\n${isoText}` : ''}</title>
      <rect class="box" x=${p.x} y=${p.y} width=${p.w} height=${p.h} rx="6" />
      ${tag ? svg`<rect class="iso-tag" x=${p.x + p.w - tagW - 3} y=${p.y + p.h - 15} width=${tagW} height="12" rx="3" /><text class="iso" x=${p.x + p.w - tagW + 1} y=${p.y + p.h - 6}>${tag}</text>` : nothing}
      <text class="name" x=${p.x + 6} y=${p.y + 14}>${clip(p.pod.name, 24)}</text>
      <text class="sub" x=${p.x + 6} y=${p.y + 28}>${p.pod.ip ?? p.pod.phase}</text>
      ${p.containers.map((c, i) => svg`<text class="ctr ${c.pause ? 'pause' : ''}" x=${p.x + 10} y=${p.y + METRICS.podHeader + 4 + i * METRICS.line}>▪ ${clip(c.name, 14)}${c.ports.length ? ` :${c.ports.join(',')}` : ''}<title>${c.name}: ${c.image}</title></text>`)}
    </g>`;
  }

  private service(s: ServiceBox, layout: TopologyLayout) {
    const port = s.service.ports[0];
    return svg`<g class="svc" data-service=${`${s.service.namespace}/${s.service.name}`}
        aria-label=${`${t(this.lang, 'serviceWord')} ${s.service.name} ${s.service.clusterIP ?? ''} ${t(this.lang, 'endpointsWord')} ${s.service.endpoints.join(' ')}`}>
      <rect x=${s.x} y=${s.y} width=${s.w} height=${s.h} rx="10" />
      <text class="name" x=${s.x + 8} y=${s.y + 16}>svc/${clip(s.service.name, 18)}</text>
      <text class="sub" x=${s.x + 8} y=${s.y + 31}>${s.service.clusterIP ?? 'None'}${port ? `:${port.port}` : ''}</text>
      <text class="sub" x=${s.x + 8} y=${s.y + 44}>${s.service.type} · ${t(this.lang, 'endpointsShort', { n: s.service.endpoints.length })}</text>
      ${s.service.endpoints.map((ep) => {
        const box = layout.anchors.get(`pod/${ep}`);
        return box ? svg`<path class="ep" marker-end="url(#arrow-svc)" d=${serviceArrow(layout, s, box)} />` : nothing;
      })}
    </g>`;
  }

  private path(layout: TopologyLayout, probe: CheckResult) {
    const points = hopPoints(layout, probe.hops);
    if (points.length === 0) return nothing;
    if (points.length === 1) {
      const c = points[0];
      return svg`<circle cx=${c.x} cy=${c.y} r="7" fill="none" stroke=${probe.passed ? '#1a7f37' : '#cf222e'} stroke-width="3" />`;
    }
    const d = points.map((p, i) => `${i === 0 ? 'M' : 'L'}${p.x},${p.y}`).join(' ');
    return svg`<path class="hop ${probe.passed ? 'ok' : 'bad'}" data-probe=${probe.text} marker-end=${`url(#arrow-${probe.passed ? 'ok' : 'bad'})`} d=${d} />`;
  }

  /** One sentence for screen readers: how many nodes, pods, Services. */
  private summary(layout: TopologyLayout): string {
    const pods = layout.nodes.reduce((n, b) => n + b.pods.length, layout.unscheduled.length);
    return `${t(this.lang, 'topologyLabel')}: ${layout.nodes.length} ${t(this.lang, 'nodes')}, ${pods} ${t(this.lang, 'pods')}, ${layout.services.length} ${t(this.lang, 'services')}`;
  }
}

function isolation(p: PodBox): { ingress: string[]; egress: string[] } {
  return p.pod.isolation ?? { ingress: [], egress: [] };
}

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

customElements.define('podlab-topology', PodlabTopology);

declare global {
  interface HTMLElementTagNameMap {
    'podlab-topology': PodlabTopology;
  }
}
