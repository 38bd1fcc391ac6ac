import { defineCases } from "../rule.js";
import type rule from "./program-section-deprecated.js";
import { FE_WEB } from "./example-configs.js";

const cfg = (global: string): string => `global
    master-worker
${global}
defaults
    mode http
    timeout client 30s
    timeout connect 5s
    timeout server 30s

program helper
    command /bin/true

${FE_WEB}
backend be_web
    server s1 127.0.0.1:8080 check
`;

export default defineCases<typeof rule>({
  valid: [
    {
      name: "no program section (3.2)",
      settings: { haproxyVersion: "3.2" },
      files: {
        "haproxy.cfg": cfg("    maxconn 100").replace(
          `program helper
    command /bin/true

`,
          "",
        ),
      },
    },
  ],
  invalid: [
    {
      name: "refused on 3.2",
      settings: { haproxyVersion: "3.2" },
      files: { "haproxy.cfg": cfg("    maxconn 100") },
      realTool: "The 'program' section is deprecated",
      expect: [{ line: 10, messageId: "refused", severity: "error" }],
    },
    {
      name: "opted in on 3.2",
      settings: { haproxyVersion: "3.2" },
      files: { "haproxy.cfg": cfg("    expose-deprecated-directives") },
      expect: [{ line: 10, messageId: "deprecated", severity: "warning" }],
    },
    {
      name: "runs on 2.6 (info)",
      settings: { haproxyVersion: "2.6" },
      files: { "haproxy.cfg": cfg("    maxconn 100") },
      expect: [{ line: 10, messageId: "notYet", severity: "info" }],
    },
  ],
});
