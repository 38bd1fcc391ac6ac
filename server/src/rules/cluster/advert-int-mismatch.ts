import { defineRule } from "../rule.js";
import { examplePair } from "./example-pair.js";
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
          message: `advert_int is ${b.instance.advertInt} on ${b.node.name} and ${a.instance.advertInt} on ${a.node.name}: under VRRPv2 each drops the other's adverts ('advertisement interval mismatch') and both take the VIP (split-brain)`,
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
  cases: {
    valid: [
      { name: "same interval", files: examplePair() },
      {
        name: "VRRPv3 adopts the master's interval",
        files: examplePair({ version: 3, auth: null }, { version: 3, auth: null, advertInt: 2 }),
      },
    ],
    invalid: [
      {
        name: "1 s vs 2 s",
        files: examplePair({}, { advertInt: 2 }),
        expect: [{ line: 19, file: "lb02/keepalived.conf", message: "advert_int is 2" }],
      },
    ],
  },
});
