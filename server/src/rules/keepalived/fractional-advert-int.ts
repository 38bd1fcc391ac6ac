import type { Location } from "../../syntax/source.js";
import { atLeast } from "../../schema/versions.js";
import type { Fix } from "../finding.js";
import { defineRule, type RuleContext } from "../rule.js";
import { at, instanceFamily, keepalivedUnits } from "./ka-model.js";

const messages = {
  fractional: (data: { advertInt: number; rounded: number }) =>
    `advert_int ${data.advertInt} is not a whole number; VRRPv2 advertises whole seconds, so keepalived rounds it ` +
    `to ${data.rounded} s (write ${data.rounded}, or use vrrp_version 3 on every node for sub-second adverts)`,
  v3OutOfRange: (data: { advertInt: number }) =>
    `advert_int ${data.advertInt} is too long for VRRPv3, which carries the interval in 12 bits of centiseconds: ` +
    `keepalived sets it to 40.95 s ('VRRPv3 advertisement interval ... is out of range. Must be less than ` +
    `40.96s. Setting to 40.95s')`,
  v3Rounded: (data: { advertInt: number; rounded: number }) =>
    `advert_int ${data.advertInt} is not a multiple of 10 ms; VRRPv3 carries centiseconds, so keepalived rounds it ` +
    `to ${data.rounded} s ('VRRPv3 advertisement interval ... must be in units of 10ms - rounding')`,
};

function writeFix(loc: Location, value: number): Fix {
  return {
    description: `Write ${value} (what keepalived uses)`,
    safe: true,
    edits: [{ file: loc.file, range: loc.range, newText: String(value) }],
  };
}

/**
 * vrrp.c vrrp_complete_instance(), VRRPv3: 40.96 s and more is set to 40.95 s; else a value that is not a whole
 * number of centiseconds is rounded to the nearest one (at least 0.01; from 2.3.3 at most 40.95).
 */
function checkVersion3(ctx: RuleContext<typeof messages>, loc: Location, v: number, version: string): void {
  const centi = Math.round(v * 1e6) / 1e4;
  if (centi >= 4096) {
    ctx.report({ ...at(loc), messageId: "v3OutOfRange", data: { advertInt: v }, fixes: [writeFix(loc, 40.95)] });
    return;
  }
  if (Number.isInteger(centi)) return;
  let rounded = Math.max(1, Math.floor(centi + 0.5));
  if (rounded === 4096 && atLeast("keepalived", version, "2.3.3")) rounded = 4095;
  const seconds = rounded / 100;
  ctx.report({
    ...at(loc),
    messageId: "v3Rounded",
    data: { advertInt: v, rounded: seconds },
    fixes: [writeFix(loc, seconds)],
  });
}

export default defineRule({
  id: "KA026",
  name: "fractional-advert-int",
  severity: "warning",
  scope: "keepalived",
  docs: {
    summary:
      "An advert_int keepalived changes: a fraction under VRRPv2 (rounded to whole seconds), and under VRRPv3 40.96 " +
      "s or more (set to 40.95 s) or a value that is not a multiple of 10 ms (rounded).",
    description:
      "Reports an `advert_int` with a fractional part (0.5, 1.5) in an IPv4 instance that uses VRRP version 2 (the " +
      "default unless `vrrp_version 3`, `version 3` or `native_ipv6`), and in an instance that uses VRRPv3 (those " +
      "settings, or an IPv6 instance) an interval of 40.96 s or more, or one with a part below 10 ms (0.015). " +
      "Values vrrp_adv_handler() refuses (below 0.01, above 255, more than 6 decimals) are KA045's.",
    why:
      "VRRPv2 carries the advertisement interval in whole seconds. keepalived rounds a fractional value to the " +
      "nearest second (at least 1) with a warning, so `advert_int 0.5` advertises every second and the master-down " +
      "time is three times longer than planned; a peer that uses VRRPv3 with 0.5 then disagrees on the interval. " +
      "VRRPv3 carries centiseconds in 12 bits: `advert_int 60` becomes 40.95 s.",
    sources: [
      "keepalived keepalived/vrrp/vrrp.c vrrp_complete_instance() at v2.2.7, v2.3.3 and v2.3.4: 'VRRPv2 " +
        "advertisement interval %fs must be an integer. rounding'; 'VRRPv3 advertisement interval %.2fs is out of " +
        "range. Must be less than %.2fs. Setting to %.2fs' (4096 centiseconds and more); 'VRRPv3 advertisement " +
        "interval %fs must be in units of 10ms - rounding' (to the nearest centisecond, at least 0.01; 2.3.3 and " +
        "2.3.4 also keep a value rounded up to 40.96 at 40.95)",
      "keepalived keepalived/vrrp/vrrp_parser.c vrrp_adv_handler(): read_decimal_unsigned_strvec() from 0.01 to " +
        "255 s with 6 decimals, so the VRRPv2 'is out of range. Must be less than 256s' branch cannot be reached",
      "RFC 3768 section 5.3.7 (Adver Int, seconds)",
      "RFC 5798 section 5.2.7 (centiseconds in VRRPv3)",
    ],
    bad: "vrrp_instance VI_1 {\n    advert_int 0.5\n}\n",
    good: "global_defs {\n    vrrp_version 3\n}\nvrrp_instance VI_1 {\n    advert_int 0.5\n}\n",
    realTool:
      "keepalived -t reports '(VI_1) VRRPv2 advertisement interval 1.500000s must be an integer. rounding', " +
      "'(VI_1) VRRPv3 advertisement interval 50.00s is out of range. Must be less than 40.96s. Setting to 40.95s' " +
      "and '(VI_2) VRRPv3 advertisement interval 0.015000s must be in units of 10ms - rounding' (rc 5; checked on " +
      "2.2.7, 2.3.3 and 2.3.4).",
    reportedBy: "keepalived -t",
    versions: "Applies to VRRPv2 instances of every keepalived version; VRRPv3 (vrrp_version 3) accepts centiseconds.",
  },
  messages,
  check(ctx) {
    for (const { config, node } of keepalivedUnits(ctx)) {
      const version = node.keepalivedVersion ?? ctx.settings.keepalivedVersion;
      for (const inst of config.instances) {
        const v = inst.advertInt;
        const loc = inst.advertIntLocation;
        // vrrp_adv_handler() takes 0.01 to 255 with up to 6 decimals; KA045 reports the rest
        if (!loc || !Number.isFinite(v) || v < 0.01 || v > 255 || (String(v).split(".")[1] ?? "").length > 6) continue;
        if (inst.vrrpVersion === 3) {
          checkVersion3(ctx, loc, v, version);
          continue;
        }
        if (Number.isInteger(v) || instanceFamily(inst) === 6) continue;
        const rounded = Math.max(1, Math.floor(v + 0.5));
        ctx.report({
          ...at(loc),
          messageId: "fractional",
          data: { advertInt: v, rounded },
          fixes: [writeFix(loc, rounded)],
        });
      }
    }
  },
});
