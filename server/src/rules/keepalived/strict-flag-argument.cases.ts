import { defineCases } from "../rule.js";
import type rule from "./strict-flag-argument.js";
import { OPEN_BACKUP_VI_1, VIP_100 } from "./example-configs.js";

const instance = `${OPEN_BACKUP_VI_1}  priority 100
${VIP_100}}
`;

export default defineCases<typeof rule>({
  valid: [
    {
      name: "no argument (2.2)",
      settings: { keepalivedVersion: "2.2.7" },
      files: {
        "keepalived.conf": `global_defs {
  vrrp_strict
}
${instance}`,
      },
    },
    {
      name: "a boolean (2.3.3)",
      settings: { keepalivedVersion: "2.3.3" },
      files: {
        "keepalived.conf": `global_defs {
  vrrp_strict false
  vrrp_skip_check_adv_addr on
}
${instance}`,
      },
    },
  ],
  invalid: [
    {
      name: "false means on before 2.3.0",
      settings: { keepalivedVersion: "2.2.7" },
      files: {
        "keepalived.conf": `global_defs {
  vrrp_strict false
}
${instance}`,
      },
      expect: [{ line: 2, column: 15, messageId: "falseMeansOn" }],
    },
    {
      name: "skip_check_adv_addr off means on before 2.3.0",
      settings: { keepalivedVersion: "2.2" },
      files: {
        "keepalived.conf": `global_defs {
  vrrp_skip_check_adv_addr off
}
${instance}`,
      },
      expect: [{ line: 2, messageId: "falseMeansOn" }],
    },
    {
      name: "not a boolean from 2.3.0",
      settings: { keepalivedVersion: "2.3.4" },
      files: {
        "keepalived.conf": `global_defs {
  vrrp_strict FALSE
}
${instance}`,
      },
      realTool: "Invalid value 'FALSE' for global vrrp_strict specified",
      expect: [{ line: 2, messageId: "valueRefused" }],
    },
  ],
});
