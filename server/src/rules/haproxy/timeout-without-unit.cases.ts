import { defineCases } from "../rule.js";
import type rule from "./timeout-without-unit.js";
import { FE_WEB } from "./example-configs.js";

const cfg = (global: string, client: string, server = "server s1 127.0.0.1:8080 check"): string => `global
${global}
defaults
    mode http
    timeout client ${client}
    timeout connect 5s
    timeout server 30s

${FE_WEB}
backend be_web
    ${server}
`;

export default defineCases<typeof rule>({
  valid: [
    {
      name: "units everywhere (3.2)",
      settings: { haproxyVersion: "3.2" },
      files: { "haproxy.cfg": cfg("    maxconn 100", "30s") },
    },
    {
      name: "large unit-less value (3.2)",
      settings: { haproxyVersion: "3.2" },
      files: { "haproxy.cfg": cfg("    maxconn 100", "30000") },
    },
  ],
  invalid: [
    {
      name: "30 ms client timeout on 3.2",
      settings: { haproxyVersion: "3.2" },
      files: { "haproxy.cfg": cfg("    maxconn 100", "30") },
      realTool: "suspiciously small for a value in milliseconds",
      expect: [{ line: 5, column: 20, messageId: "warned", severity: "warning" }],
    },
    {
      name: "check interval without unit on 3.2",
      settings: { haproxyVersion: "3.2" },
      files: { "haproxy.cfg": cfg("    maxconn 100", "30s", "server s1 127.0.0.1:8080 check inter 50") },
      realTool: "'inter 50' in server 's1' is suspiciously small",
      expect: [{ line: 14, messageId: "warned" }],
    },
    {
      name: "zero-warning: 3.2 refuses to start",
      settings: { haproxyVersion: "3.2" },
      files: { "haproxy.cfg": cfg("    zero-warning", "30") },
      realTool: "'zero-warning' is set. Aborting",
      expect: [{ line: 5, messageId: "refusesToStart", severity: "error" }],
    },
    {
      name: "before 3.1: accepted silently (info)",
      settings: { haproxyVersion: "2.6" },
      files: { "haproxy.cfg": cfg("    maxconn 100", "30") },
      expect: [{ line: 5, messageId: "notYet", severity: "info" }],
    },
  ],
});
