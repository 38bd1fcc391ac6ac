/** Cluster rules (HA###), registered here. */
import type { Rule } from "../rule.js";
import advertIntMismatch from "./advert-int-mismatch.js";
import authMismatch from "./auth-mismatch.js";
import equalPriorities from "./equal-priorities.js";
import failoverNotTriggered from "./failover-not-triggered.js";
import nopreemptInconsistent from "./nopreempt-inconsistent.js";
import unicastMulticastMismatch from "./unicast-multicast-mismatch.js";
import unicastPeerMismatch from "./unicast-peer-mismatch.js";
import vipSetMismatch from "./vip-set-mismatch.js";
import vridMismatch from "./vrid-mismatch.js";
import vrrpVersionMismatch from "./vrrp-version-mismatch.js";

export const clusterRules: readonly Rule[] = [
  failoverNotTriggered,
  nopreemptInconsistent,
  unicastPeerMismatch,
  unicastMulticastMismatch,
  vridMismatch,
  authMismatch,
  advertIntMismatch,
  vipSetMismatch,
  vrrpVersionMismatch,
  equalPriorities,
];
