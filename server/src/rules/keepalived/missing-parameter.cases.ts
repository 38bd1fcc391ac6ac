import { defineCases } from "../rule.js";
import type rule from "./missing-parameter.js";

export default defineCases<typeof rule>({
  valid: [
    {
      name: "every keyword with its value",
      files: {
        "keepalived.conf": `vrrp_instance VI_1 {
    state BACKUP
    interface eth0
    virtual_router_id 51
    priority 100
    virtual_ipaddress {
        192.0.2.100/24
    }
}
`,
      },
    },
    {
      name: "keywords that take no value",
      files: {
        "keepalived.conf": `vrrp_instance VI_1 {
    state BACKUP
    interface eth0
    virtual_router_id 51
    priority 100
    nopreempt
    dont_track_primary
    virtual_ipaddress {
        192.0.2.100/24
    }
}
`,
      },
    },
  ],
  invalid: [
    {
      name: "state without its value",
      files: {
        "keepalived.conf": `vrrp_instance VI_1 {
    interface eth0
    virtual_router_id 51
    priority 100
    state
    virtual_ipaddress {
        192.0.2.100/24
    }
}
`,
      },
      realTool: "missing a parameter after keyword `state` at word position 2",
      expect: [{ line: 5, messageId: "missingValue" }],
    },
    {
      name: "a brace before the value",
      files: {
        "keepalived.conf": `vrrp_instance VI_1 {
    state BACKUP
    interface eth0
    virtual_router_id 51
    priority {100}
    virtual_ipaddress {
        192.0.2.100/24
    }
}
`,
      },
      realTool: "missing a parameter after keyword `priority` at word position 2",
      expect: [{ line: 5, messageId: "cutByBrace" }],
    },
    {
      name: "an unterminated quote removes the value",
      files: {
        "keepalived.conf": `vrrp_instance VI_1 {
    interface eth0
    virtual_router_id 51
    priority 100
    authentication {
        auth_type PASS
        auth_pass "k33pal1v
    }
    virtual_ipaddress {
        192.0.2.100/24
    }
}
`,
      },
      realTool: "missing a parameter after keyword `auth_pass` at word position 2",
      expect: [{ line: 7, messageId: "missingValue" }],
    },
    {
      name: "a vrrp_script without its name",
      files: {
        "keepalived.conf": `vrrp_script {
    script "/usr/bin/pgrep -x haproxy"
}
`,
      },
      realTool: "missing a parameter after keyword `vrrp_script` at word position 2",
      expect: [{ line: 1, messageId: "missingValue" }],
    },
    {
      name: "a word after the name of a virtual_server_group",
      files: {
        "keepalived.conf": `virtual_server_group VSG_1 extra {
    192.0.2.10 80
}
`,
      },
      realTool: "starting `\\*\\*\\*MISSING \\*\\*\\*` is missing a parameter at word position 1",
      expect: [{ line: 1, messageId: "wordAfterName" }],
    },
  ],
});
