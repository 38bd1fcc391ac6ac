import { defineCases } from "../rule.js";
import type rule from "./defaults-explicit-and-implicit.js";

const timeouts = `    timeout connect 5s
    timeout client 30s
    timeout server 30s
`;

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
frontend www
    bind :80
    default_backend web

backend web
    server w1 192.0.2.11:80 check
`,
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
frontend www
    bind :80
    default_backend web

backend web
    server w1 192.0.2.11:80 check

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
