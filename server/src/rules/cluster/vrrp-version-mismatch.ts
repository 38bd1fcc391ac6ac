import { defineRule } from "../rule.js";
import { memberPairs, related, routers } from "./router-view.js";

export default defineRule({
  id: "HA009",
  name: "vrrp-version-mismatch",
  severity: "error",
  scope: "cluster",
  docs: {
    summary: "The nodes of a virtual router speak different VRRP versions.",
    description:
      "Compares the VRRP version of each virtual router across nodes: vrrp_version in global_defs, version in the " +
      "instance, and native_ipv6 (which means version 3).",
    why: "keepalived drops adverts of the other version, so each node runs alone and both take the VIP.",
    sources: [
      "keepalived vrrp/vrrp.c vrrp_check_packet() (version check)",
      "keepalived.conf(5) vrrp_version, version, native_ipv6",
    ],
    bad: "# lb01: global_defs { vrrp_version 3 }\n# lb02: default (2)\n",
    good: "# both nodes: vrrp_version 3 (or both default)\n",
    realTool: "Neither tool.",
    reportedBy: "none",
  },
  messages: {
    versionDiffers: (data: { name: string; vrrpVersion: number; nodeName: string; instanceVrrpVersion: number }) =>
      `${data.name} runs VRRP version ${data.vrrpVersion} and ${data.nodeName} version ${data.instanceVrrpVersion}: ` +
      `each drops the other's adverts and both take the VIP (split-brain)`,
  },
  check(ctx) {
    for (const view of routers(ctx)) {
      for (const [a, b] of memberPairs(view.members)) {
        if (a.instance.vrrpVersion === b.instance.vrrpVersion) continue;
        const where = b.instance.vrrpVersionLocation ?? b.instance.nameLocation;
        ctx.report({
          file: where.file,
          range: where.range,
          messageId: "versionDiffers",
          data: {
            name: b.node.name,
            vrrpVersion: b.instance.vrrpVersion,
            nodeName: a.node.name,
            instanceVrrpVersion: a.instance.vrrpVersion,
          },
          related: [
            related(
              a.instance.vrrpVersionLocation ?? a.instance.nameLocation,
              `${a.node.name}: VRRP version ${a.instance.vrrpVersion}`,
            ),
          ],
        });
      }
    }
  },
});
