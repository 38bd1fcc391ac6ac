import { defineCases } from "../rule.js";
import type rule from "./ignored-setting.js";

export default defineCases<typeof rule>({
  valid: [
    {
      name: "values the handlers take",
      files: {
        "keepalived.conf": `global_defs {
    startup_script_timeout 1000
    smtp_server 192.0.2.1 25
    vrrp_garp_extra_if 5 all
    include_check read +match -brace_match
    notification_email_from ops@example.com
}
track_file tf {
    file /tmp/ha-lint-case-tf
    init_file -254 overwrite
}
vrrp_track_process tp {
    process haproxy
    quorum_max 3
    quorum 2
}
vrrp_instance VI_1 {
    interface eth0
    native_ipv6
    version 3
    virtual_router_id 51
    priority 100
    virtual_ipaddress {
        fe80::10
    }
}
`,
      },
    },
  ],
  invalid: [
    {
      name: "script timeouts outside [1, 1000]",
      files: {
        "keepalived.conf": `global_defs {
    startup_script_timeout 2000
    shutdown_script_timeout 0
    shutdown_script ""
    smtp_server 192.0.2.1 99999
    vrrp_garp_extra_if all
    vrrp_garp_extra_if 0
}
`,
      },
      realTool: "startup_script_timeout '2000' must be in \\[1, 1000\\] - ignoring",
      expect: [
        { line: 2, messageId: "ignored" },
        { line: 3, messageId: "ignored" },
        { line: 4, messageId: "ignored" },
        { line: 5, messageId: "ignored" },
        { line: 6, messageId: "ignored" },
        { line: 7, messageId: "ignored" },
      ],
    },
    {
      name: "include_check: a second type and an unknown one",
      files: {
        "keepalived.conf": `global_defs {
    include_check read match
    include_check +exact
}
`,
      },
      realTool: "Duplicate include_check 'match' specified - ignoring",
      expect: [
        { line: 2, messageId: "ignored" },
        { line: 3, messageId: "ignored" },
      ],
    },
    {
      name: "an interface name longer than 15 characters",
      files: {
        "keepalived.conf": `vrrp_instance VI_1 {
    interface eth0
    interface averyveryverylongname
    virtual_router_id 51
    priority 100
    virtual_ipaddress {
        192.0.2.10/24
    }
}
`,
      },
      realTool: "Interface name 'averyveryverylongname' too long - ignoring",
      expect: [{ line: 3, messageId: "ignored" }],
    },
    {
      name: "track_file init_file values",
      files: {
        "keepalived.conf": `track_file tf {
    file /tmp/ha-lint-case-tf
    init_file 300
    init_file 12x
    init_file create
}
`,
      },
      realTool: "Track file tf init value 300 is outside sensible range",
      expect: [
        { line: 3, messageId: "ignored" },
        { line: 4, messageId: "ignored" },
        { line: 5, messageId: "ignored" },
      ],
    },
    {
      name: "a quorum above quorum_max, a quorum_max below the quorum",
      files: {
        "keepalived.conf": `vrrp_track_process tp {
    process haproxy
    quorum_max 2
    quorum 3
}
vrrp_track_process tq {
    process haproxy
    quorum 3
    quorum_max 2
}
`,
      },
      realTool: "Quorum is greater than quorum_max - ignoring",
      expect: [
        { line: 4, messageId: "ignored" },
        { line: 9, messageId: "ignored" },
      ],
    },
    {
      name: "linkbeat_interfaces entries with an unknown type or extra words",
      files: {
        "keepalived.conf": `linkbeat_interfaces {
    eth0 POLL
    eth0 MII more
}
`,
      },
      realTool: "extra characters POLL in linkbeat interface",
      expect: [
        { line: 2, messageId: "ignored" },
        { line: 3, messageId: "ignored" },
      ],
    },
    {
      name: "version against the version set before, native_ipv6 after an IPv4 address",
      files: {
        "keepalived.conf": `vrrp_instance VI_1 {
    interface eth0
    version 3
    version 2
    mcast_src_ip 192.0.2.1
    native_ipv6
    virtual_router_id 51
    priority 100
    virtual_ipaddress {
        192.0.2.10/24
    }
}
`,
      },
      realTool: "\\(VI_1\\) vrrp_version 2 conflicts with configured or deduced version 3; ignoring\\.",
      expect: [
        { line: 4, messageId: "ignored" },
        { line: 6, messageId: "ignored" },
      ],
    },
    {
      name: "2.3: extra words after notification_email_from",
      settings: { keepalivedVersion: "2.3" },
      files: {
        "keepalived.conf": `global_defs {
    notification_email_from ops@example.com noc@example.com
}
`,
      },
      realTool: "emailfrom - ignoring extra entries 'noc@example.com' \\.\\.\\.",
      expect: [{ line: 2, messageId: "ignored" }],
    },
  ],
});
