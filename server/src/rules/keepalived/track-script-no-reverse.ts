import type { TrackedScript } from "../../model/types.js";
import { defineRule, type RuleContext } from "../rule.js";
import { at, keepalivedUnits } from "./ka-model.js";

function check(ctx: RuleContext, owner: string, list: readonly TrackedScript[]): void {
  for (const t of list) {
    for (const o of t.options) {
      if (o.value !== "no_reverse") continue;
      const reverse = t.script?.weightReverse ?? false;
      ctx.report({
        ...at(o.location),
        message: `track_script '${t.name}' in ${owner}: keepalived accepts only 'noreverse' (the man page's 'no_reverse' is a typo); it ignores this option, so the entry keeps the vrrp_script's ${reverse ? "reverse" : "normal"} direction (write 'noreverse')`,
        fixes: [
          {
            description: "Write 'noreverse'",
            safe: true,
            edits: [{ file: o.location.file, range: o.location.range, newText: "noreverse" }],
          },
        ],
      });
    }
  }
}

export default defineRule({
  id: "KA033",
  name: "track-script-no-reverse",
  severity: "warning",
  scope: "keepalived",
  docs: {
    summary: "`no_reverse` in a track_script entry: the parser only knows `noreverse`.",
    description:
      "Reports the word `no_reverse` in a track_script entry of a vrrp_instance or vrrp_sync_group and offers " +
      "`noreverse`.",
    why:
      "keepalived's manual page writes the option as `no_reverse`, but the parser compares against `noreverse`. The " +
      "misspelt option is reported and ignored, so an entry meant to cancel a vrrp_script's `weight ... reverse` " +
      "keeps the reverse direction: the check then raises the priority when it fails instead of lowering it.",
    sources: [
      'keepalived keepalived/vrrp/vrrp_track.c alloc_track_script() (strcmp with "noreverse"; \'unknown ' +
        "track_script %s weight option %s - ignoring')",
      "keepalived.conf(5) track_script (spells it no_reverse)",
    ],
    bad: "track_script {\n    chk_haproxy weight -30 no_reverse\n}\n",
    good: "track_script {\n    chk_haproxy weight -30 noreverse\n}\n",
    realTool:
      "keepalived -t reports '(VI_1) unknown track_script chk_haproxy weight option no_reverse - ignoring' (rc 5).",
    reportedBy: "keepalived -t",
  },
  check(ctx) {
    for (const { config } of keepalivedUnits(ctx)) {
      for (const inst of config.instances) check(ctx, inst.name, inst.trackScripts);
      for (const g of config.syncGroups) check(ctx, `vrrp_sync_group ${g.name}`, g.trackScripts);
    }
  },
  cases: {
    valid: [
      {
        name: "noreverse",
        files: {
          "keepalived.conf":
            "global_defs {\n  enable_script_security\n  script_user root\n}\nvrrp_script chk {\n" +
            '  script "/usr/bin/pgrep haproxy"\n  weight 20 reverse\n}\nvrrp_instance VI_1 {\n  interface eth0\n' +
            "  virtual_router_id 51\n  track_script {\n    chk weight -20 noreverse\n  }\n  virtual_ipaddress {\n" +
            "    192.0.2.10/24\n  }\n}\n",
        },
      },
    ],
    invalid: [
      {
        name: "man-page spelling",
        files: {
          "keepalived.conf":
            "global_defs {\n  script_user root\n  enable_script_security\n}\nvrrp_script chk_haproxy {\n" +
            '  script "/usr/bin/pgrep haproxy"\n  weight 20 reverse\n}\nvrrp_instance VI_1 {\n  interface eth0\n' +
            "  virtual_router_id 51\n  priority 100\n  track_script {\n    chk_haproxy weight -20 no_reverse\n  }\n" +
            "  virtual_ipaddress {\n    192.0.2.10/24\n  }\n}\n",
        },
        realTool: "unknown track_script chk_haproxy weight option no_reverse - ignoring",
        expect: [{ line: 14, message: "keeps the vrrp_script's reverse direction" }],
      },
    ],
  },
});
