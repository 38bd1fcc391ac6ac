import { defineCases } from "../rule.js";
import type rule from "./strict-mode-resets.js";
import { OPEN_BACKUP_VI_1, OPEN_MASTER_VI_1, OPEN_VI_1_WIDE, VIP_10, VIP_100_WIDE } from "./example-configs.js";

export default defineCases<typeof rule>({
  valid: [
    {
      name: "strict, BACKUP, no auth",
      files: {
        "keepalived.conf": `global_defs {
  vrrp_strict
}
${OPEN_BACKUP_VI_1}  priority 150
${VIP_10}}
`,
      },
    },
    {
      name: "authentication without strict mode",
      files: {
        "keepalived.conf": `${OPEN_MASTER_VI_1}  priority 150
  authentication {
    auth_type PASS
    auth_pass k33pal1v
  }
${VIP_10}}
`,
      },
    },
    {
      name: "strict with the values strict mode keeps",
      files: {
        "keepalived.conf": `global_defs {
  vrrp_strict
}
${OPEN_BACKUP_VI_1}  priority 150
  down_timer_adverts 5
  down_timer_adverts 3
  garp_lower_prio_repeat 0
  garp_lower_prio_delay 0
  lower_prio_no_advert
  higher_prio_send_advert false
  higher_prio_send_advert maybe
${VIP_10}}
`,
      },
    },
    {
      name: "the same values without strict mode",
      files: {
        "keepalived.conf": `${OPEN_BACKUP_VI_1}  priority 150
  down_timer_adverts 5
  garp_lower_prio_repeat 2
  lower_prio_no_advert false
  higher_prio_send_advert
${VIP_10}}
`,
      },
    },
    {
      name: "strict: accept on the owner or under VRRPv3",
      files: {
        "keepalived.conf": `global_defs {
    vrrp_strict
}
${OPEN_VI_1_WIDE}    priority 255
    accept
${VIP_100_WIDE}}
vrrp_instance VI_2 {
    interface eth0
    virtual_router_id 52
    priority 100
    version 3
    accept
    virtual_ipaddress {
        192.0.2.101/24
    }
}
`,
      },
    },
  ],
  invalid: [
    {
      name: "strict MASTER with auth and preempt_delay",
      files: {
        "keepalived.conf": `global_defs {
  vrrp_strict
}
${OPEN_MASTER_VI_1}  priority 150
  preempt_delay 10
  authentication {
    auth_type PASS
    auth_pass k33pal1v
  }
${VIP_10}}
`,
      },
      realTool: "State MASTER must match being address owner",
      expect: [
        { line: 5, messageId: "stateReset" },
        { line: 9, messageId: "preemptDelayReset" },
        { line: 11, messageId: "authIgnored" },
      ],
    },
    {
      name: "strict with state MASTER written twice",
      files: {
        "keepalived.conf": `global_defs {
  vrrp_strict
}
vrrp_instance VI_1 {
  state MASTER
  interface eth0
  state MASTER
  virtual_router_id 51
  priority 150
}
`,
      },
      expect: [{ line: 7, messageId: "stateReset" }],
      fixed: {
        "keepalived.conf": `global_defs {
  vrrp_strict
}
vrrp_instance VI_1 {
  state BACKUP
  interface eth0
  state BACKUP
  virtual_router_id 51
  priority 150
}
`,
      },
    },
    {
      name: "strict resets the advert and gratuitous ARP settings",
      files: {
        "keepalived.conf": `global_defs {
  vrrp_strict
}
${OPEN_BACKUP_VI_1}  priority 150
  down_timer_adverts 5
  garp_lower_prio_repeat 2
  garp_lower_prio_delay 1
  lower_prio_no_advert true
  lower_prio_no_advert off
  higher_prio_send_advert
${VIP_10}}
`,
      },
      realTool:
        "\\(VI_1\\) down_timer_adverts is incompatible with strict mode - resetting[^]*Strict mode requires no " +
        "repeat garps\\. resetting[^]*no repeat garp delay[^]*no lower priority advert[^]*" +
        "higher_prio_send_advert to be clear",
      expect: [
        { line: 9, messageId: "downTimerReset" },
        { line: 10, messageId: "lowerPrioGarpReset" },
        { line: 11, messageId: "lowerPrioGarpReset" },
        { line: 13, messageId: "lowerPrioAdvertReset" },
        { line: 14, messageId: "higherPrioAdvertReset" },
      ],
    },
    {
      name: "strict_mode clears no_virtual_ipaddress from 2.3",
      settings: { keepalivedVersion: "2.3" },
      files: {
        "keepalived.conf": `vrrp_instance VI_1 {
  strict_mode
  state BACKUP
  interface eth0
  virtual_router_id 51
  priority 150
  no_virtual_ipaddress
${VIP_10}}
`,
      },
      realTool: "\\(VI_1\\) no_virtual_ipaddress and strict mode incompatible, clearing no_virtual_ipaddress",
      expect: [{ line: 7, messageId: "noVipsCleared" }],
    },
    {
      name: "strict: accept with VRRPv2, an IPv6 instance set to version 2, a first IPv6 VIP that is not link-local",
      files: {
        "keepalived.conf": `global_defs {
    vrrp_strict
}
${OPEN_VI_1_WIDE}    priority 100
    accept
${VIP_100_WIDE}}
vrrp_instance VI_2 {
    interface eth0
    virtual_router_id 52
    priority 100
    version 2
    virtual_ipaddress {
        2001:db8::10/64
    }
}
vrrp_instance VI_3 {
    interface eth0
    virtual_router_id 53
    priority 100
    virtual_ipaddress {
        fe80::10/64
        2001:db8::11/64
    }
}
`,
      },
      realTool:
        "\\(VI_1\\) warning - accept mode for VRRP version 2 does not comply with RFC3768 - resetting[^]*" +
        "\\(VI_2\\) cannot use IPv6 with VRRP version 2; setting version 3[^]*" +
        "\\(VI_2\\) the first IPv6 VIP address must be link local",
      expect: [
        { line: 8, messageId: "acceptReset" },
        { line: 17, messageId: "ipv6Version3" },
        { line: 19, messageId: "firstVipNotLinkLocal" },
      ],
    },
  ],
});
