import { defineCases } from "../rule.js";
import { exampleKeepalived } from "./example-pair.js";
import type rule from "./referenced-file-differs.js";

const haproxyCfg = `frontend www
    bind 192.0.2.100:80
    http-request set-var(txn.site) req.hdr(host),lower,map_str(/etc/haproxy/maps/hosts.map)
    errorfile 503 /etc/haproxy/errors/503.http
    default_backend web

backend web
    server w1 198.51.100.21:8080 check
`;
const node = (name: string, src: string, peer: string, map: string) => ({
  [`${name}/etc/haproxy/haproxy.cfg`]: haproxyCfg,
  [`${name}/etc/haproxy/maps/hosts.map`]: map,
  [`${name}/etc/haproxy/errors/503.http`]: "HTTP/1.0 503 Service Unavailable\r\n\r\n",
  [`${name}/etc/keepalived/keepalived.conf`]: exampleKeepalived({ src, peers: [peer] }),
});

export default defineCases<typeof rule>({
  valid: [
    {
      name: "the same map on both nodes",
      files: {
        ...node("lb01", "198.51.100.11", "198.51.100.12", "www.example.com www\n"),
        ...node("lb02", "198.51.100.12", "198.51.100.11", "www.example.com www\n"),
      },
    },
  ],
  invalid: [
    {
      name: "lb02's map lacks an entry",
      files: {
        ...node("lb01", "198.51.100.11", "198.51.100.12", "www.example.com www\nshop.example.com shop\n"),
        ...node("lb02", "198.51.100.12", "198.51.100.11", "www.example.com www\n"),
      },
      expect: [{ line: 3, column: 64, file: "lb02/etc/haproxy/haproxy.cfg", messageId: "differs" }],
    },
  ],
});
