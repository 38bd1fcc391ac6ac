import { defineRule } from "../rule.js";
import { at, instanceFamily, keepalivedUnits } from "./ka-model.js";

export default defineRule({
  id: "KA026",
  name: "fractional-advert-int",
  severity: "warning",
  scope: "keepalived",
  docs: {
    summary: "A non-integer advert_int under VRRPv2: keepalived rounds it to whole seconds.",
    description:
      "Reports an `advert_int` with a fractional part (0.5, 1.5) in an IPv4 instance that uses VRRP version 2 (the " +
      "default unless `vrrp_version 3`, `version 3` or `native_ipv6`). IPv6 instances use VRRPv3 and are not " +
      "reported.",
    why:
      "VRRPv2 carries the advertisement interval in whole seconds. keepalived rounds a fractional value to the " +
      "nearest second (at least 1) with a warning, so `advert_int 0.5` advertises every second and the master-down " +
      "time is three times longer than planned; a peer that uses VRRPv3 with 0.5 then disagrees on the interval.",
    sources: [
      "keepalived keepalived/vrrp/vrrp.c vrrp_complete_instance() 'VRRPv2 advertisement interval %fs must be an " +
        "integer. rounding'",
      "RFC 3768 section 5.3.7 (Adver Int, seconds)",
      "RFC 5798 section 5.2.7 (centiseconds in VRRPv3)",
    ],
    bad: "vrrp_instance VI_1 {\n    advert_int 0.5\n}\n",
    good: "global_defs {\n    vrrp_version 3\n}\nvrrp_instance VI_1 {\n    advert_int 0.5\n}\n",
    realTool:
      "keepalived -t reports '(VI_1) VRRPv2 advertisement interval 1.500000s must be an integer. rounding' (rc 5).",
    reportedBy: "keepalived -t",
    versions: "Applies to VRRPv2 instances of every keepalived version; VRRPv3 (vrrp_version 3) accepts centiseconds.",
  },
  messages: {
    fractional: (p: { advertInt: number; rounded: number }) =>
      `advert_int ${p.advertInt} is not a whole number; VRRPv2 advertises whole seconds, so keepalived rounds it ` +
      `to ${p.rounded} s (write ${p.rounded}, or use vrrp_version 3 on every node for sub-second adverts)`,
  },
  check(ctx) {
    for (const { config } of keepalivedUnits(ctx)) {
      for (const inst of config.instances) {
        const v = inst.advertInt;
        const loc = inst.advertIntLocation;
        if (!loc || !Number.isFinite(v) || Number.isInteger(v) || v <= 0 || v >= 256) continue;
        if (inst.vrrpVersion !== 2 || instanceFamily(inst) === 6) continue;
        const rounded = Math.max(1, Math.floor(v + 0.5));
        ctx.report({
          ...at(loc),
          messageId: "fractional",
          data: { advertInt: v, rounded },
          fixes: [
            {
              description: `Write ${rounded} (what keepalived uses)`,
              safe: true,
              edits: [{ file: loc.file, range: loc.range, newText: String(rounded) }],
            },
          ],
        });
      }
    }
  },
});
