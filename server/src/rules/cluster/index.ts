/** Cluster rules (HA###), registered here. */
import type { Rule } from "../rule.js";
import advertIntMismatch from "./advert-int-mismatch.js";
import authMismatch from "./auth-mismatch.js";
import bindAddressUnknown from "./bind-address-unknown.js";
import checkDependsOnVip from "./check-depends-on-vip.js";
import checkProbesWrongPort from "./check-probes-wrong-port.js";
import commonFailureVipLost from "./common-failure-vip-lost.js";
import equalPriorities from "./equal-priorities.js";
import failoverNotTriggered from "./failover-not-triggered.js";
import failoverTime from "./failover-time.js";
import noHaproxyTracking from "./no-haproxy-tracking.js";
import nopreemptInconsistent from "./nopreempt-inconsistent.js";
import nopreemptWeightedTracker from "./nopreempt-weighted-tracker.js";
import notifyManagesHaproxy from "./notify-manages-haproxy.js";
import referencedFileDiffers from "./referenced-file-differs.js";
import referencedFileMissing from "./referenced-file-missing.js";
import standbyCannotBindVip from "./standby-cannot-bind-vip.js";
import standbyConfigDrift from "./standby-config-drift.js";
import strictModeVipDropped from "./strict-mode-vip-dropped.js";
import syncGroupPriorityOrder from "./sync-group-priority-order.js";
import templatePlaceholderUnsupported from "./template-placeholder-unsupported.js";
import templateVariableUnset from "./template-variable-unset.js";
import unicastMulticastMismatch from "./unicast-multicast-mismatch.js";
import unicastPeerMismatch from "./unicast-peer-mismatch.js";
import unicastSrcNotNodeAddress from "./unicast-src-not-node-address.js";
import vipSetMismatch from "./vip-set-mismatch.js";
import vipWithoutFrontend from "./vip-without-frontend.js";
import vridMismatch from "./vrid-mismatch.js";
import bindPortTakenOnNode from "./bind-port-taken-on-node.js";
import hashPlacementDrift from "./hash-placement-drift.js";
import interfaceNotOnHost from "./interface-not-on-host.js";
import keepalivedContainerUnable from "./keepalived-container-unable.js";
import vrrpAdvertsBlocked from "./vrrp-adverts-blocked.js";
import multicastInterfaceUnsupported from "./multicast-interface-unsupported.js";
import vipRemovedByNetworkManager from "./vip-removed-by-network-manager.js";
import peersMismatch from "./peers-mismatch.js";
import vrrpVersionMismatch from "./vrrp-version-mismatch.js";
import wildcardBindWithVip from "./wildcard-bind-with-vip.js";
import staleArpAfterSplitBrain from "./stale-arp-after-split-brain.js";

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
  noHaproxyTracking,
  notifyManagesHaproxy,
  standbyCannotBindVip,
  wildcardBindWithVip,
  bindAddressUnknown,
  vipWithoutFrontend,
  standbyConfigDrift,
  nopreemptWeightedTracker,
  syncGroupPriorityOrder,
  checkDependsOnVip,
  checkProbesWrongPort,
  failoverTime,
  commonFailureVipLost,
  unicastSrcNotNodeAddress,
  strictModeVipDropped,
  templateVariableUnset,
  templatePlaceholderUnsupported,
  referencedFileMissing,
  referencedFileDiffers,
  peersMismatch,
  bindPortTakenOnNode,
  hashPlacementDrift,
  interfaceNotOnHost,
  keepalivedContainerUnable,
  vrrpAdvertsBlocked,
  multicastInterfaceUnsupported,
  vipRemovedByNetworkManager,
  staleArpAfterSplitBrain,
];
