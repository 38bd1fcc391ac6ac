/** HAProxy single-file rules (HP###), registered here. */
import type { Rule } from "../rule.js";
import agentCheckOrTrackError from "./agent-check-or-track-error.js";
import backendModeMismatch from "./backend-mode-mismatch.js";
import backendWithoutServers from "./backend-without-servers.js";
import bindAddressShared from "./bind-address-shared.js";
import bindEnvWithoutDefault from "./bind-env-without-default.js";
import checkRulesIgnored from "./check-rules-ignored.js";
import defaultsExplicitAndImplicit from "./defaults-explicit-and-implicit.js";
import defaultsRulesInheritance from "./defaults-rules-inheritance.js";
import sampleArguments from "./sample-arguments.js";
import undefinedReference from "./undefined-reference.js";
import ruleOrder from "./rule-order.js";
import httpchkVersionHeaders from "./httpchk-version-headers.js";
import logFormatIgnored from "./log-format-ignored.js";
import logTarget from "./log-target.js";
import filterDeclaration from "./filter-declaration.js";
import keywordArguments from "./keyword-arguments.js";
import actionArguments from "./action-arguments.js";
import optionValues from "./option-values.js";
import duplicateHaproxyName from "./duplicate-haproxy-name.js";
import dynamicBackendWithoutFallback from "./dynamic-backend-without-fallback.js";
import forwardforIfNone from "./forwardfor-if-none.js";
import haproxySyntaxError from "./haproxy-syntax-error.js";
import healthCheckNeverRuns from "./health-check-never-runs.js";
import httpOptionInTcpMode from "./http-option-in-tcp-mode.js";
import keywordWrongSection from "./keyword-wrong-section.js";
import maxconnLimits from "./maxconn-limits.js";
import missingFinalNewline from "./missing-final-newline.js";
import missingTimeouts from "./missing-timeouts.js";
import proxyWithoutBind from "./proxy-without-bind.js";
import serverWithoutCheck from "./server-without-check.js";
import statsPageExposed from "./stats-page-exposed.js";
import undefinedBackend from "./undefined-backend.js";
import unknownHaproxyKeyword from "./unknown-haproxy-keyword.js";
import userlistInsecurePassword from "./userlist-insecure-password.js";
import weakStatsCredentials from "./weak-stats-credentials.js";
import timeoutWithoutUnit from "./timeout-without-unit.js";
import proxyNameShared from "./proxy-name-shared.js";
import emptyArgument from "./empty-argument.js";
import programSectionDeprecated from "./program-section-deprecated.js";
import serverNameWithoutInitAddr from "./server-name-without-init-addr.js";
import quicServer from "./quic-server.js";
import apiCheckConnectOnly from "./api-check-connect-only.js";
import apiIdleTimeoutShort from "./api-idle-timeout-short.js";
import haproxyVariableNotSet from "./haproxy-variable-not-set.js";
import logProfileStep from "./log-profile-step.js";
import addressSyntax from "./address-syntax.js";
import proxySettingsIncomplete from "./proxy-settings-incomplete.js";

export const haproxyRules: readonly Rule[] = [
  undefinedBackend,
  dynamicBackendWithoutFallback,
  backendModeMismatch,
  backendWithoutServers,
  duplicateHaproxyName,
  serverWithoutCheck,
  healthCheckNeverRuns,
  checkRulesIgnored,
  missingTimeouts,
  statsPageExposed,
  weakStatsCredentials,
  userlistInsecurePassword,
  forwardforIfNone,
  bindAddressShared,
  bindEnvWithoutDefault,
  keywordWrongSection,
  unknownHaproxyKeyword,
  proxyWithoutBind,
  maxconnLimits,
  defaultsExplicitAndImplicit,
  agentCheckOrTrackError,
  httpOptionInTcpMode,
  haproxySyntaxError,
  defaultsRulesInheritance,
  sampleArguments,
  undefinedReference,
  ruleOrder,
  logFormatIgnored,
  logTarget,
  filterDeclaration,
  keywordArguments,
  actionArguments,
  optionValues,
  missingFinalNewline,
  timeoutWithoutUnit,
  proxyNameShared,
  emptyArgument,
  programSectionDeprecated,
  serverNameWithoutInitAddr,
  quicServer,
  apiCheckConnectOnly,
  apiIdleTimeoutShort,
  httpchkVersionHeaders,
  haproxyVariableNotSet,
  logProfileStep,
  addressSyntax,
  proxySettingsIncomplete,
];
