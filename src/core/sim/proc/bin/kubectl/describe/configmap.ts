// `kubectl describe configmap`, as ConfigMapDescriber (kubectl pkg/describe/describe.go) prints it: each data key
// with its value under a `----` rule, then BinaryData with sizes. Go ranges over the map in random order; the
// simulator prints keys sorted, one of the orders a real kubectl may print.
import type { KObject } from '../../../../api/types.ts';
import type { Kube } from '../kube.ts';
import type { DescribeWriter } from './writer.ts';
import { printAnnotations, printLabels } from './writer.ts';

export function describeConfigMap(_k: Kube, w: DescribeWriter, cm: KObject): void {
  w.write(0, `Name:\t${cm.metadata.name}\n`);
  w.write(0, `Namespace:\t${cm.metadata.namespace ?? ''}\n`);
  printLabels(w, 'Labels', cm.metadata.labels);
  printAnnotations(w, 'Annotations', cm.metadata.annotations);
  w.write(0, '\nData\n====\n');
  const data = (cm.data ?? {}) as Record<string, string>;
  for (const key of Object.keys(data).sort()) {
    w.write(0, `${key}:\n----\n`);
    w.write(0, `${data[key]}\n`);
    w.write(0, '\n');
  }
  w.write(0, '\nBinaryData\n====\n');
  const binary = (cm.binaryData ?? {}) as Record<string, string>;
  // binaryData values are base64 in the object; kubectl prints the decoded length.
  for (const key of Object.keys(binary).sort()) {
    const b64 = binary[key];
    const pad = b64.endsWith('==') ? 2 : b64.endsWith('=') ? 1 : 0;
    w.write(0, `${key}: ${Math.floor((b64.length * 3) / 4) - pad} bytes\n`);
  }
  w.write(0, '\n');
}
