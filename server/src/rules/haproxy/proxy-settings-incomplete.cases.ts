import { defineCases } from "../rule.js";
import type rule from "./proxy-settings-incomplete.js";
import { TIMEOUTS_30S } from "./example-configs.js";

const defaults = `defaults
${TIMEOUTS_30S}`;

export default defineCases<typeof rule>({
  valid: [
    {
      name: "external checks and email alerts with everything they need (2.6: 3.2 warns about legacy mailers)",
      settings: { haproxyVersion: "2.6" },
      files: {
        "haproxy.cfg": `global
    external-check
    insecure-fork-wanted
${defaults}mailers ops
    mailer smtp1 192.0.2.25:25
backend be
    option external-check
    external-check command /bin/true
    email-alert from lb@example.com
    email-alert mailers ops
    email-alert to ops@example.com
    server s1 192.0.2.1:80 check
`,
      },
    },
  ],
  invalid: [
    {
      name: "a tfo server in a backend that does not retry on empty-response and response-timeout",
      files: {
        "haproxy.cfg": `${defaults}backend b
    server s1 192.0.2.1:80 tfo
backend c
    retry-on conn-failure empty-response response-timeout
    server s1 192.0.2.1:80 tfo
backend d
    retry-on all-retryable-errors
    server s1 192.0.2.1:80 tfo
`,
      },
      realTool: "server has tfo activated",
      expect: [{ line: 6, severity: "warning", messageId: "tfoWithoutRetry" }],
    },
    {
      name: "an external check without insecure-fork-wanted, email alerts without mailers and to",
      files: {
        "haproxy.cfg": `global
    external-check
${defaults}    email-alert from lb@example.com
backend up
    option external-check
    external-check command /bin/true
    server s1 192.0.2.1:80 check
`,
      },
      realTool: "'insecure-fork-wanted' not enabled in the global section",
      expect: [
        { line: 8, severity: "warning", messageId: "noInsecureFork" },
        { line: 8, severity: "warning", messageId: "emailAlertIncomplete" },
      ],
    },
    {
      name: "an empty peers section",
      files: {
        "haproxy.cfg": `${defaults}peers sync
backend be
    server s1 192.0.2.1:80 check
`,
      },
      realTool: "Removing incomplete section 'peers sync'",
      expect: [{ line: 5, severity: "warning", messageId: "emptyPeers" }],
    },
    {
      name: "an external check without its command",
      files: {
        "haproxy.cfg": `global
    external-check
    insecure-fork-wanted
${defaults}backend be
    option external-check
    server s1 192.0.2.1:80 check
`,
      },
      realTool: "unable to find required 'external-check command'",
      expect: [{ line: 8, severity: "error", messageId: "noCommand" }],
    },
    {
      name: "an external check without the global external-check",
      files: {
        "haproxy.cfg": `global
    insecure-fork-wanted
${defaults}backend be
    option external-check
    external-check command /bin/true
    server s1 192.0.2.1:80 check
`,
      },
      realTool: "unable to find required 'global.external-check'",
      expect: [{ line: 7, severity: "error", messageId: "noGlobalExternalCheck" }],
    },
  ],
});
