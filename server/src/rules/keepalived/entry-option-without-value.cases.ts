import { defineCases } from "../rule.js";
import type rule from "./entry-option-without-value.js";
import { BACKUP_INSTANCE_HEAD, OPEN_VI_1_WIDE, VIP_100_WIDE } from "./example-configs.js";

export default defineCases<typeof rule>({
  valid: [
    {
      name: "options with their values",
      files: {
        "keepalived.conf": `${BACKUP_INSTANCE_HEAD}    unicast_src_ip 192.0.2.1
    unicast_peer {
        192.0.2.2 min_ttl 250 max_ttl 255
    }
    virtual_ipaddress {
        192.0.2.10/24 dev eth0 label eth0:vip scope global
        192.0.2.11/24 no_track
    }
}
`,
      },
    },
  ],
  invalid: [
    {
      name: "a virtual address whose dev, label or brd has no value",
      files: {
        "keepalived.conf": `${BACKUP_INSTANCE_HEAD}    virtual_ipaddress {
        192.0.2.10/24
        192.0.2.11/24 dev
        192.0.2.12/24 dev eth0 label
        192.0.2.13/24 brd
    }
    virtual_ipaddress_excluded {
        192.0.2.20 scope
    }
}
`,
      },
      realTool: "No dev parameter specified for 192\\.0\\.2\\.11/24",
      expect: [
        { line: 8, messageId: "addressDropped" },
        { line: 9, messageId: "addressDropped" },
        { line: 10, messageId: "addressDropped" },
        { line: 13, messageId: "addressDropped" },
      ],
    },
    {
      name: "2.2: a unicast peer option without its value",
      settings: { keepalivedVersion: "2.2.7" },
      files: {
        "keepalived.conf": `${BACKUP_INSTANCE_HEAD}    unicast_src_ip 192.0.2.1
    unicast_peer {
        192.0.2.2 min_ttl
        192.0.2.3 min_ttl 250 max_ttl
    }
    virtual_ipaddress {
        192.0.2.10/24
    }
}
`,
      },
      realTool: "\\(VI_1\\) min_ttl is missing a value",
      expect: [
        { line: 8, messageId: "peerOptionIgnored" },
        { line: 9, messageId: "peerOptionIgnored" },
      ],
    },
    {
      name: "2.3: the message names the peer",
      settings: { keepalivedVersion: "2.3" },
      files: {
        "keepalived.conf": `${BACKUP_INSTANCE_HEAD}    unicast_src_ip 192.0.2.1
    unicast_peer {
        192.0.2.2 max_ttl
    }
    virtual_ipaddress {
        192.0.2.10/24
    }
}
`,
      },
      realTool: "\\(VI_1\\) 192\\.0\\.2\\.2 - max_ttl is missing a value",
      expect: [{ line: 8, messageId: "peerOptionIgnored" }],
    },
    {
      name: "2.2: an unknown unicast_peer option, and min_ttl above max_ttl",
      settings: { keepalivedVersion: "2.2" },
      files: {
        "keepalived.conf": `${BACKUP_INSTANCE_HEAD}    unicast_src_ip 192.0.2.1
    unicast_peer {
        192.0.2.2 ttl 64
        192.0.2.3 min_ttl 200 max_ttl 100
        192.0.2.4 max_ttl 100 min_ttl 100
    }
    virtual_ipaddress {
        192.0.2.10/24
    }
}
`,
      },
      realTool:
        "\\(VI_1\\) unknown unicast_peer option ttl[^]*\\(VI_1\\) min_ttl 200 > max_ttl 100 - all packets will be discarded",
      expect: [
        { line: 8, messageId: "peerOptionUnknown" },
        { line: 9, messageId: "peerTtlRange" },
      ],
    },
    {
      name: "2.3: an unknown unicast_peer option, and min_ttl above max_ttl",
      settings: { keepalivedVersion: "2.3" },
      files: {
        "keepalived.conf": `${BACKUP_INSTANCE_HEAD}    unicast_src_ip 192.0.2.1
    unicast_peer {
        192.0.2.2 ttl 64
        192.0.2.3 min_ttl 200 max_ttl 100
        192.0.2.4 max_ttl 100 min_ttl 100
    }
    virtual_ipaddress {
        192.0.2.10/24
    }
}
`,
      },
      realTool:
        "\\(VI_1\\) 192.0.2.2 - unknown unicast_peer option ttl[^]*\\(VI_1\\) 192.0.2.3 - min_ttl 200 > max_ttl 100",
      expect: [
        { line: 8, messageId: "peerOptionUnknown" },
        { line: 9, messageId: "peerTtlRange" },
      ],
    },
    {
      name: "TTL values read_unsigned() refuses",
      files: {
        "keepalived.conf": `${OPEN_VI_1_WIDE}    unicast_src_ip 192.0.2.1
    unicast_peer {
        192.0.2.2 max_ttl min_ttl
        192.0.2.3 min_ttl 300
        192.0.2.4 min_ttl -1
    }
${VIP_100_WIDE}}
`,
      },
      realTool: "invalid number 'min_ttl'[^]*number '300' outside range \\[0, 255\\][^]*negative number '-1'",
      expect: [
        { line: 6, messageId: "peerTtlRefused" },
        { line: 7, messageId: "peerTtlRefused" },
        { line: 8, messageId: "peerTtlRefused" },
      ],
    },
  ],
});
