import { defineCases } from "../rule.js";
import type rule from "./log-profile-step.js";
import { FE_WEB, GLOBAL_LOG_STDOUT, BE_WEB, LOGGED_HTTP_DEFAULTS } from "./example-configs.js";

const cfg = (step: string): string => `${GLOBAL_LOG_STDOUT}
${LOGGED_HTTP_DEFAULTS}
log-profile access
    ${step}

${FE_WEB}
${BE_WEB}`;

export default defineCases<typeof rule>({
  valid: [
    {
      name: "a format and a drop (3.2)",
      settings: { haproxyVersion: "3.2" },
      files: { "haproxy.cfg": cfg('on any format "%ci %ST"\n    on error drop\n    on http-req sd "%ID"') },
    },
    {
      name: "the variable 3.4 sets itself (3.4)",
      settings: { haproxyVersion: "3.4" },
      files: { "haproxy.cfg": cfg('on any format "${HAPROXY_KEYLOG_FC_LOG_FMT}"') },
    },
    {
      name: "a variable HAProxy 3.2 sets itself (3.2)",
      settings: { haproxyVersion: "3.2" },
      files: { "haproxy.cfg": cfg('on any format "${HAPROXY_HTTP_LOG_FMT}"') },
    },
  ],
  invalid: [
    {
      name: "a variable only 3.4 sets (3.2)",
      settings: { haproxyVersion: "3.2" },
      files: { "haproxy.cfg": cfg('on any format "${HAPROXY_KEYLOG_FC_LOG_FMT}"') },
      realTool: "'on any format' expects a logformat string",
      expect: [{ line: 12, column: 19, messageId: "formatVariableUnset" }],
    },
    {
      name: "no format string",
      settings: { haproxyVersion: "3.2" },
      files: { "haproxy.cfg": cfg("on connect format") },
      realTool: "'on connect format' expects a logformat string",
      expect: [{ line: 12, column: 16, messageId: "noFormat" }],
    },
    {
      name: "unknown step",
      settings: { haproxyVersion: "3.2" },
      files: { "haproxy.cfg": cfg('on everything format "%ci"') },
      realTool: "'on' expects a log step",
      expect: [{ line: 12, column: 8, messageId: "unknownStep" }],
    },
    {
      name: "neither drop, format nor sd",
      settings: { haproxyVersion: "3.2" },
      files: { "haproxy.cfg": cfg('on close format "%ci" drop') },
      realTool: "'on close' expects 'drop', 'format' or 'sd'",
      expect: [{ line: 12, column: 27, messageId: "expectsAction" }],
    },
  ],
});
