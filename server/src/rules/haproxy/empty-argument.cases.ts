import { defineCases } from "../rule.js";
import type rule from "./empty-argument.js";
import { FE_WEB, BE_WEB_CHECKED, HTTP_DEFAULTS_CLIENT_FIRST } from "./example-configs.js";

const cfg = (global: string, log: string): string => `global
${global}
    log stdout format raw local0 ${log}

${HTTP_DEFAULTS_CLIENT_FIRST}
${FE_WEB}
${BE_WEB_CHECKED}`;

export default defineCases<typeof rule>({
  valid: [
    {
      name: "no empty word (3.2)",
      settings: { haproxyVersion: "3.2" },
      files: { "haproxy.cfg": cfg("    maxconn 100", "info") },
    },
    {
      name: "a variable HAProxy 3.2 does not set, before another word (parse_line() glues the two)",
      settings: { haproxyVersion: "3.2" },
      files: { "haproxy.cfg": cfg("    maxconn 100", '"${HAPROXY_KEYLOG_FC_LOG_FMT}" info') },
    },
  ],
  invalid: [
    {
      name: "empty word on 3.2",
      settings: { haproxyVersion: "3.2" },
      files: { "haproxy.cfg": cfg("    maxconn 100", '"" info') },
      realTool: "is empty and marks the end of the argument list",
      expect: [{ line: 3, column: 34, messageId: "warned" }],
    },
    {
      name: "a variable HAProxy 3.2 does not set, at the end of the line",
      settings: { haproxyVersion: "3.2" },
      files: { "haproxy.cfg": cfg("    maxconn 100", 'info "${HAPROXY_KEYLOG_FC_LOG_FMT}"') },
      realTool: "argument number 6 at position 39 is empty",
      expect: [{ line: 3, column: 39, messageId: "warned" }],
    },
    {
      name: "zero-warning on 3.2",
      settings: { haproxyVersion: "3.2" },
      files: { "haproxy.cfg": cfg("    zero-warning", "'' info") },
      realTool: "'zero-warning' is set. Aborting",
      expect: [{ line: 3, messageId: "refusesToStart", severity: "error" }],
    },
    {
      name: "silent on 3.0 (info)",
      settings: { haproxyVersion: "3.0" },
      files: { "haproxy.cfg": cfg("    maxconn 100", '"" info') },
      expect: [{ line: 3, messageId: "notYet", severity: "info" }],
    },
  ],
});
