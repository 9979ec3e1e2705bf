// A tiny exercise used by the grade tests: one exercise file cell, one exercise run cell, visible and hidden checks.
import { parseLesson } from '../../../src/core/lesson/parse.ts';
import type { Lesson } from '../../../src/core/lesson/model.ts';

export const TINY_FRONT = `---
id: tiny
title: Tiny exercise
lang: en
cluster:
  cni: calico
  nodes:
    - { name: n1, role: control-plane }
    - { name: n2, role: worker }
  workstation: { node: n1, cwd: /root, user: root }
---
`;

export const TINY = `${TINY_FRONT}
# Tiny exercise

## 1 Write a Service

\`\`\`yaml file=svc.yaml exercise id=svc
apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  selector: { app: web }
  ports: [{ port: 80 }]
\`\`\`

\`\`\`sh run id=apply
kubectl apply -f svc.yaml
\`\`\`

\`\`\`expect
output contains "service/web created" [points=2 id=created]
busybox -> web:80 ok [hidden points=3 id=reach]
\`\`\`

\`\`\`sh run exercise id=mine
kubectl get endpoints web
\`\`\`

\`\`\`expect
exit 0 [id=mine-ok]
\`\`\`
`;

export function tinyLesson(): Lesson {
  const lesson = parseLesson(TINY, 'tiny.md');
  const errors = lesson.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0) throw new Error(`tiny exercise does not parse: ${JSON.stringify(errors)}`);
  return lesson;
}
