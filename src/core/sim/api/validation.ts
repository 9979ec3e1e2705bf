// The validation table: one row per kind (create rules, extra update rules), run after defaulting.
import { goStringSlice, invalid, type FieldError } from './field-errors.ts';
import { validatePodSpecUpdate } from './pod-update.ts';
import type { KObject, LabelSelector } from './types.ts';
import { goLabelSelector, validateDaemonSet, validateDeployment, validateReplicaSet } from './validate-apps.ts';
import { validateObjectMeta } from './validate-meta.ts';
import { POD_RULES, validatePodSpec } from './validate-pod.ts';
import { validateService } from './validate-service.ts';
import { validateNetworkPolicy } from './validate-networking.ts';
import { validateAdminNetworkPolicy, validateBaselineAdminNetworkPolicy } from './validate-admin-policy.ts';
import { jsonEqual } from './pod-update.ts';

export interface KindRules {
  validate?: (obj: KObject) => FieldError[];
  /** Extra rules on update (immutability), given the stored object and the defaulted new one. */
  validateUpdate?: (oldObj: KObject, newObj: KObject) => FieldError[];
}

function selectorImmutable(oldObj: KObject, newObj: KObject): FieldError[] {
  const a = oldObj.spec?.selector as LabelSelector | undefined;
  const b = newObj.spec?.selector as LabelSelector | undefined;
  return jsonEqual(a, b) ? [] : [invalid('spec.selector', goLabelSelector(b), 'field is immutable')];
}

export const KIND_RULES: Record<string, KindRules> = {
  Pod: {
    validate: (o) => validatePodSpec(o.spec, 'spec', POD_RULES),
    validateUpdate: (a, b) => validatePodSpecUpdate(a.spec, b.spec),
  },
  Service: {
    validate: validateService,
    validateUpdate: (a, b) => {
      const before = a.spec?.clusterIP;
      const after = b.spec?.clusterIP;
      if (before && after && before !== after && a.spec?.type !== 'ExternalName' && b.spec?.type !== 'ExternalName') {
        return [invalid('spec.clusterIPs[0]', goStringSlice([after]), 'may not change once set')];
      }
      return [];
    },
  },
  Deployment: { validate: validateDeployment, validateUpdate: selectorImmutable },
  ReplicaSet: { validate: validateReplicaSet, validateUpdate: selectorImmutable },
  DaemonSet: { validate: validateDaemonSet, validateUpdate: selectorImmutable },
  NetworkPolicy: { validate: validateNetworkPolicy },
  AdminNetworkPolicy: { validate: validateAdminNetworkPolicy },
  BaselineAdminNetworkPolicy: { validate: validateBaselineAdminNetworkPolicy },
};

/** All create-time errors of an object (metadata, then the kind's rules). */
export function validateCreate(obj: KObject): FieldError[] {
  return [...validateObjectMeta(obj), ...(KIND_RULES[obj.kind]?.validate?.(obj) ?? [])];
}

/** All update-time errors: the create rules on the new object plus the kind's immutability rules. */
export function validateUpdate(oldObj: KObject, newObj: KObject): FieldError[] {
  return [...validateCreate(newObj), ...(KIND_RULES[newObj.kind]?.validateUpdate?.(oldObj, newObj) ?? [])];
}
