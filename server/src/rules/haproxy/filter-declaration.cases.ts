import { defineCases } from "../rule.js";
import type rule from "./filter-declaration.js";
import { HTTP_DEFAULTS } from "./example-configs.js";

const head = `${HTTP_DEFAULTS}
`;

export default defineCases<typeof rule>({
  valid: [
    {
      name: "filters as their parsers want them",
      files: {
        "haproxy.cfg": `${head}cache small
    total-max-size 4

frontend www
    bind :8080
    filter trace name in quiet
    filter compression
    compression algo gzip
    default_backend web

backend web
    filter cache small
    http-request cache-use small
    http-response cache-store small
    server w1 192.0.2.11:80
`,
      },
    },
    {
      name: "a bandwidth limit in 3.0",
      settings: { haproxyVersion: "3.0" },
      files: {
        "haproxy.cfg": `${head}frontend www
    bind :8080
    filter bwlim-out limit-out default-limit 1m default-period 1s
    http-response set-bandwidth-limit limit-out
    default_backend web

backend web
    server w1 192.0.2.11:80
`,
      },
    },
  ],
  invalid: [
    {
      name: "a SPOE filter without its configuration file",
      files: {
        "haproxy.cfg": `${head}frontend www
    bind :8080
    filter spoe engine ip-reputation
    default_backend web

backend web
    server w1 192.0.2.11:80
`,
      },
      realTool: "'spoe' : missing config file",
      expect: [{ line: 9, messageId: "problem" }],
    },
    {
      name: "a filter option its parser does not know",
      files: {
        "haproxy.cfg": `${head}frontend www
    bind :8080
    filter spoe engine ip config
    filter trace name in verbose
    default_backend web

backend web
    server w1 192.0.2.11:80
`,
      },
      realTool: "'config' option without value",
      expect: [
        { line: 9, messageId: "problem" },
        { line: 10, messageId: "problem" },
      ],
    },
    {
      name: "a cache filter without name, and two compression filters",
      files: {
        "haproxy.cfg": `${head}frontend www
    bind :8080
    filter cache
    filter compression
    filter compression
    default_backend web

backend web
    server w1 192.0.2.11:80
`,
      },
      realTool: "expects a <name> argument",
      expect: [
        { line: 9, messageId: "problem" },
        { line: 11, messageId: "problem" },
      ],
    },
    {
      name: "an unknown filter, a filter of a newer version, and none",
      files: {
        "haproxy.cfg": `${head}frontend www
    bind :8080
    filter gzip
    filter bwlim-out limit-out default-limit 1m default-period 1s
    filter
    default_backend web

backend web
    server w1 192.0.2.11:80
`,
      },
      realTool: "unknown keyword 'gzip'",
      expect: [
        { line: 9, messageId: "unknownFilter" },
        { line: 10, messageId: "filterOfNewerVersion" },
        { line: 11, messageId: "missingName" },
      ],
    },
  ],
});
