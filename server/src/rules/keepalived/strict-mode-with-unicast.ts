import { compareVersions } from "../../syntax/haproxy/condition.js";
import { defineRule } from "../rule.js";
import { at, keepalivedUnits, lineOf } from "./ka-model.js";

export default defineRule({
  id: "KA015",
  name: "strict-mode-with-unicast",
  severity: "warning",
  scope: "keepalived",
  docs: {
    summary: "Strict mode (vrrp_strict / strict_mode) together with unicast peers: rejected from keepalived 2.4.0 on.",
    description:
      "Reports a vrrp_instance that has `unicast_peer` addresses while strict mode applies to it (global `vrrp_strict` or the instance's `strict_mode`). The message depends on the configured keepalived version.",
    why: "RFC-strict VRRP is multicast only. keepalived 2.2 and 2.3 contain the check but never apply it (the unicast flag is set after the check runs), so the combination appears to work. From 2.4.0 the order is fixed and the instance is rejected with 'Unicast peers are not supported in strict mode': after a distribution upgrade the node silently stops running this VRRP instance.",
    sources: [
      "keepalived keepalived/vrrp/vrrp.c vrrp_complete_instance() (compare v2.3.4 and v2.4.0) 'Unicast peers are not supported in strict mode'",
      "keepalived.conf(5) vrrp_strict",
    ],
    bad: "global_defs {\n    vrrp_strict\n}\nvrrp_instance VI_1 {\n    unicast_peer {\n        192.0.2.12\n    }\n}\n",
    good: "global_defs {\n}\nvrrp_instance VI_1 {\n    unicast_peer {\n        192.0.2.12\n    }\n}\n",
    realTool:
      "keepalived -t 2.2.7 (and 2.3) accept it silently; keepalived 2.4.0 and later reject the instance ('Unicast peers are not supported in strict mode').",
    reportedBy: "none",
    versions:
      "Uses the configured keepalived version: for 2.2/2.3 it warns about the upgrade, for 2.4 and later it says the instance is rejected.",
  },
  check(ctx) {
    const rejects = compareVersions(ctx.settings.keepalivedVersion, "2.4") >= 0;
    for (const { config } of keepalivedUnits(ctx)) {
      for (const inst of config.instances) {
        if (!inst.strict || inst.unicastPeers.length === 0) continue;
        const how = inst.strict === config.vrrpStrict ? "vrrp_strict in global_defs" : "strict_mode";
        const place = inst.unicastBlock ?? inst.unicastPeers[0].location;
        ctx.report({
          ...at(place),
          message: rejects
            ? `${inst.name} uses unicast peers with ${how} (line ${lineOf(inst.strict)}): keepalived ${ctx.settings.keepalivedVersion} rejects the instance ('Unicast peers are not supported in strict mode'), so this node runs no VRRP for it (remove strict mode, or use multicast)`
            : `${inst.name} uses unicast peers with ${how} (line ${lineOf(inst.strict)}): keepalived ${ctx.settings.keepalivedVersion} ignores the conflict, but keepalived 2.4.0 and later reject the instance, so an upgrade silently drops it (remove strict mode, or use multicast)`,
          related: [{ file: inst.strict.file, range: inst.strict.range, message: "strict mode comes from here" }],
        });
      }
    }
  },
  cases: {
    valid: [
      {
        name: "unicast without strict mode",
        files: {
          "keepalived.conf":
            "vrrp_instance VI_1 {\n  interface eth0\n  virtual_router_id 51\n  unicast_src_ip 192.0.2.11\n  unicast_peer {\n    192.0.2.12\n  }\n  virtual_ipaddress {\n    192.0.2.10/24\n  }\n}\n",
        },
      },
    ],
    invalid: [
      {
        name: "vrrp_strict with unicast (2.2)",
        files: {
          "keepalived.conf":
            "global_defs {\n  vrrp_strict\n}\nvrrp_instance VI_1 {\n  interface eth0\n  virtual_router_id 51\n  priority 100\n  unicast_src_ip 192.0.2.11\n  unicast_peer {\n    192.0.2.12\n  }\n  virtual_ipaddress {\n    192.0.2.10/24\n  }\n}\n",
        },
        expect: [{ line: 9, message: "2.4.0 and later reject the instance" }],
      },
      {
        name: "strict_mode with unicast (2.4)",
        settings: { keepalivedVersion: "2.4" },
        files: {
          "keepalived.conf":
            "vrrp_instance VI_1 {\n  strict_mode\n  interface eth0\n  virtual_router_id 51\n  unicast_peer {\n    192.0.2.12\n  }\n  virtual_ipaddress {\n    192.0.2.10/24\n  }\n}\n",
        },
        expect: [{ line: 5, message: "keepalived 2.4 rejects the instance" }],
      },
    ],
  },
});
