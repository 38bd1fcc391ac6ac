import { defineCases } from "../rule.js";
import type rule from "./instance-settings-reset.js";
import { OPEN_BACKUP_VI_1, OPEN_VI_1, VIP_10 } from "./example-configs.js";

export default defineCases<typeof rule>({
  valid: [
    {
      name: "unicast with its peer, nopreempt below 255",
      files: {
        "keepalived.conf": `${OPEN_VI_1}  priority 150
  nopreempt
  unicast_src_ip 192.0.2.1
  unicast_peer {
    192.0.2.2
  }
  unicast_ttl 10
${VIP_10}}
`,
      },
    },
    {
      name: "2.3: owner_ignore_adverts on the owner, off below it",
      settings: { keepalivedVersion: "2.3" },
      files: {
        "keepalived.conf": `${OPEN_BACKUP_VI_1}  priority 255
  owner_ignore_adverts
${VIP_10}}
vrrp_instance VI_2 {
  state BACKUP
  interface eth0
  virtual_router_id 52
  priority 100
  owner_ignore_adverts off
  virtual_ipaddress {
    192.0.2.11/24
  }
}
`,
      },
    },
  ],
  invalid: [
    {
      name: "unicast keywords without a peer",
      files: {
        "keepalived.conf": `${OPEN_VI_1}  unicast_src_ip 192.0.2.1
  unicast_ttl 10
${VIP_10}}
`,
      },
      realTool: "A unicast keyword has been specified without any unicast peers",
      expect: [
        { line: 4, messageId: "unicastWithoutPeers" },
        { line: 9, messageId: "ttlWithoutPeers" },
      ],
    },
    {
      name: "the owner with nopreempt and a multicast group",
      files: {
        "keepalived.conf": `vrrp_instance VI_2 {
  interface eth0
  virtual_router_id 52
  priority 255
  nopreempt
  mcast_dst_ip 224.0.0.19
  unicast_peer {
    192.0.2.2
  }
  virtual_ipaddress {
    192.0.2.11/24
  }
}
`,
      },
      realTool: "nopreempt is incompatible with priority 255",
      expect: [
        { line: 5, messageId: "nopreemptOwner" },
        { line: 6, messageId: "mcastWithUnicast" },
      ],
    },
    {
      name: "preempt_delay with nopreempt",
      files: {
        "keepalived.conf": `vrrp_instance VI_3 {
  interface eth0
  virtual_router_id 53
  priority 100
  nopreempt
  preempt_delay 10
  virtual_ipaddress {
    192.0.2.12/24
  }
}
`,
      },
      realTool: "preempt_delay is incompatible with nopreempt mode - resetting",
      expect: [{ line: 6, messageId: "delayWithNopreempt" }],
    },
    {
      name: "the loopback interface",
      files: {
        "keepalived.conf": `vrrp_instance VI_1 {
  interface lo
  virtual_router_id 51
${VIP_10}}
`,
      },
      realTool: "cannot use a loopback interface \\(lo\\) for vrrp - ignoring",
      expect: [{ line: 2, messageId: "loopback", severity: "error" }],
    },
    {
      name: "no interface and no unicast peer",
      files: {
        "keepalived.conf": `vrrp_instance VI_1 {
  virtual_router_id 51
${VIP_10}}
`,
      },
      realTool: "\\(VI_1\\) Unknown interface!",
      expect: [{ line: 1, messageId: "noInterface", severity: "error" }],
    },
    {
      name: "2.2: no interface with unicast peers still stops the VRRP process",
      settings: { keepalivedVersion: "2.2.7" },
      files: {
        "keepalived.conf": `vrrp_instance VI_1 {
  state BACKUP
  virtual_router_id 51
  priority 100
  unicast_src_ip 192.0.2.1
  unicast_peer {
    192.0.2.2
  }
  virtual_ipaddress {
    192.0.2.10/24
    192.0.2.11/24 dev eth0
  }
}
`,
      },
      realTool: "\\(VI_1\\) Unknown interface!",
      expect: [{ line: 1, messageId: "noInterfaceDespitePeers", severity: "error" }],
    },
    {
      name: "2.3: no interface with a unicast_peer block runs, but an address without dev is removed",
      settings: { keepalivedVersion: "2.3" },
      files: {
        "keepalived.conf": `vrrp_instance VI_1 {
  state BACKUP
  virtual_router_id 51
  priority 100
  unicast_src_ip 192.0.2.1
  unicast_peer {
    192.0.2.2
  }
  virtual_ipaddress {
    192.0.2.10/24
    192.0.2.11/24 dev eth0
  }
}
`,
      },
      realTool: "no interface for vip 192\\.0\\.2\\.10/24 - removing",
      expect: [{ line: 10, messageId: "vipWithoutInterface", severity: "warning" }],
    },
    {
      name: "2.3: no interface and no unicast_src_ip stops the VRRP process",
      settings: { keepalivedVersion: "2.3" },
      files: {
        "keepalived.conf": `vrrp_instance VI_1 {
  virtual_router_id 51
  priority 100
  unicast_peer {
    192.0.2.2
  }
  virtual_ipaddress {
    192.0.2.10/24 dev eth0
  }
}
`,
      },
      realTool: "\\(VI_1\\): Unicast instances must have unicast_src_ip or interface",
      expect: [{ line: 1, messageId: "unicastNoSource", severity: "error" }],
    },
    {
      name: "2.3: no interface and a link-local IPv6 source stops the VRRP process",
      settings: { keepalivedVersion: "2.3" },
      files: {
        "keepalived.conf": `vrrp_instance VI_1 {
  virtual_router_id 51
  priority 100
  unicast_src_ip fe80::1
  unicast_peer {
    fe80::2
  }
  virtual_ipaddress {
    2001:db8::10/64 dev eth0
  }
}
`,
      },
      realTool: "\\(VI_1\\) Non link-local address required if interface omitted",
      expect: [{ line: 1, messageId: "linkLocalSource", severity: "error" }],
    },
    {
      name: "2.3: owner_ignore_adverts below 255, and off on the owner",
      settings: { keepalivedVersion: "2.3" },
      files: {
        "keepalived.conf": `${OPEN_BACKUP_VI_1}  priority 100
  owner_ignore_adverts true
${VIP_10}}
vrrp_instance VI_2 {
  state BACKUP
  interface eth0
  virtual_router_id 52
  priority 255
  owner_ignore_adverts no
  virtual_ipaddress {
    192.0.2.11/24
  }
}
`,
      },
      realTool:
        "\\(VI_1\\) ignoring owner_ignore_adverts since priority is not 255[^]*" +
        "\\(VI_2\\) strict_mode with priority 255 requires owner_ignore_adverts",
      expect: [
        { line: 6, messageId: "ownerIgnoreIgnored" },
        { line: 16, messageId: "ownerIgnoreForced" },
      ],
    },
    {
      name: "more than 255 IPv4 VIPs: the rest are moved to the excluded VIPs",
      files: {
        "keepalived.conf": `${OPEN_VI_1}  priority 100
  virtual_ipaddress {
${Array.from({ length: 258 }, (_, i) => `    10.1.${Math.floor(i / 250)}.${(i % 250) + 1}/16\n`).join("")}  }
}
`,
      },
      realTool: "\\(VI_1\\) Number of VIPs \\(258\\) exceeds maximum/space available in packet \\(max 255 addresses\\)",
      expect: [{ line: 261, messageId: "tooManyVips" }],
    },
    {
      name: "more than 89 IPv6 VIPs (at MTU 1500; this machine's 1400 holds 83)",
      files: {
        "keepalived.conf": `${OPEN_VI_1}  priority 100
  virtual_ipaddress {
${Array.from({ length: 95 }, (_, i) => `    2001:db8::${(i + 1).toString(16)}/64\n`).join("")}  }
}
`,
      },
      realTool: "\\(VI_1\\) Number of VIPs \\(95\\) exceeds maximum/space available in packet",
      expect: [{ line: 95, messageId: "tooManyVips6" }],
    },
  ],
});
