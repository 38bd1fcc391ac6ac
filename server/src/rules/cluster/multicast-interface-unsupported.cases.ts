import { defineCases } from "../rule.js";
import type rule from "./multicast-interface-unsupported.js";

const keepalived = (unicast: boolean): string => `vrrp_instance VI_1 {
    state BACKUP
    interface wg0
    virtual_router_id 51
    priority 100
    advert_int 1
${unicast ? "    unicast_src_ip 10.8.0.1\n    unicast_peer {\n        10.8.0.2\n    }\n" : ""}    virtual_ipaddress {
        10.8.0.100/24 dev wg0
    }
}
`;

/** `ip -j link` of a host whose wg0 is a WireGuard tunnel. */
const ipLink = (
  flags: string,
): string => `[{"ifindex":1,"ifname":"lo","flags":["LOOPBACK","UP","LOWER_UP"],"mtu":65536},
{"ifindex":4,"ifname":"wg0","flags":[${flags}],"mtu":1420,"link_type":"none"}]
`;

const TUNNEL = '"POINTOPOINT","NOARP","UP","LOWER_UP"';

const node = (conf: string, flags: string): Record<string, string> => ({
  "lb01/etc/keepalived/keepalived.conf": conf,
  "lb01/etc/ha-lint/ip-link.json": ipLink(flags),
});

export default defineCases<typeof rule>({
  valid: [
    { name: "unicast peers on a tunnel", files: node(keepalived(true), TUNNEL) },
    { name: "a multicast-capable link", files: node(keepalived(false), '"BROADCAST","MULTICAST","UP","LOWER_UP"') },
    { name: "no host facts", files: { "lb01/etc/keepalived/keepalived.conf": keepalived(false) } },
  ],
  invalid: [
    {
      name: "multicast VRRP over a WireGuard tunnel",
      files: node(keepalived(false), TUNNEL),
      expect: [{ line: 3, file: "lb01/etc/keepalived/keepalived.conf", messageId: "noMulticast" }],
    },
  ],
});
