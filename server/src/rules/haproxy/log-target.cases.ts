import { defineCases } from "../rule.js";
import type rule from "./log-target.js";

export default defineCases<typeof rule>({
  valid: [
    {
      name: "log lines HAProxy reads",
      files: {
        "haproxy.cfg": `global
    log 127.0.0.1:514 local0
    log /dev/log len 1024 format rfc5424 local1 info notice
    log stdout format raw daemon

defaults
    log global
    no log
    log 127.0.0.1 sample 1:2 local2 err
`,
      },
    },
    {
      name: "a log profile in 3.2",
      settings: { haproxyVersion: "3.2" },
      files: {
        "haproxy.cfg": `global
    log 127.0.0.1:514 profile p1 local0

log-profile p1
`,
      },
    },
  ],
  invalid: [
    {
      name: "an unknown facility",
      files: {
        "haproxy.cfg": `global
    log 127.0.0.1:514 local8
`,
      },
      realTool: "unknown log facility 'local8'",
      expect: [{ line: 2, messageId: "problem" }],
    },
    {
      name: "a log profile before 3.2",
      files: {
        "haproxy.cfg": `global
    log 127.0.0.1:514 profile p1 local0
`,
      },
      realTool: "unknown log facility 'profile'",
      expect: [{ line: 2, messageId: "problem" }],
    },
    {
      name: "a length out of range",
      files: {
        "haproxy.cfg": `global
    log 127.0.0.1:514 len 70 local0
`,
      },
      realTool: "invalid log length '70'",
      expect: [{ line: 2, messageId: "problem" }],
    },
    {
      name: "an unknown level and an extra word",
      files: {
        "haproxy.cfg": `global
    log 127.0.0.1:514 local0 verbose

defaults
    log 127.0.0.1:514 local0 info debug extra
`,
      },
      realTool: "unknown optional log level 'verbose'",
      expect: [
        { line: 2, messageId: "problem" },
        { line: 5, messageId: "problem" },
      ],
    },
    {
      name: "a port range in the target",
      files: {
        "haproxy.cfg": `global
    log 127.0.0.1:10001-10010 local0
`,
      },
      realTool: "port range not permitted here",
      expect: [{ line: 2, messageId: "problem" }],
    },
    {
      name: "log global in the global section, and a target without facility",
      files: {
        "haproxy.cfg": `global
    log global
    log 127.0.0.1
`,
      },
      realTool: "'global' is not supported for a global syslog server",
      expect: [
        { line: 2, messageId: "problem" },
        { line: 3, messageId: "problem" },
      ],
    },
  ],
});
