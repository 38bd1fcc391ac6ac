import { defineCases } from "../rule.js";
import type rule from "./sync-group-priority-order.js";
import { VIP_100_WIDE } from "../keepalived/example-configs.js";

const node = (prio1: number, prio2: number, state: string): string =>
  `vrrp_sync_group G1 {
    group {
        VI_1
        VI_2
    }
}
vrrp_instance VI_1 {
    state ${state}
    interface eth0
    virtual_router_id 51
    priority ${prio1}
${VIP_100_WIDE}}
vrrp_instance VI_2 {
    state ${state}
    interface eth1
    virtual_router_id 52
    priority ${prio2}
    virtual_ipaddress {
        198.51.100.100/24
    }
}
`;

export default defineCases<typeof rule>({
  valid: [
    {
      name: "same order",
      files: { "lb01/keepalived.conf": node(120, 120, "MASTER"), "lb02/keepalived.conf": node(100, 100, "BACKUP") },
    },
  ],
  invalid: [
    {
      name: "crossed priorities",
      files: { "lb01/keepalived.conf": node(120, 100, "MASTER"), "lb02/keepalived.conf": node(100, 120, "BACKUP") },
      expect: [{ line: 20, file: "lb02/keepalived.conf", messageId: "preferredNodesDiffer" }],
    },
  ],
});
