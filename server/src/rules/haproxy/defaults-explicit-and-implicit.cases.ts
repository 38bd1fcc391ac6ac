import { defineCases } from "../rule.js";
import type rule from "./defaults-explicit-and-implicit.js";
import { BACKEND_WEB, FRONTEND_WWW, TIMEOUTS_30S } from "./example-configs.js";

const timeouts = `${TIMEOUTS_30S}`;

export default defineCases<typeof rule>({
  valid: [
    {
      name: "explicit users only, then a last anonymous defaults",
      files: {
        "haproxy.cfg": `defaults tcp_defaults
    mode tcp
${timeouts}
frontend pg from tcp_defaults
    bind :5432
    default_backend pg

backend pg from tcp_defaults
    server pg1 192.0.2.31:5432 check

defaults
    mode http
${timeouts}
${FRONTEND_WWW}
${BACKEND_WEB}`,
      },
    },
  ],
  invalid: [
    {
      name: "backend forgot from",
      files: {
        "haproxy.cfg": `defaults tcp_defaults
    mode tcp
${timeouts}
frontend pg from tcp_defaults
    bind :5432
    default_backend pg

backend pg
    server pg1 192.0.2.31:5432 check
`,
      },
      realTool: "defaults section 'tcp_defaults' .* is explicitly referenced by another proxy and implicitly used here",
      expect: [{ line: 11, messageId: "implicitAfterExplicit" }],
    },
    {
      name: "named defaults derived from the one in use",
      files: {
        "haproxy.cfg": `defaults base
${timeouts}
${FRONTEND_WWW}
${BACKEND_WEB}
defaults http from base
    mode http
`,
      },
      realTool: "defaults section 'base' .* is explicitly referenced",
      expect: [{ line: 13, messageId: "explicitAfterImplicit" }],
    },
    {
      name: "HAProxy 3.2 prints it as a warning",
      settings: { haproxyVersion: "3.2" },
      files: {
        "haproxy.cfg": `defaults tcp_defaults
    mode tcp
${timeouts}
frontend pg from tcp_defaults
    bind :5432
    default_backend pg

backend pg
    server pg1 192.0.2.31:5432 check
`,
      },
      realTool: "explicitly referenced by another proxy and implicitly used here",
      expect: [{ line: 11, messageId: "implicitAfterExplicit" }],
    },
  ],
});
