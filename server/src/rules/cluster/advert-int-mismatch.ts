import { defineRule } from "../rule.js";
import { alignable, memberPairs, related, routers } from "./router-view.js";

export default defineRule({
  id: "HA007",
  name: "advert-int-mismatch",
  severity: "error",
  scope: "cluster",
  docs: {
    summary: "The nodes of a VRRPv2 virtual router use different advert_int values.",
    description: "Compares advert_int between the nodes of each virtual router that runs VRRP version 2 (the default).",
    why:
      "Under VRRPv2 keepalived drops an advert whose interval differs from its own ('advertisement interval " +
      "mismatch'), which is the same as not hearing it: both nodes become MASTER. VRRPv3 instead adopts the master's " +
      "interval.",
    sources: [
      "keepalived vrrp/vrrp.c vrrp_check_packet() (advertisement interval mismatch)",
      "SEMANTICS.md 1.5 (verified live)",
    ],
    bad: "# lb01: advert_int 1\n# lb02: advert_int 2\n",
    good: "# lb01 and lb02: advert_int 1\n",
    realTool: "Neither tool.",
    reportedBy: "none",
  },
  messages: {
    intervalMismatch: (data: { advertInt: number; name: string; instanceAdvertInt: number; nodeName: string }) =>
      `advert_int is ${data.advertInt} on ${data.name} and ${data.instanceAdvertInt} on ${data.nodeName}: under ` +
      `VRRPv2 each drops the other's adverts ('advertisement interval mismatch') and both take the VIP (split-brain)`,
  },
  check(ctx) {
    for (const view of routers(ctx)) {
      for (const [a, b] of memberPairs(view.members)) {
        if (
          a.instance.vrrpVersion !== 2 ||
          b.instance.vrrpVersion !== 2 ||
          a.instance.advertInt === b.instance.advertInt
        )
          continue;
        // A value that is not a number is KA026's; comparing it would only print NaN.
        if (!Number.isFinite(a.instance.advertInt) || !Number.isFinite(b.instance.advertInt)) continue;
        const where = b.instance.advertIntLocation ?? b.instance.nameLocation;
        ctx.report({
          file: where.file,
          range: where.range,
          messageId: "intervalMismatch",
          data: {
            advertInt: b.instance.advertInt,
            name: b.node.name,
            instanceAdvertInt: a.instance.advertInt,
            nodeName: a.node.name,
          },
          related: [
            related(
              a.instance.advertIntLocation ?? a.instance.nameLocation,
              `${a.node.name}: advert_int ${a.instance.advertInt}`,
            ),
          ],
          fixes:
            b.instance.advertIntLocation && alignable(view.members, a, b)
              ? [
                  {
                    description: `Use advert_int ${a.instance.advertInt}`,
                    safe: false,
                    edits: [{ file: where.file, range: where.range, newText: String(a.instance.advertInt) }],
                  },
                ]
              : undefined,
        });
      }
    }
  },
});
