// `kubectl cluster-info`: the API server and the kube-system services labelled kubernetes.io/cluster-service=true.
import type { KubectlCommand } from '../command.ts';
import { serverUrl } from '../cluster.ts';

/** go-colortext writes its escape codes to stdout whether or not it is a terminal, as kubectl shows. */
const GREEN = '\x1b[0;32m';
const YELLOW = '\x1b[0;33m';
const RESET = '\x1b[0m';

function line(name: string, link: string): string {
  return `${GREEN}${name}${RESET} is running at ${YELLOW}${link}${RESET}\n`;
}

export const clusterInfoCommand: KubectlCommand = {
  name: 'cluster-info',
  group: 'Cluster Management Commands:',
  short: 'Display cluster information',
  long: "Display addresses of the control plane and services with label kubernetes.io/cluster-service=true. To further debug and diagnose cluster problems, use 'kubectl cluster-info dump'.",
  usage: 'cluster-info [flags] [options]',
  examples: ['# Print the address of the control plane and cluster services', 'kubectl cluster-info'],
  flags: [],
  run(k) {
    const host = serverUrl(k.ctx.cluster);
    const ns = k.explicitNamespace ? k.namespace : 'kube-system';
    let out = line('Kubernetes control plane', host);
    const services = k.api.list('Service', { namespace: ns, selector: { matchLabels: { 'kubernetes.io/cluster-service': 'true' } } });
    for (const svc of services) {
      const ports: { name?: string; port: number }[] = svc.spec?.ports ?? [];
      let name = svc.metadata.name;
      if (ports.length > 0) {
        const p = ports[0];
        const scheme = p.name === 'https' || p.port === 443 ? 'https' : '';
        // utilnet.JoinSchemeNamePort
        if (scheme) name = `${scheme}:${name}:${p.name ?? ''}`;
        else if (p.name) name = `${name}:${p.name}`;
      }
      const link = `${host}/api/v1/namespaces/${svc.metadata.namespace}/services/${name}/proxy`;
      out += line(svc.metadata.labels?.['kubernetes.io/name'] || svc.metadata.name, link);
    }
    out += "\nTo further debug and diagnose cluster problems, use 'kubectl cluster-info dump'.\n";
    k.out(out);
    return 0;
  },
};
