// `kubectl get daemonsets` rows, as printDaemonSet in kubernetes pkg/printers/internalversion/printers.go builds them:
// NAME DESIRED CURRENT READY UP-TO-DATE AVAILABLE NODE SELECTOR AGE, and with -o wide CONTAINERS IMAGES SELECTOR.
import { age } from '../duration.ts';
import { containerCells, formatLabelSelector, formatLabels, type TableDef } from './table-def.ts';

export const daemonSetTable: TableDef = {
  kind: 'DaemonSet',
  columns: [
    { name: 'Name' },
    { name: 'Desired' },
    { name: 'Current' },
    { name: 'Ready' },
    { name: 'Up-to-date' },
    { name: 'Available' },
    { name: 'Node Selector' },
    { name: 'Age' },
    { name: 'Containers', priority: 1 },
    { name: 'Images', priority: 1 },
    { name: 'Selector', priority: 1 },
  ],
  row(ds, nowMs) {
    const st = ds.status ?? {};
    const podSpec = ds.spec?.template?.spec;
    const [names, images] = containerCells(podSpec?.containers);
    return [
      ds.metadata.name,
      String(st.desiredNumberScheduled ?? 0),
      String(st.currentNumberScheduled ?? 0),
      String(st.numberReady ?? 0),
      String(st.updatedNumberScheduled ?? 0),
      String(st.numberAvailable ?? 0),
      formatLabels(podSpec?.nodeSelector),
      age(ds.metadata.creationTimestamp, nowMs),
      names,
      images,
      formatLabelSelector(ds.spec?.selector),
    ];
  },
};
