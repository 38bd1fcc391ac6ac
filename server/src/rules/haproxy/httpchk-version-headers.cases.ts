import { defineCases } from "../rule.js";
import type rule from "./httpchk-version-headers.js";
import { FE_WEB, HTTP_DEFAULTS } from "./example-configs.js";

const cfg = (httpchk: string, global = "maxconn 100"): string => `global
    ${global}

${HTTP_DEFAULTS}
${FE_WEB}
backend be_web
    ${httpchk}
    server w1 127.0.0.1:8080 check
`;

export default defineCases<typeof rule>({
  valid: [
    {
      name: "headers sent with http-check send (3.2)",
      settings: { haproxyVersion: "3.2" },
      files: {
        "haproxy.cfg": cfg(`option httpchk GET /health HTTP/1.1
    http-check send hdr Host www.example.net`),
      },
    },
  ],
  invalid: [
    {
      name: "hidden headers on 3.0",
      settings: { haproxyVersion: "3.0" },
      files: { "haproxy.cfg": cfg("option httpchk GET /health HTTP/1.1\\r\\nHost:\\ www.example.net") },
      realTool: "hiding headers or body at the end of the version string is unsupported",
      expect: [{ line: 15, messageId: "refused" }],
    },
    {
      name: "hidden headers on 3.2",
      settings: { haproxyVersion: "3.2" },
      files: { "haproxy.cfg": cfg("option httpchk GET /health HTTP/1.1\\r\\nHost:\\ www.example.net") },
      realTool: "hiding headers or body at the end of the version string is unsupported",
      expect: [{ line: 15, messageId: "refused" }],
    },
    {
      name: "hidden headers on 2.6: a warning",
      settings: { haproxyVersion: "2.6" },
      files: { "haproxy.cfg": cfg("option httpchk GET /health HTTP/1.1\\r\\nHost:\\ www.example.net") },
      realTool: "hiding headers or body at the end of the version string is deprecated",
      expect: [{ line: 15, messageId: "warned", severity: "warning" }],
    },
    {
      name: "hidden headers on 2.6 under zero-warning",
      settings: { haproxyVersion: "2.6" },
      files: {
        "haproxy.cfg": cfg("option httpchk GET /health HTTP/1.1\\r\\nHost:\\ www.example.net", "zero-warning"),
      },
      realTool: "hiding headers or body at the end of the version string is deprecated",
      expect: [{ line: 15, messageId: "refusesToStart", severity: "error" }],
    },
  ],
});
