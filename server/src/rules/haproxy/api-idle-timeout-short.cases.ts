import { defineCases } from "../rule.js";
import type rule from "./api-idle-timeout-short.js";

const cfg = (timeouts: string, backendExtra = ""): string => `defaults
    mode tcp
    timeout connect 5s
${timeouts}
frontend fe_k8s_api
    bind 127.0.0.1:16443
    default_backend be_k8s_api

backend be_k8s_api
${backendExtra}    server cp-1 192.0.2.31:6443 check
`;

export default defineCases<typeof rule>({
  valid: [
    {
      name: "one hour each way",
      files: {
        "haproxy.cfg": cfg(`    timeout client 1h
    timeout server 1h
`),
      },
    },
    {
      name: "timeout tunnel replaces short client/server timeouts",
      files: {
        "haproxy.cfg": cfg(`    timeout client 20s
    timeout server 20s
    timeout tunnel 1h
`),
      },
    },
    {
      name: "not an API backend",
      files: {
        "haproxy.cfg": cfg(`    timeout client 20s
    timeout server 20s
`).replace("192.0.2.31:6443", "192.0.2.31:5432"),
      },
    },
  ],
  invalid: [
    {
      name: "kubeadm#2227: 20 s both ways",
      files: {
        "haproxy.cfg": cfg(`    timeout client 20s
    timeout server 20s
`),
      },
      expect: [{ line: 5, messageId: "short" }],
    },
    {
      name: "a short tunnel timeout in the backend",
      files: {
        "haproxy.cfg": cfg(
          `    timeout client 1h
    timeout server 1h
`,
          `    timeout tunnel 50s
`,
        ),
      },
      expect: [{ line: 12, messageId: "short" }],
    },
    {
      name: "a unit-less value is milliseconds",
      files: {
        "haproxy.cfg": cfg(`    timeout client 3600
    timeout server 1h
`),
      },
      expect: [{ line: 4, messageId: "short" }],
    },
  ],
});
