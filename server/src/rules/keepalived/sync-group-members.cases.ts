import { defineCases } from "../rule.js";
import type rule from "./sync-group-members.js";

const instance = (name: string, vrid: number, state: string, priority: number): string => `vrrp_instance ${name} {
  state ${state}
  interface eth0
  virtual_router_id ${vrid}
  priority ${priority}
  virtual_ipaddress {
    192.0.2.${vrid}/24
  }
}
`;
const two = instance("VI_1", 51, "BACKUP", 100) + instance("VI_2", 52, "BACKUP", 100);

export default defineCases<typeof rule>({
  valid: [
    {
      name: "two members",
      files: {
        "keepalived.conf": `${two}vrrp_sync_group G1 {
  group {
    VI_1
    VI_2
  }
}
`,
      },
    },
  ],
  invalid: [
    {
      name: "a misspelt member, a member twice, an owner with a backup",
      files: {
        "keepalived.conf": `${instance("VI_1", 51, "MASTER", 255)}${instance("VI_2", 52, "BACKUP", 100)}vrrp_sync_group G1 {
  group {
    VI_1
    VI_2
    VI-3
  }
}
vrrp_sync_group G2 {
  group {
    VI_2
  }
}
`,
      },
      realTool: "Virtual router VI-3 specified in sync group G1 doesn't exist - ignoring",
      expect: [
        { line: 22, messageId: "mixedOwners" },
        { line: 23, messageId: "memberMissing" },
        { line: 26, messageId: "noMembers" },
        { line: 28, messageId: "memberTaken" },
      ],
    },
    {
      name: "no group block, an empty one, one member",
      files: {
        "keepalived.conf": `${two}vrrp_sync_group G3 {
}
vrrp_sync_group G4 {
  group {
  }
}
vrrp_sync_group G5 {
  group {
    VI_1
  }
}
`,
      },
      realTool: "Sync group G5 has only 1 virtual router",
      expect: [
        { line: 20, messageId: "noGroupBlock" },
        { line: 23, messageId: "emptyGroupBlock" },
        { line: 24, messageId: "noMembers" },
        { line: 25, messageId: "oneMember" },
      ],
    },
    {
      name: "the same groups in 2.2.7: removed after the file is read, on no line",
      settings: { keepalivedVersion: "2.2.7" },
      files: {
        "keepalived.conf": `${two}vrrp_sync_group G3 {
}
vrrp_sync_group G4 {
  group {
  }
}
vrrp_sync_group G5 {
  group {
    VI_1
  }
}
`,
      },
      realTool: "Sync group G5 has only 1 virtual router",
      expect: [
        { line: 19, messageId: "noGroupBlock" },
        { line: 23, messageId: "emptyGroupBlock" },
        { line: 25, messageId: "oneMember" },
      ],
    },
  ],
});
