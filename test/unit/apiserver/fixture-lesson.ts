// A small lesson for the API facade tests: names, CIDRs and images unlike the article's, on purpose.
export const FIXTURE_LESSON = `---
id: facade-fixture
title: A cluster for the API facade tests
lang: en
seed: 7
cluster:
  cni: flannel
  podCIDR: 10.244.0.0/16
  nodeCIDR: 172.21.0.0/24
  nodes:
    - { name: ctl, role: control-plane, ip: 172.21.0.2 }
    - { name: wrk-a, role: worker, podCIDR: 10.244.1.0/24 }
    - { name: wrk-b, role: worker, podCIDR: 10.244.2.0/24 }
  workstation: { node: ctl, cwd: /root/lab, user: root }
setup:
  - after: 20m
    manifests: |
      apiVersion: apps/v1
      kind: Deployment
      metadata: { name: echo, labels: { app: echo } }
      spec:
        replicas: 2
        selector: { matchLabels: { app: echo } }
        template:
          metadata: { labels: { app: echo } }
          spec:
            containers:
            - { name: echo, image: registry.k8s.io/e2e-test-images/agnhost:2.39, args: [netexec, --http-port=8080], ports: [ { containerPort: 8080 } ] }
      ---
      apiVersion: v1
      kind: Service
      metadata: { name: echo }
      spec:
        selector: { app: echo }
        ports: [ { port: 80, targetPort: 8080 } ]
      ---
      apiVersion: v1
      kind: Pod
      metadata: { name: toolbox, labels: { role: client } }
      spec:
        containers:
        - { name: shell, image: busybox, command: [sh, -c, 'echo toolbox ready && sleep 3600'] }
---

# Fixture
`;
