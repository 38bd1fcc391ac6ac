import { defineCases } from "../rule.js";
import type rule from "./address-entry-option.js";

const instance = `vrrp_instance VI_1 {
    state BACKUP
    interface eth0
    virtual_router_id 51
    priority 100
`;

export default defineCases<typeof rule>({
  valid: [
    {
      name: "the options keepalived knows",
      files: {
        "keepalived.conf": `${instance}    virtual_ipaddress {
        192.0.2.10/24 dev eth0 scope global label eth0:1 no_track
        192.0.2.11/24 broadcast 192.0.2.255 -nodad noprefixroute
        192.0.2.12/24 brd + preferred_lft forever home
    }
}
`,
      },
    },
  ],
  invalid: [
    {
      name: "words of ip addr that keepalived does not know",
      files: {
        "keepalived.conf": `${instance}    virtual_ipaddress {
        192.0.2.10/24 dev eth0 valid_lft forever
    }
}
`,
      },
      realTool: "Unknown configuration entry 'valid_lft' for ip address - ignoring",
      expect: [
        { line: 7, messageId: "unknown" },
        { line: 7, messageId: "unknown" },
      ],
    },
    {
      name: "an unexpanded variable",
      files: {
        "keepalived.conf": `${instance}    virtual_ipaddress {
        192.0.2.10/24 $DEV
    }
}
`,
      },
      realTool: "Unknown configuration entry '\\$DEV' for ip address - ignoring",
      expect: [{ line: 7, messageId: "unknown" }],
    },
    {
      name: "a broadcast with a prefix length",
      files: {
        "keepalived.conf": `${instance}    virtual_ipaddress {
        192.0.2.10/24 broadcast 192.0.2.255/24
        192.0.2.11/24
    }
}
`,
      },
      realTool: "VRRP is trying to assign invalid broadcast 192.0.2.255/24. skipping VIP",
      expect: [{ line: 7, messageId: "badBroadcast" }],
    },
    {
      name: "a broadcast on an IPv6 address",
      files: {
        "keepalived.conf": `${instance}    virtual_ipaddress {
        2001:db8::10/64 broadcast 192.0.2.255
    }
}
`,
      },
      realTool: "VRRP is trying to assign a broadcast broadcast to the IPv6 address 2001:db8::10/64",
      expect: [{ line: 7, messageId: "broadcastOnIpv6" }],
    },
  ],
});
