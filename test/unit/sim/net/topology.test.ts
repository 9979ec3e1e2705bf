import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ClusterSpec, NodeSpec } from '../../../../src/core/lesson/model.ts';
import { PodlabError } from '../../../../src/core/errors.ts';
import { resolveCluster } from '../../../../src/core/sim/net/index.ts';
import { cidrHas, overlaps, parseCidr } from '../../../../src/core/sim/net/cidr.ts';
import { Rng } from '../../../../src/core/sim/rng.ts';

function spec(cni: ClusterSpec['cni'], nodes: NodeSpec[], extra: Partial<ClusterSpec> = {}): ClusterSpec {
  return { cni, nodes, workstation: { node: nodes[0].name, cwd: '/root', user: 'root' }, pins: [], faults: [], setup: [], ...extra };
}

const three: NodeSpec[] = [
  { name: 'master', role: 'control-plane' },
  { name: 'alpha', role: 'worker' },
  { name: 'beta', role: 'worker' },
];

test('defaults per CNI: pool, service CIDR, node subnet and addresses, domain, version', () => {
  const cases: [ClusterSpec['cni'], string, string, string[], string[]][] = [
    ['calico', '192.168.0.0/16', '10.0.0.0/24', ['10.0.0.11', '10.0.0.12', '10.0.0.13'], []],
    [
      'flannel',
      '10.244.0.0/16',
      '10.0.0.0/24',
      ['10.0.0.11', '10.0.0.12', '10.0.0.13'],
      ['10.244.0.0/24', '10.244.1.0/24', '10.244.2.0/24'],
    ],
    [
      'kindnet',
      '10.244.0.0/16',
      '172.18.0.0/16',
      ['172.18.0.2', '172.18.0.3', '172.18.0.4'],
      ['10.244.0.0/24', '10.244.1.0/24', '10.244.2.0/24'],
    ],
  ];
  for (const [cni, pool, nodeCIDR, ips, blocks] of cases) {
    const c = resolveCluster(spec(cni, three), new Rng(7));
    assert.equal(c.podCIDR, pool, cni);
    assert.equal(c.serviceCIDR, '10.96.0.0/12');
    assert.equal(c.nodeCIDR, nodeCIDR, cni);
    assert.equal(c.domain, 'cluster.local');
    assert.equal(c.kubernetesVersion, 'v1.32.0');
    assert.deepEqual(
      c.nodes.map((n) => n.ip),
      ips,
      cni,
    );
    if (blocks.length > 0)
      assert.deepEqual(
        c.nodes.map((n) => n.podCIDR),
        blocks,
        cni,
      );
  }
});

test('calico gives each node a distinct /26 inside the pool, chosen by the seed', () => {
  const a = resolveCluster(spec('calico', three), new Rng(1));
  const b = resolveCluster(spec('calico', three), new Rng(1));
  const c = resolveCluster(spec('calico', three), new Rng(2));
  assert.deepEqual(
    a.nodes.map((n) => n.podCIDR),
    b.nodes.map((n) => n.podCIDR),
  );
  assert.notDeepEqual(
    a.nodes.map((n) => n.podCIDR),
    c.nodes.map((n) => n.podCIDR),
  );
  for (const n of a.nodes) {
    assert.match(n.podCIDR, /\/26$/);
    assert.ok(cidrHas('192.168.0.0/16', n.podCIDR.split('/')[0]));
  }
  const blocks = a.nodes.map((n) => parseCidr(n.podCIDR)!);
  for (let i = 0; i < blocks.length; i++) for (let j = i + 1; j < blocks.length; j++) assert.equal(overlaps(blocks[i], blocks[j]), false);
});

