import { defineCases } from "../rule.js";
import type rule from "./keepalived-syntax-error.js";
import { BACKUP_INSTANCE_HEAD } from "./example-configs.js";

export default defineCases<typeof rule>({
  valid: [
    {
      name: "quotes closed, a valid ~SEQ",
      files: {
        "keepalived.conf": `global_defs {
    router_id "lb 01"
}
${BACKUP_INSTANCE_HEAD}    virtual_ipaddress {
        ~SEQ(N, 100, 102) 192.0.2.\${N}/24
    }
}
`,
      },
    },
  ],
  invalid: [
    {
      name: "unterminated quote",
      files: {
        "keepalived.conf": `global_defs {
    router_id "lb01
}
`,
      },
      realTool: "Unterminated quote",
      expect: [{ line: 2, messageId: "unterminatedQuote" }],
    },
    {
      name: "bad ~SEQ: the line and its brace produce nothing",
      files: {
        "keepalived.conf": `~SEQ(N, 1, -1, 5) global_defs {
}
`,
      },
      realTool: "Invalid ~SEQ specification",
      expect: [{ line: 1, messageId: "invalidSeq" }],
      withRules: ["KA019"],
    },
    {
      name: "~SEQ without numbers, with a word for a number, ~SEQx below 0",
      files: {
        "keepalived.conf": `~SEQ(i)
~SEQ(i, 1, x) vrrp_script chk_$i {
~SEQx(i, -3, 2) vrrp_script chk_$i {
`,
      },
      realTool: "Invalid ~SEQ definition '~SEQ\\(i\\)'[^]*~SEQx is only valid for positive numbers",
      expect: [
        { line: 1, messageId: "invalidSeq" },
        { line: 2, messageId: "invalidSeq" },
        { line: 3, messageId: "invalidSeq" },
      ],
    },
    {
      name: "a file that includes itself",
      files: {
        "keepalived.conf": `include keepalived.conf
global_defs {
    router_id lb01
}
`,
      },
      realTool: "open problem \\(Too many open files\\)",
      expect: [{ line: 1, messageId: "includeCycle" }],
    },
    {
      name: "a multi-line definition that contains itself",
      files: {
        "keepalived.conf": `$RS= \\
  smtp_alert \\
  $RS

global_defs {
    $RS
}
`,
      },
      expect: [{ line: 6, messageId: "definitionLoop", severity: "error" }],
    },
    {
      name: "ha-lint's own limit: includes nested too deep",
      files: Object.fromEntries(
        Array.from({ length: 18 }, (_, i) => [
          i === 0 ? "keepalived.conf" : `n${i}.conf`,
          i < 17
            ? `include n${i + 1}.conf
`
            : `global_defs {
}
`,
        ]),
      ),
      expect: [{ line: 1, file: "n16.conf", messageId: "readerLimit", severity: "info" }],
    },
  ],
});
