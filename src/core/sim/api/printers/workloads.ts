// `kubectl get deployments` and `kubectl get replicasets` rows (wide: CONTAINERS, IMAGES, SELECTOR).
import { age } from '../duration.ts';
import { containerCells, formatLabelSelector, type TableDef } from './table-def.ts';

export const deploymentTable: TableDef = {
  kind: 'Deployment',
  columns: [
    { name: 'Name' },
    { name: 'Ready' },
    { name: 'Up-to-date' },
    { name: 'Available' },
    { name: 'Age' },
    { name: 'Containers', priority: 1 },
    { name: 'Images', priority: 1 },
    { name: 'Selector', priority: 1 },
  ],
  row(d, nowMs) {
    const st = d.status ?? {};
    const [names, images] = containerCells(d.spec?.template?.spec?.containers);
    const sel = formatLabelSelector(d.spec?.selector);
    return [
      d.metadata.name,
      `${st.readyReplicas ?? 0}/${d.spec?.replicas ?? 0}`,
      String(st.updatedReplicas ?? 0),
      String(st.availableReplicas ?? 0),
      age(d.metadata.creationTimestamp, nowMs),
      names,
      images,
      sel === '<none>' ? '' : sel,
    ];
  },
};

export const replicaSetTable: TableDef = {
  kind: 'ReplicaSet',
  columns: [
    { name: 'Name' },
    { name: 'Desired' },
    { name: 'Current' },
    { name: 'Ready' },
    { name: 'Age' },
    { name: 'Containers', priority: 1 },
    { name: 'Images', priority: 1 },
    { name: 'Selector', priority: 1 },
  ],
  row(rs, nowMs) {
    const st = rs.status ?? {};
    const [names, images] = containerCells(rs.spec?.template?.spec?.containers);
    return [
      rs.metadata.name,
      String(rs.spec?.replicas ?? 0),
      String(st.replicas ?? 0),
      String(st.readyReplicas ?? 0),
      age(rs.metadata.creationTimestamp, nowMs),
      names,
      images,
      formatLabelSelector(rs.spec?.selector),
    ];
  },
};
