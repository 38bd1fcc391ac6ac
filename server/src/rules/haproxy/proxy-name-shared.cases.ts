import { defineCases } from "../rule.js";
import type rule from "./proxy-name-shared.js";
import { HTTP_DEFAULTS_CLIENT_FIRST } from "./example-configs.js";

const cfg = (global = "    maxconn 100", backend = "web"): string => `global
${global}
${HTTP_DEFAULTS_CLIENT_FIRST}
frontend web
    bind 127.0.0.1:18080
    default_backend ${backend}

backend ${backend}
    server s1 127.0.0.1:8080 check
`;

export default defineCases<typeof rule>({
  valid: [
    {
      name: "distinct names (3.2)",
      settings: { haproxyVersion: "3.2" },
      files: { "haproxy.cfg": cfg(undefined, "be_web") },
    },
  ],
  invalid: [
    {
      name: "frontend and backend 'web' on 3.2",
      settings: { haproxyVersion: "3.2" },
      files: { "haproxy.cfg": cfg() },
      realTool: "has the same name as frontend 'web'",
      expect: [{ line: 13, column: 9, messageId: "warned" }],
    },
    {
      name: "zero-warning on 3.2",
      settings: { haproxyVersion: "3.2" },
      files: { "haproxy.cfg": cfg("    zero-warning") },
      realTool: "'zero-warning' is set. Aborting",
      expect: [{ line: 13, messageId: "refusesToStart", severity: "error" }],
    },
    {
      name: "refused from 3.3",
      settings: { haproxyVersion: "3.4" },
      files: { "haproxy.cfg": cfg() },
      expect: [{ line: 13, messageId: "refused", severity: "error" }],
    },
    {
      name: "allowed on 3.0 (info)",
      settings: { haproxyVersion: "3.0" },
      files: { "haproxy.cfg": cfg() },
      expect: [{ line: 13, messageId: "notYet", severity: "info" }],
    },
  ],
});
