import { defineCases } from "../rule.js";
import type rule from "./comment-cuts-value.js";

export default defineCases<typeof rule>({
  valid: [
    {
      name: "a comment after a blank, quoted characters",
      files: {
        "keepalived.conf": `vrrp_instance V {
    auth_pass "ab#cd" # the password
    priority 100 ! comment
}
`,
      },
    },
    {
      name: "a comment right after a brace or a closing quote cuts no word",
      files: {
        "keepalived.conf": `virtual_server 192.0.2.10 3306 {#MySQL
    real_server 192.0.2.21 3306 {!primary
        weight 1
    }
}
global_defs {
    router_id "lb01"#the first
}
`,
      },
    },
  ],
  invalid: [
    {
      name: "an escaped '!' is a comment in the copy the VRRP process reads",
      files: {
        "keepalived.conf": `vrrp_instance V {
    virtual_router_id 5\\!1
}
`,
      },
      expect: [{ line: 2, messageId: "cutsWord" }],
    },
    {
      name: "hash inside a password",
      files: {
        "keepalived.conf": `vrrp_instance V {
    auth_pass ab#cd
}
`,
      },
      expect: [{ line: 2, column: 17, messageId: "cutsWord" }],
    },
    {
      name: "bang inside a script argument",
      files: {
        "keepalived.conf": `vrrp_script chk {
    script /usr/local/bin/check --tag=a!b
}
`,
      },
      expect: [{ line: 2, messageId: "cutsWord" }],
    },
  ],
});
