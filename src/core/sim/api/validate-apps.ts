// Validation of workloads with a pod template: Deployment, ReplicaSet, DaemonSet (pkg/apis/apps/validation).
import { goStringMap, invalid, notSupported, required, type FieldError } from './field-errors.ts';
import { matchesSelector } from './selector.ts';
import type { KObject, LabelSelector } from './types.ts';
import { validateLabels } from './validate-meta.ts';
import { validatePodSpec, WORKLOAD_TEMPLATE_RULES } from './validate-pod.ts';

type Json = Record<string, unknown>;
const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Go's %#v of a metav1.LabelSelector, for `field is immutable` style messages. */
export function goLabelSelector(sel: LabelSelector | undefined): { go: string } {
  const ml = sel?.matchLabels ? goStringMap(sel.matchLabels).go : 'map[string]string(nil)';
  const me = sel?.matchExpressions?.length
    ? `[]v1.LabelSelectorRequirement{${sel.matchExpressions
        .map(
          (r) =>
            `v1.LabelSelectorRequirement{Key:"${r.key}", Operator:"${r.operator}", Values:[]string{${(r.values ?? []).map((v) => `"${v}"`).join(', ')}}}`,
        )
        .join(', ')}}`
    : '[]v1.LabelSelectorRequirement(nil)';
  return { go: `&v1.LabelSelector{MatchLabels:${ml}, MatchExpressions:${me}}` };
}

function validateSelectorAndTemplate(obj: KObject, errs: FieldError[], emptyMsg: string): void {
  const spec = obj.spec as Json;
  const sel = isObj(spec.selector) ? (spec.selector as LabelSelector) : undefined;
  if (!sel) errs.push(required('spec.selector'));
  else if (!Object.keys(sel.matchLabels ?? {}).length && !(sel.matchExpressions ?? []).length) {
    errs.push(invalid('spec.selector', goLabelSelector(sel), emptyMsg));
  }
  const template = spec.template;
  if (!isObj(template)) {
    errs.push(required('spec.template'));
    return;
  }
  const meta = isObj(template.metadata) ? template.metadata : {};
  const labels = (meta.labels ?? undefined) as Record<string, string> | undefined;
  errs.push(...validateLabels(labels, 'spec.template.metadata.labels'));
  if (sel && !matchesSelector(sel, labels)) {
    errs.push(invalid('spec.template.metadata.labels', goStringMap(labels), '`selector` does not match template `labels`'));
  }
  errs.push(...validatePodSpec(template.spec, 'spec.template.spec', WORKLOAD_TEMPLATE_RULES));
}

function validateReplicas(spec: Json, errs: FieldError[]): void {
  if (spec.replicas !== undefined && (typeof spec.replicas !== 'number' || spec.replicas < 0)) {
    errs.push(invalid('spec.replicas', Number(spec.replicas), 'must be greater than or equal to 0'));
  }
}

export function validateDeployment(obj: KObject): FieldError[] {
  if (!isObj(obj.spec)) return [required('spec')];
  const errs: FieldError[] = [];
  validateReplicas(obj.spec, errs);
  validateSelectorAndTemplate(obj, errs, 'empty selector is invalid for deployment');
  const strategy = obj.spec.strategy;
  if (isObj(strategy) && strategy.type !== undefined && !['Recreate', 'RollingUpdate'].includes(String(strategy.type))) {
    errs.push(notSupported('spec.strategy.type', String(strategy.type), ['Recreate', 'RollingUpdate']));
  }
  if (isObj(strategy) && strategy.type === 'Recreate' && strategy.rollingUpdate !== undefined) {
    errs.push({
      type: 'FieldValueForbidden',
      field: 'spec.strategy.rollingUpdate',
      detail: "may not be specified when strategy `type` is 'Recreate'",
    });
  }
  return errs;
}

export function validateReplicaSet(obj: KObject): FieldError[] {
  if (!isObj(obj.spec)) return [required('spec')];
  const errs: FieldError[] = [];
  validateReplicas(obj.spec, errs);
  validateSelectorAndTemplate(obj, errs, 'empty selector is invalid for deployment');
  return errs;
}

export function validateDaemonSet(obj: KObject): FieldError[] {
  if (!isObj(obj.spec)) return [required('spec')];
  const errs: FieldError[] = [];
  validateSelectorAndTemplate(obj, errs, 'empty selector is invalid for daemonset');
  return errs;
}
