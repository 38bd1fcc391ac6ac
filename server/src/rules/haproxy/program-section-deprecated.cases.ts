import { defineCases } from "../rule.js";
import type rule from "./program-section-deprecated.js";
import { FE_WEB, BE_WEB_CHECKED, HTTP_DEFAULTS_CLIENT_FIRST } from "./example-configs.js";

const cfg = (global = "    maxconn 100"): string => `global
    master-worker
${global}
${HTTP_DEFAULTS_CLIENT_FIRST}
program helper
    command /bin/true

${FE_WEB}
${BE_WEB_CHECKED}`;

export default defineCases<typeof rule>({
  valid: [
    {
      name: "no program section (3.2)",
      settings: { haproxyVersion: "3.2" },
      files: {
        "haproxy.cfg": cfg().replace(
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
      files: { "haproxy.cfg": cfg() },
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
      files: { "haproxy.cfg": cfg() },
      expect: [{ line: 10, messageId: "notYet", severity: "info" }],
    },
  ],
});
