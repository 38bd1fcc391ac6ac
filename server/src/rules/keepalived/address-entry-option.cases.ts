import { defineCases } from "../rule.js";
import type rule from "./address-entry-option.js";
import { BACKUP_INSTANCE_HEAD as instance, OPEN_VI_1_WIDE } from "./example-configs.js";

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
    {
      name: "the other checks of alloc_ipaddress(): dev twice, a long label, peers, lifetimes, track groups, IPv6",
      files: {
        "keepalived.conf": `track_group TG1 {
    group {
        VI_1
    }
}
static_ipaddress {
    192.0.2.50/24 dev eth0 dev eth0
    192.0.2.51/24 label abcdefghijklmnopq
    192.0.2.52/24 peer 192.0.2.1/24 peer 192.0.2.2
    192.0.2.53 peer 2001:db8::1
    192.0.2.54 peer 192.0.2.1 peer 192.0.2.2
    192.0.2.55/24 peer 192.0.2.1
    192.0.2.56/24 preferred_lft soon
    192.0.2.57/24 track_group TG1 track_group TG2
    192.0.2.58/24 track_group TG9
    192.0.2.59 peer 192.0.2.1 broadcast 192.0.2.255
    192.0.2.60/31 broadcast +
    2001:db8::5/64 scope link
    2001:db8::6/64 label lab1
}
${OPEN_VI_1_WIDE}    priority 100
    virtual_ipaddress {
        192.0.2.10/24
    }
}
`,
      },
      realTool:
        "Cannot specify ipaddress device more than once for 192.0.2.50/24[^]*Address label abcdefghijklmnopq is " +
        "longer than maximum length 15[^]*Peer 192.0.2.2 - another peer has already been specified[^]*" +
        "track_group TG2 is a duplicate[^]*track_group TG9 not found[^]*Cannot specify broadcast and peer " +
        "addresses[^]*Address prefix length 31 too long for broadcast[^]*Cannot specify scope for IPv6 " +
        "addresses[^]*Cannot specify label for IPv6 addresses",
      expect: [
        { line: 7, messageId: "devTwice" },
        { line: 8, messageId: "labelTooLong" },
        { line: 9, messageId: "invalidPeer" },
        { line: 9, messageId: "prefixWithPeer" },
        { line: 10, messageId: "peerFamily" },
        { line: 11, messageId: "peerTwice" },
        { line: 11, messageId: "unknown" },
        { line: 12, messageId: "prefixWithPeer" },
        { line: 13, messageId: "badLifetime" },
        { line: 14, messageId: "trackGroupTwice" },
        { line: 15, messageId: "trackGroupMissing" },
        { line: 16, messageId: "broadcastWithPeer" },
        { line: 17, messageId: "prefixTooLong" },
        { line: 18, messageId: "scopeOnIpv6" },
        { line: 19, messageId: "labelOnIpv6" },
      ],
    },
  ],
});
