import { defineCases } from "../rule.js";
import type rule from "./route-and-rule-lines.js";
import { OPEN_VI_1, VIP_10 } from "./example-configs.js";

const instance = (lines: string): string => `${OPEN_VI_1}  priority 100
${VIP_10}${lines}}
`;

export default defineCases<typeof rule>({
  valid: [
    {
      name: "routes with their interface, rules with their preference",
      files: {
        "keepalived.conf": instance(`  virtual_routes {
    198.51.100.0/24 via 192.0.2.254 dev eth0
    203.0.113.0/24 via 192.0.2.253 no_track
  }
  virtual_rules {
    from 192.0.2.10 table 100 preference 100
  }
`),
      },
    },
  ],
  invalid: [
    {
      name: "a destination prefix longer than the family's",
      files: {
        "keepalived.conf": instance(`  virtual_routes {
    198.51.100.0/33 via 192.0.2.254 dev eth0
  }
`),
      },
      realTool: "Invalid address prefix len 33 for address 198.51.100.0/33 - using 32",
      expect: [{ line: 9, messageId: "destinationPrefix" }],
    },
    {
      name: "virtual routes and rules keepalived changes",
      files: {
        "keepalived.conf": instance(`  virtual_routes {
    203.0.113.0/24 via 192.0.2.253
    192.0.2.128/25 gw 192.0.2.254 dev eth0
  }
  virtual_rules {
    to 192.0.2.300 table 100 preference 101
    from 192.0.2.11 table 101
  }
`),
      },
      realTool: "cannot track route 203.0.113.0/24 with no interface specified",
      expect: [
        { line: 9, messageId: "untrackedRoute" },
        { line: 10, messageId: "deprecatedWord" },
        { line: 13, messageId: "invalidRuleAddress" },
        { line: 14, messageId: "ruleWithoutPreference" },
      ],
    },
    {
      name: "the same lines in 2.3.2 and later: a route without dev is tracked",
      settings: { keepalivedVersion: "2.3" },
      files: {
        "keepalived.conf": instance(`  virtual_routes {
    203.0.113.0/24 via 192.0.2.253
    192.0.2.128/25 gw 192.0.2.254 dev eth0
  }
  virtual_rules {
    to 192.0.2.300 table 100 preference 101
    from 192.0.2.11 table 101
  }
`),
      },
      realTool: "Rule has no preference specified",
      expect: [
        { line: 10, messageId: "deprecatedWord" },
        { line: 13, messageId: "invalidRuleAddress" },
        { line: 14, messageId: "ruleWithoutPreference" },
      ],
    },
    {
      name: "static routes and rules with track groups",
      files: {
        "keepalived.conf": `track_group G1 {
  group {
    VI_1
  }
}
static_routes {
  198.51.100.0/24 via 192.0.2.254 dev eth0 track_group G2
  203.0.113.0/24 via 192.0.2.254 track_group G1
}
static_rules {
  from 192.0.2.10 table 100 preference 100 track_group G1
}
${instance("")}`,
      },
      realTool: "track_group G2 not found",
      expect: [
        { line: 7, column: 56, messageId: "trackGroupNotFound" },
        { line: 8, messageId: "untrackedRoute" },
        { line: 8, messageId: "trackGroupWithoutDev" },
        { line: 11, messageId: "trackGroupWithoutDev" },
      ],
    },
    {
      name: "'or' instead of nexthop",
      files: {
        "keepalived.conf": instance(
          `  virtual_routes {
    203.0.113.0/24 via 192.0.2.253 or 192.0.2.252 dev eth0
  }
`,
        ),
      },
      realTool: '"or" for routes is deprecated',
      expect: [{ line: 9, messageId: "deprecatedWord" }],
    },
    {
      name: "a route word without its value ends keepalived",
      files: {
        "keepalived.conf": instance(`  virtual_routes {
    203.0.113.0/24 via 192.0.2.253 dev eth0 realms
  }
`),
      },
      realTool: "missing a parameter after keyword `realms`",
      expect: [{ line: 9, messageId: "routeValueMissing", severity: "error" }],
    },
  ],
});