test('pinned blocks and addresses are honoured; the others avoid them', () => {
  const nodes: NodeSpec[] = [
    { name: 'master', role: 'control-plane' },
    { name: 'h2', role: 'worker', podCIDR: '192.168.217.0/26', ip: '10.0.0.22' },
    { name: 'h3', role: 'worker', podCIDR: '192.168.254.192/26' },
  ];
  for (let seed = 0; seed < 30; seed++) {
    const c = resolveCluster(spec('calico', nodes), new Rng(seed));
    assert.equal(c.nodes[1].podCIDR, '192.168.217.0/26');
    assert.equal(c.nodes[2].podCIDR, '192.168.254.192/26');
    assert.equal(c.nodes[1].ip, '10.0.0.22');
    assert.deepEqual([c.nodes[0].ip, c.nodes[2].ip], ['10.0.0.11', '10.0.0.12']);
    const m = parseCidr(c.nodes[0].podCIDR)!;
    assert.equal(overlaps(m, parseCidr('192.168.217.0/26')!) || overlaps(m, parseCidr('192.168.254.192/26')!), false);
  }
  const f = resolveCluster(
    spec('flannel', [
      { name: 'a', role: 'control-plane', podCIDR: '10.244.0.0/24' },
      { name: 'b', role: 'worker' },
    ]),
    new Rng(1),
  );
  assert.deepEqual(
    f.nodes.map((n) => n.podCIDR),
    ['10.244.0.0/24', '10.244.1.0/24'],
  );
});

test('control-plane nodes get the standard labels and the NoSchedule taint unless schedulable', () => {
  const c = resolveCluster(
    spec('calico', [
      { name: 'cp', role: 'control-plane' },
      { name: 'cp2', role: 'control-plane', schedulable: true },
      { name: 'w', role: 'worker', labels: { disk: 'ssd' } },
    ]),
    new Rng(1),
  );
  assert.deepEqual(c.nodes[0].taints, [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }]);
  assert.deepEqual(c.nodes[1].taints, []);
  assert.equal(c.nodes[0].labels['node-role.kubernetes.io/control-plane'], '');
  assert.equal(c.nodes[2].labels['kubernetes.io/hostname'], 'w');
  assert.equal(c.nodes[2].labels.disk, 'ssd');
  assert.equal(c.nodes[2].labels['node-role.kubernetes.io/control-plane'], undefined);
});

test('pins and faults are checked and normalised', () => {
  const c = resolveCluster(
    spec(
      'calico',
      [
        { name: 'm', role: 'control-plane' },
        { name: 'h2', role: 'worker', podCIDR: '192.168.217.0/26' },
      ],
      {
        pins: [{ pod: 'nginx-pod', node: 'h2', ip: '192.168.217.16' }],
        faults: [
          { kind: 'drop-route', node: 'm', to: 'h2' },
          { kind: 'node-down', node: 'h2' },
        ],
      },
    ),
    new Rng(1),
  );
  assert.deepEqual(c.pins, [{ pod: 'nginx-pod', namespace: 'default', node: 'h2', ip: '192.168.217.16' }]);
  assert.equal(c.faults.length, 2);
});

