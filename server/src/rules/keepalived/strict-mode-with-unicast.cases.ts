import { defineCases } from "../rule.js";
import type rule from "./strict-mode-with-unicast.js";
import { VIP_10 } from "./example-configs.js";

const unicast = `  interface eth0
  virtual_router_id 51
  priority 100
  unicast_src_ip 192.0.2.11
  unicast_peer {
    192.0.2.12
  }
${VIP_10}}
`;

export default defineCases<typeof rule>({
  valid: [
    {
      name: "unicast without strict mode",
      files: {
        "keepalived.conf": `vrrp_instance VI_1 {
${unicast}`,
      },
    },
    {
      name: "strict_mode off overrides vrrp_strict",
      settings: { keepalivedVersion: "2.4.0" },
      files: {
        "keepalived.conf": `global_defs {
  vrrp_strict
}
vrrp_instance VI_1 {
  strict_mode off
${unicast}`,
      },
    },
    {
      name: "vrrp_strict false is off from 2.3.0",
      settings: { keepalivedVersion: "2.3.3" },
      files: {
        "keepalived.conf": `global_defs {
  vrrp_strict false
}
vrrp_instance VI_1 {
${unicast}`,
      },
    },
  ],
  invalid: [
    {
      name: "vrrp_strict with unicast (2.2)",
      settings: { keepalivedVersion: "2.2.7" },
      files: {
        "keepalived.conf": `global_defs {
  vrrp_strict
}
vrrp_instance VI_1 {
${unicast}`,
      },
      expect: [{ line: 9, messageId: "stopsAfterUpgrade", severity: "warning" }],
    },
    {
      name: "vrrp_strict false is on before 2.3.0",
      settings: { keepalivedVersion: "2.2.8" },
      files: {
        "keepalived.conf": `global_defs {
  vrrp_strict false
}
vrrp_instance VI_1 {
${unicast}`,
      },
      expect: [{ line: 9, messageId: "stopsAfterUpgrade" }],
    },
    {
      name: "strict_mode with unicast (2.3.4)",
      settings: { keepalivedVersion: "2.3.4" },
      files: {
        "keepalived.conf": `vrrp_instance VI_1 {
  strict_mode
${unicast}`,
      },
      expect: [{ line: 7, messageId: "stopsAfterUpgrade" }],
    },
    {
      name: "strict_mode with unicast (2.4.0): the VRRP process stops",
      settings: { keepalivedVersion: "2.4.0" },
      files: {
        "keepalived.conf": `vrrp_instance VI_1 {
  strict_mode
${unicast}`,
      },
      expect: [{ line: 7, messageId: "stopsVrrp", severity: "error" }],
    },
  ],
});
