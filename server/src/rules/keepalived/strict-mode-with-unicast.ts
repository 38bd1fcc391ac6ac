import { atLeast } from "../../schema/versions.js";
import { defineRule } from "../rule.js";
import { at, keepalivedUnits, lineOf } from "./ka-model.js";

export default defineRule({
  id: "KA015",
  name: "strict-mode-with-unicast",
  severity: "warning",
  scope: "keepalived",
  docs: {
    summary:
      "Strict mode (vrrp_strict / strict_mode) together with unicast peers: from keepalived 2.4.0 the node's whole " +
      "VRRP process stops.",
    description:
      "Reports a vrrp_instance that has `unicast_peer` addresses while strict mode applies to it (global " +
      "`vrrp_strict`, unless the instance sets `strict_mode off`, or the instance's own `strict_mode`). The message " +
      "follows the node's keepalived version.",
    why:
      "RFC-strict VRRP is multicast only. keepalived 2.2 and 2.3 contain the check but run it before the instance is " +
      "marked unicast, so it never fires and the combination works. 2.4.0 moves it after (commit 29a89e4f): " +
      "vrrp_complete_instance() then reports 'Unicast peers are not supported in strict mode' and returns false, " +
      "vrrp_complete_init() fails, and the VRRP process stops (stop_vrrp()): no instance of the node runs, not only " +
      "this one, and the node holds no VIP at all. The check applies when the instance's interface exists and can " +
      "multicast, as it does on the node.",
    sources: [
      "keepalived keepalived/vrrp/vrrp.c vrrp_complete_instance() at v2.3.4 (check before the unicast flag is set) " +
        "and v2.4.0 (after it; commit 29a89e4f 'fix check in strict mode that have unicast peers')",
      "keepalived keepalived/vrrp/vrrp.c vrrp_complete_init() and keepalived/vrrp/vrrp_daemon.c start_vrrp() at " +
        "v2.4.0 (stop_vrrp(KEEPALIVED_EXIT_CONFIG) when it fails)",
      "keepalived.conf(5) vrrp_strict",
    ],
    bad: "global_defs {\n    vrrp_strict\n}\nvrrp_instance VI_1 {\n    unicast_peer {\n        192.0.2.12\n    }\n}\n",
    good: "global_defs {\n}\nvrrp_instance VI_1 {\n    unicast_peer {\n        192.0.2.12\n    }\n}\n",
    realTool:
      "keepalived -t 2.2.7, 2.3.3 and 2.3.4 accept it silently (checked with an existing multicast interface); " +
      "2.4.0 and later print 'Unicast peers are not supported in strict mode' and the VRRP process exits (no 2.4 " +
      "binary on this machine: read in the source).",
    reportedBy: "none",
    versions:
      "Follows each node's keepalived version: before 2.4.0 it warns about the upgrade, from 2.4.0 it is an error " +
      "(the node runs no VRRP).",
  },
  messages: {
    stopsVrrp: (data: { instance: string; how: string; line: number; version: string }) =>
      `${data.instance} uses unicast peers with ${data.how} (line ${data.line}): keepalived ${data.version} refuses ` +
      `it ('Unicast peers are not supported in strict mode') and stops its whole VRRP process, so this node runs ` +
      `none of its instances and holds no VIP (remove strict mode, or use multicast)`,
    stopsAfterUpgrade: (data: { instance: string; how: string; line: number; version: string }) =>
      `${data.instance} uses unicast peers with ${data.how} (line ${data.line}): keepalived ${data.version} never ` +
      `applies the check, but 2.4.0 and later refuse it and stop the node's whole VRRP process, so an upgrade leaves ` +
      `this node with no VRRP at all (remove strict mode, or use multicast)`,
  },
  check(ctx) {
    for (const { config, node } of keepalivedUnits(ctx)) {
      const version = node.keepalivedVersion ?? ctx.settings.keepalivedVersion;
      const stops = atLeast("keepalived", version, "2.4.0");
      for (const inst of config.instances) {
        if (!inst.strict || inst.unicastPeers.length === 0) continue;
        const how = inst.strict === config.vrrpStrict ? "vrrp_strict in global_defs" : "strict_mode";
        const place = inst.unicastBlock ?? inst.unicastPeers[0].location;
        ctx.report({
          ...at(place),
          ...(stops ? { severity: "error" as const } : {}),
          messageId: stops ? "stopsVrrp" : "stopsAfterUpgrade",
          data: { instance: inst.name, how, line: lineOf(inst.strict), version },
          related: [{ file: inst.strict.file, range: inst.strict.range, message: "strict mode comes from here" }],
        });
      }
    }
  },
});