test('impossible specs are lesson-invalid errors that say what is wrong', () => {
  const h2: NodeSpec = { name: 'h2', role: 'worker', podCIDR: '192.168.217.0/26' };
  const m: NodeSpec = { name: 'm', role: 'control-plane' };
  const cases: [string, ClusterSpec, RegExp][] = [
    ['duplicate names', spec('calico', [m, { ...m }]), /appears twice/],
    ['overlapping blocks', spec('calico', [m, h2, { name: 'h3', role: 'worker', podCIDR: '192.168.217.0/24' }]), /overlapping pod CIDRs/],
    ['block outside pool', spec('calico', [m, { name: 'x', role: 'worker', podCIDR: '10.1.0.0/26' }]), /not inside the cluster pod CIDR/],
    ['block with host bits', spec('flannel', [m, { name: 'x', role: 'worker', podCIDR: '10.244.1.5/24' }]), /host bits/],
    [
      'pin ip outside its node block',
      spec('calico', [m, h2], { pins: [{ pod: 'p', node: 'h2', ip: '192.168.218.5' }] }),
      /outside node h2's pod block/,
    ],
    ['pin on unknown node', spec('calico', [m, h2], { pins: [{ pod: 'p', node: 'nope', ip: '192.168.217.5' }] }), /names node "nope"/],
    ['pin on tunnel address', spec('calico', [m, h2], { pins: [{ pod: 'p', node: 'h2', ip: '192.168.217.0' }] }), /reserved/],
    [
      'pin on flannel gateway',
      spec('flannel', [m, { name: 'x', role: 'worker', podCIDR: '10.244.1.0/24' }], { pins: [{ pod: 'p', node: 'x', ip: '10.244.1.1' }] }),
      /reserved/,
    ],
    [
      'two pods on one ip',
      spec('calico', [m, h2], {
        pins: [
          { pod: 'a', ip: '192.168.217.5' },
          { pod: 'b', ip: '192.168.217.5' },
        ],
      }),
      /same ip/,
    ],
    ['pin ip in no block', spec('calico', [m, h2], { pins: [{ pod: 'a', ip: '192.168.250.5' }] }), /in no node's pod block/],
    ['fault on unknown node', spec('calico', [m, h2], { faults: [{ kind: 'node-down', node: 'ghost' }] }), /names node "ghost"/],
    [
      'drop-route to nonsense',
      spec('calico', [m, h2], { faults: [{ kind: 'drop-route', node: 'm', to: 'ghost' }] }),
      /neither a node name nor a CIDR/,
    ],
    ['overlapping pool and services', spec('flannel', [m], { serviceCIDR: '10.244.0.0/20' }), /overlaps/],
    ['node subnet inside the pool', spec('calico', [m], { nodeCIDR: '192.168.1.0/24' }), /overlaps/],
    ['node ip outside its subnet', spec('calico', [{ ...m, ip: '10.9.0.5' }], { nodeCIDR: '10.0.0.0/24' }), /not inside the node subnet/],
    [
      'node ips too far apart to infer a subnet',
      spec('calico', [
        { ...m, ip: '10.9.0.5' },
        { name: 'w', role: 'worker', ip: '10.200.0.5' },
      ]),
      /not inside the node subnet/,
    ],
    ['node ip on the gateway', spec('calico', [{ ...m, ip: '10.0.0.1' }]), /gateway/],
    [
      'same node ip twice',
      spec('calico', [
        { ...m, ip: '10.0.0.5' },
        { name: 'w', role: 'worker', ip: '10.0.0.5' },
      ]),
      /same ip/,
    ],
    ['unknown workstation', { ...spec('calico', [m]), workstation: { node: 'elsewhere', cwd: '/', user: 'root' } }, /workstation/],
    ['no nodes', { ...spec('calico', [m]), nodes: [] }, /empty/],
    ['pool too small', spec('flannel', [m, { name: 'a', role: 'worker' }], { podCIDR: '10.244.0.0/24' }), /no free \/24 block/],
  ];
  for (const [name, s, message] of cases) {
    assert.throws(
      () => resolveCluster(s, new Rng(1)),
      (e: unknown) => e instanceof PodlabError && e.code === 'lesson-invalid' && message.test(e.message),
      name,
    );
  }
});

test('without nodeCIDR, the node subnet is the smallest /24../16 holding the given node ips', () => {
  const cases: [string[], string][] = [
    [['10.10.0.2', '10.10.0.3'], '10.10.0.0/24'],
    [['172.20.1.5', '172.20.7.9'], '172.20.0.0/21'],
    [['192.168.56.10'], '192.168.56.0/24'],
  ];
  for (const [ips, want] of cases) {
    const nodes = ips.map((ip, i) => ({ name: `n${i}`, role: i === 0 ? ('control-plane' as const) : ('worker' as const), ip }));
    const r = resolveCluster({ ...spec('flannel', nodes), podCIDR: '10.244.0.0/16' }, new Rng(1));
    assert.equal(r.nodeCIDR, want, ips.join(','));
  }
});
