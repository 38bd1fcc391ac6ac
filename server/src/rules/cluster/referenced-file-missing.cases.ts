import { defineCases } from "../rule.js";
import { exampleKeepalived } from "./example-pair.js";
import type rule from "./referenced-file-missing.js";

const haproxyCfg = `frontend www
    bind 192.0.2.100:443 ssl crt /etc/haproxy/certs/www.pem
    errorfile 503 /etc/haproxy/errors/503.http
    acl blocked src -f /etc/haproxy/blocked.lst
    http-request deny if blocked
    default_backend web

backend web
    server w1 198.51.100.21:8080 check
`;
const CERT = "(test certificate: only its digest is read)\n";
const PAGE = "HTTP/1.0 503 Service Unavailable\r\n\r\n";
const node = (name: string, src: string, peer: string, extra: Record<string, string> = {}) => ({
  [`${name}/etc/haproxy/haproxy.cfg`]: haproxyCfg,
  [`${name}/etc/keepalived/keepalived.conf`]: exampleKeepalived({
    src,
    peers: [peer],
    check: "/etc/keepalived/check_haproxy.sh",
  }),
  ...extra,
});
const files = (name: string) => ({
  [`${name}/etc/haproxy/certs/www.pem`]: CERT,
  [`${name}/etc/haproxy/errors/503.http`]: PAGE,
  [`${name}/etc/haproxy/blocked.lst`]: "192.0.2.66\n",
  [`${name}/etc/keepalived/check_haproxy.sh`]: "#!/bin/sh\nexec /usr/bin/pgrep -x haproxy\n",
});

export default defineCases<typeof rule>({
  valid: [
    {
      name: "every referenced file on both nodes",
      files: {
        ...node("lb01", "198.51.100.11", "198.51.100.12", files("lb01")),
        ...node("lb02", "198.51.100.12", "198.51.100.11", files("lb02")),
      },
    },
    {
      name: "programs under a folder the tree does not have are not looked up",
      files: {
        "lb01/etc/keepalived/keepalived.conf": exampleKeepalived({}),
        "lb02/etc/keepalived/keepalived.conf": exampleKeepalived({ src: "198.51.100.12", peers: ["198.51.100.11"] }),
      },
    },
  ],
  invalid: [
    {
      name: "lb02 lacks the certificate and the check script",
      files: {
        ...node("lb01", "198.51.100.11", "198.51.100.12", files("lb01")),
        ...node("lb02", "198.51.100.12", "198.51.100.11", {
          "lb02/etc/haproxy/errors/503.http": PAGE,
          "lb02/etc/haproxy/blocked.lst": "192.0.2.66\n",
        }),
      },
      expect: [
        { line: 2, column: 34, file: "lb02/etc/haproxy/haproxy.cfg", messageId: "haproxy", severity: "error" },
        { line: 7, column: 12, file: "lb02/etc/keepalived/keepalived.conf", messageId: "script", severity: "warning" },
      ],
    },
  ],
});
