// networking.k8s.io/v1 NetworkPolicy as stored (kubernetes/kubernetes pkg/apis/networking/types.go), and the
// structured verdicts the dataplane gives for one direction of one connection.
import type { KObject, LabelSelector } from '../../api/types.ts';
import type { AdminMatch } from './admin.ts';

export type PolicyProtocol = 'TCP' | 'UDP' | 'SCTP';
export type PolicyDirection = 'ingress' | 'egress';

export interface NetworkPolicyPort {
  /** Defaults to TCP. */
  protocol?: PolicyProtocol;
  /** A number or an IANA_SVC_NAME (a container port's name); unset: every port of the protocol. */
  port?: number | string;
  /** With a numeric `port`: the range port..endPort, inclusive. */
  endPort?: number;
}

export interface IPBlock {
  cidr: string;
  except?: string[];
}

export interface NetworkPolicyPeer {
  podSelector?: LabelSelector;
  namespaceSelector?: LabelSelector;
  ipBlock?: IPBlock;
}

export interface NetworkPolicyIngressRule {
  ports?: NetworkPolicyPort[];
  from?: NetworkPolicyPeer[];
}

export interface NetworkPolicyEgressRule {
  ports?: NetworkPolicyPort[];
  to?: NetworkPolicyPeer[];
}

export interface NetworkPolicySpec {
  podSelector?: LabelSelector;
  ingress?: NetworkPolicyIngressRule[];
  egress?: NetworkPolicyEgressRule[];
  policyTypes?: ('Ingress' | 'Egress')[];
}

export interface NetworkPolicy extends KObject {
  spec: NetworkPolicySpec;
}

/** The far end of a connection as a policy sees it: an address, and the pod behind it if the address is a pod's. */
export interface PolicyPeer {
  ip: string;
  pod?: { namespace: string; name: string; labels: Record<string, string> };
  /** The pod's namespace labels (looked up lazily by the evaluator when undefined). */
  namespaceLabels?: Record<string, string>;
}

/** The rule that let a connection through: the policy, the rule's index, and the peer's index (none: "any peer"). */
export interface PolicyAllow {
  policy: string;
  rule: number;
  peer?: number;
}

/**
 * One direction's decision for one connection.
 * - not-isolated: no policy selects the pod for this direction (everything allowed);
 * - exempt: never subject to policy (a pod to itself; its own node to it);
 * - allowed: isolated, and `by` allowed it; denied: isolated by `isolatedBy`, and no rule of theirs matches.
 * `admin`: an AdminNetworkPolicy or BaselineAdminNetworkPolicy rule decided (Allow or Deny; `by` then names the admin
 * policy and `isolatedBy` is empty). `passed`: an ANP rule passed the connection on to NetworkPolicy/BANP.
 * `ignored`: an admin rule the CNI does not enforce would have decided this connection (for the "not enforced" why).
 */
export type DirectionVerdict = (
  | { direction: PolicyDirection; pod: string; kind: 'not-isolated' }
  | { direction: PolicyDirection; pod: string; kind: 'exempt'; why: 'self' | 'own-node' }
  | { direction: PolicyDirection; pod: string; kind: 'allowed'; isolatedBy: string[]; by: PolicyAllow; admin?: AdminMatch }
  | { direction: PolicyDirection; pod: string; kind: 'denied'; isolatedBy: string[]; admin?: AdminMatch }
) & { passed?: AdminMatch; ignored?: AdminMatch };

/** What a connection's policy check was about, for the sentences: peer address and port/protocol after DNAT. */
export interface PolicyTraffic {
  src: string;
  dst: string;
  port: number;
  proto: 'TCP' | 'UDP' | 'SCTP' | 'ICMP';
}
