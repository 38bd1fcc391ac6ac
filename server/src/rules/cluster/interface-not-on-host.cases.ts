import { defineCases } from "../rule.js";
import type rule from "./interface-not-on-host.js";
import { LB01_UNICAST_WIDE } from "../keepalived/example-configs.js";

const keepalived = (iface: string, extra = "", global = ""): string => `global_defs {
    router_id lb01
${global}}

vrrp_instance VI_1 {
    state MASTER
    interface ${iface}
${LB01_UNICAST_WIDE}${extra}    virtual_ipaddress {
        192.0.2.100/24 dev ${iface}
    }
}
`;

/** `ip -j addr` of a VMware guest: lo and ens192. */
const IP_ADDR = `[{"ifindex":1,"ifname":"lo","flags":["LOOPBACK","UP","LOWER_UP"],"mtu":65536,"operstate":"UNKNOWN",
"addr_info":[{"family":"inet","local":"127.0.0.1","prefixlen":8,"scope":"host","label":"lo"}]},
{"ifindex":2,"ifname":"ens192","flags":["BROADCAST","MULTICAST","UP","LOWER_UP"],"mtu":1500,"operstate":"UP",
"addr_info":[{"family":"inet","local":"192.0.2.11","prefixlen":24,"scope":"global","label":"ens192"}]}]
`;

const node = (conf: string): Record<string, string> => ({
  "lb01/etc/keepalived/keepalived.conf": conf,
  "lb01/etc/ha-lint/ip-addr.json": IP_ADDR,
});

export default defineCases<typeof rule>({
  valid: [
    { name: "the host's interface", files: node(keepalived("ens192")) },
    { name: "no host facts: nothing to compare", files: { "lb01/etc/keepalived/keepalived.conf": keepalived("eth0") } },
    {
      name: "dynamic_interfaces: keepalived waits for it",
      files: node(keepalived("eth0", "", "    dynamic_interfaces\n")),
    },
  ],
  invalid: [
    {
      name: "eth0 copied from another host (instance interface and VIP dev)",
      files: node(keepalived("eth0")),
      expect: [
        { line: 7, file: "lb01/etc/keepalived/keepalived.conf", messageId: "missing" },
        { line: 16, file: "lb01/etc/keepalived/keepalived.conf", messageId: "missing" },
      ],
    },
    {
      name: "a tracked interface the host does not have",
      files: node(keepalived("ens192", "    track_interface {\n        bond0\n    }\n")),
      expect: [{ line: 16, file: "lb01/etc/keepalived/keepalived.conf", messageId: "missing" }],
    },
  ],
});
