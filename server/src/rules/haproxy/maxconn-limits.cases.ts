import { defineCases } from "../rule.js";
import type rule from "./maxconn-limits.js";

const T =
  "defaults\n    mode http\n    timeout connect 5s\n    timeout client 30s\n    timeout server 30s\n\nfrontend www\n    bind :80\n    default_backend web\n\nbackend web\n    server w1 192.0.2.11:80 check\n";

export default defineCases<typeof rule>({
  valid: [
    {
      name: "frontend below global",
      files: {
        "haproxy.cfg": `global\n    maxconn 20000\n\n${T.replace("bind :80\n", "bind :80\n    maxconn 10000\n")}`,
      },
    },
  ],
  invalid: [
    {
      name: "no global maxconn",
      files: { "haproxy.cfg": `global\n    daemon\n\n${T}` },
      expect: [{ line: 1, messageId: "noGlobalMaxconn", severity: "info" }],
    },
    {
      name: "frontend above global",
      files: {
        "haproxy.cfg": `global\n    maxconn 2000\n\n${T.replace("bind :80\n", "bind :80\n    maxconn 10000\n")}`,
      },
      expect: [{ line: 12, messageId: "aboveGlobal" }],
    },
  ],
});
