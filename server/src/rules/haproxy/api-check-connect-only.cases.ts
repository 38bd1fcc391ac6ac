import { defineCases } from "../rule.js";
import type rule from "./api-check-connect-only.js";

const cfg = (backend: string): string => `defaults
    mode tcp
    timeout connect 5s
    timeout client 30m
    timeout server 30m

frontend fe_k8s_api
    bind 127.0.0.1:16443
    default_backend be_k8s_api

backend be_k8s_api
${backend}
`;

export default defineCases<typeof rule>({
  valid: [
    {
      name: "HTTP check of /readyz over TLS",
      files: {
        "haproxy.cfg": cfg(
          `    option httpchk GET /readyz
    http-check expect status 200
    server cp-1 192.0.2.31:6443 check check-ssl verify none`,
        ),
      },
    },
    {
      name: "check options from defaults",
      files: {
        "haproxy.cfg": cfg("    server cp-1 192.0.2.31:6443 check check-ssl verify none").replace(
          `    mode tcp
`,
          `    mode tcp
    option httpchk GET /readyz
`,
        ),
      },
    },
    { name: "not an API port", files: { "haproxy.cfg": cfg("    server db1 192.0.2.41:5432 check") } },
    {
      name: "no check at all (another rule's business)",
      files: { "haproxy.cfg": cfg("    server cp-1 192.0.2.31:6443") },
    },
  ],
  invalid: [
    {
      name: "bare check on 6443",
      files: {
        "haproxy.cfg": cfg(`    server cp-1 192.0.2.31:6443 check
    server cp-2 192.0.2.32:6443 check`),
      },
      expect: [
        { line: 12, messageId: "connectOnly" },
        { line: 13, messageId: "connectOnly" },
      ],
    },
    {
      name: "kubespray#5663's workaround: a TLS handshake only",
      files: { "haproxy.cfg": cfg("    server cp-1 192.0.2.31:6443 check check-ssl verify none inter 10000") },
      expect: [{ line: 12, messageId: "connectOnly" }],
    },
  ],
});
