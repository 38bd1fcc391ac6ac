import { defineCases } from "../rule.js";
import type rule from "./address-family-mismatch.js";
import { BACKUP_INSTANCE_HEAD, VIP_100_WIDE } from "./example-configs.js";

const instance = `${BACKUP_INSTANCE_HEAD}`;

export default defineCases<typeof rule>({
  valid: [
    {
      name: "an IPv6 instance with IPv6 addresses",
      files: {
        "keepalived.conf": `${instance}    unicast_src_ip fd00::11
    unicast_peer {
        fd00::12
    }
    virtual_ipaddress {
        fd00::100/64
    }
}
`,
      },
    },
  ],
  invalid: [
    {
      name: "an IPv6 peer in an IPv4 instance",
      files: {
        "keepalived.conf": `${instance}    unicast_src_ip 192.0.2.11
    unicast_peer {
        192.0.2.12
        2001:db8::12
    }
${VIP_100_WIDE}}
`,
      },
      realTool: "unicast peer address\\[2001:db8::12\\] MUST be of the same family",
      expect: [{ line: 9, messageId: "peer" }],
    },
    {
      name: "the only peer is of the other family",
      files: {
        "keepalived.conf": `${instance}    unicast_src_ip 192.0.2.11
    unicast_peer {
        2001:db8::12
    }
${VIP_100_WIDE}}
`,
      },
      realTool: "unicast peer address\\[2001:db8::12\\] MUST be of the same family",
      expect: [{ line: 8, messageId: "lastPeer" }],
    },
    {
      name: "the source address sets the family: IPv4 peer, group and VIP are skipped",
      files: {
        "keepalived.conf": `${instance}    unicast_src_ip fd00::11
    mcast_src_ip 192.0.2.11
    mcast_dst_ip 224.0.0.19
    unicast_peer {
        fd00::12
        192.0.2.12
    }
    virtual_ipaddress {
        fd00::100/64
        192.0.2.100/24
    }
}
`,
      },
      realTool: "address family must match VRRP instance \\[192.0.2.100/24\\]",
      expect: [
        { line: 7, messageId: "source" },
        { line: 8, messageId: "group" },
        { line: 11, messageId: "peer" },
        { line: 15, messageId: "vip" },
      ],
    },
  ],
});
