/** keepalived single-file rules (KA###), registered here. */
import type { Rule } from "../rule.js";
import addressFamilyMismatch from "./address-family-mismatch.js";
import commentCutsValue from "./comment-cuts-value.js";
import authPassTruncated from "./auth-pass-truncated.js";
import bareScriptCommand from "./bare-script-command.js";
import duplicateVrid from "./duplicate-vrid.js";
import fractionalAdvertInt from "./fractional-advert-int.js";
import hairTriggerNetworkCheck from "./hair-trigger-network-check.js";
import includeMatchesNothing from "./include-matches-nothing.js";
import invalidState from "./invalid-state.js";
import invalidValue from "./invalid-value.js";
import missingArgument from "./missing-argument.js";
import repeatedKeyword from "./repeated-keyword.js";
import duplicateBlockName from "./duplicate-block-name.js";
import vrrpScriptWithoutCommand from "./vrrp-script-without-command.js";
import routeAndRuleLines from "./route-and-rule-lines.js";
import authenticationIgnored from "./authentication-ignored.js";
import virtualServerDefaults from "./virtual-server-defaults.js";
import httpCheckUrl from "./http-check-url.js";
import syncGroupMembers from "./sync-group-members.js";
import instanceSettingsReset from "./instance-settings-reset.js";
import noVirtualAddress from "./no-virtual-address.js";
import trackerEntries from "./tracker-entries.js";
import entryOptionWithoutValue from "./entry-option-without-value.js";
import deprecatedKeyword from "./deprecated-keyword.js";
import emptyListBlock from "./empty-list-block.js";
import keepalivedSyntaxError from "./keepalived-syntax-error.js";
import malformedAddress from "./malformed-address.js";
import missingParameter from "./missing-parameter.js";
import mixedVipFamilies from "./mixed-vip-families.js";
import nopreemptWithStateMaster from "./nopreempt-with-state-master.js";
import nopreemptWithWeightedChecks from "./nopreempt-with-weighted-checks.js";
import portGrepWithoutTerminator from "./port-grep-without-terminator.js";
import priorityOutOfRange from "./priority-out-of-range.js";
import scriptSecurityWithoutUser from "./script-security-without-user.js";
import scriptsWithoutScriptSecurity from "./scripts-without-script-security.js";
import shellSyntaxWithoutShell from "./shell-syntax-without-shell.js";
import singleQuotedValue from "./single-quoted-value.js";
import strictModeDropsVipTraffic from "./strict-mode-drops-vip-traffic.js";
import strictModeResets from "./strict-mode-resets.js";
import strictModeWithUnicast from "./strict-mode-with-unicast.js";
import trackOwnInterface from "./track-own-interface.js";
import trackScriptNoReverse from "./track-script-no-reverse.js";
import trackScriptUndefined from "./track-script-undefined.js";
import trackerWeightOutOfRange from "./tracker-weight-out-of-range.js";
import trailingBackslash from "./trailing-backslash.js";
import unbalancedBraces from "./unbalanced-braces.js";
import unicastPeerIsSelf from "./unicast-peer-is-self.js";
import unknownKeepalivedKeyword from "./unknown-keepalived-keyword.js";
import unusedVrrpScript from "./unused-vrrp-script.js";
import vipPrefixOrDevice from "./vip-prefix-or-device.js";
import virtualRouterIdInvalid from "./virtual-router-id-invalid.js";
import weightsInSyncGroup from "./weights-in-sync-group.js";
import weightsOnAddressOwner from "./weights-on-address-owner.js";
import strictFlagArgument from "./strict-flag-argument.js";
import fractionalScriptInterval from "./fractional-script-interval.js";
import duplicateVrrpAddress from "./duplicate-vrrp-address.js";
import scriptPathThroughSymlink from "./script-path-through-symlink.js";
import checkScriptNeverFails from "./check-script-never-fails.js";
import checkRestartsHaproxy from "./check-restarts-haproxy.js";
import scriptTimeoutOverInterval from "./script-timeout-over-interval.js";
import addressEntryOption from "./address-entry-option.js";
import ipvsServiceValues from "./ipvs-service-values.js";
import blockWithoutTarget from "./block-without-target.js";
import zeroRaisedToOne from "./zero-raised-to-one.js";
import expiredTimerWithoutNopreempt from "./expired-timer-without-nopreempt.js";
import ignoredSetting from "./ignored-setting.js";
import virtualMacSettings from "./virtual-mac-settings.js";

export const keepalivedRules: readonly Rule[] = [
  commentCutsValue,
  trackScriptUndefined,
  unusedVrrpScript,
  scriptSecurityWithoutUser,
  scriptsWithoutScriptSecurity,
  authPassTruncated,
  invalidState,
  nopreemptWithStateMaster,
  weightsOnAddressOwner,
  weightsInSyncGroup,
  trackOwnInterface,
  bareScriptCommand,
  shellSyntaxWithoutShell,
  portGrepWithoutTerminator,
  strictModeWithUnicast,
  strictModeDropsVipTraffic,
  strictModeResets,
  unknownKeepalivedKeyword,
  unbalancedBraces,
  trailingBackslash,
  includeMatchesNothing,
  virtualRouterIdInvalid,
  priorityOutOfRange,
  duplicateVrid,
  trackerWeightOutOfRange,
  fractionalAdvertInt,
  mixedVipFamilies,
  vipPrefixOrDevice,
  unicastPeerIsSelf,
  nopreemptWithWeightedChecks,
  hairTriggerNetworkCheck,
  singleQuotedValue,
  trackScriptNoReverse,
  keepalivedSyntaxError,
  malformedAddress,
  missingParameter,
  noVirtualAddress,
  addressFamilyMismatch,
  invalidValue,
  missingArgument,
  repeatedKeyword,
  duplicateBlockName,
  vrrpScriptWithoutCommand,
  routeAndRuleLines,
  authenticationIgnored,
  virtualServerDefaults,
  httpCheckUrl,
  syncGroupMembers,
  instanceSettingsReset,
  trackerEntries,
  entryOptionWithoutValue,
  deprecatedKeyword,
  emptyListBlock,
  strictFlagArgument,
  fractionalScriptInterval,
  duplicateVrrpAddress,
  scriptPathThroughSymlink,
  checkScriptNeverFails,
  checkRestartsHaproxy,
  scriptTimeoutOverInterval,
  addressEntryOption,
  ipvsServiceValues,
  blockWithoutTarget,
  zeroRaisedToOne,
  expiredTimerWithoutNopreempt,
  ignoredSetting,
  virtualMacSettings,
];
