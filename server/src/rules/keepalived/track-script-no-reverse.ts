import type { TrackedScript } from "../../model/types.js";
import { defineRule, type RuleContext } from "../rule.js";
import { at, keepalivedUnits } from "./ka-model.js";

const messages = {
  noReverseTypo: (data: { script: string; owner: string; reverse: boolean }) =>
    `track_script '${data.script}' in ${data.owner}: keepalived accepts only 'noreverse' (the man page's ` +
    `'no_reverse' is a typo); it ignores this option, so the entry keeps the vrrp_script's ` +
    `${data.reverse ? "reverse" : "normal"} direction (write 'noreverse')`,
};

function check(ctx: RuleContext<typeof messages>, owner: string, list: readonly TrackedScript[]): void {
  for (const t of list) {
    for (const o of t.options) {
      if (o.value !== "no_reverse") continue;
      const reverse = t.script?.weightReverse ?? false;
      ctx.report({
        ...at(o.location),
        messageId: "noReverseTypo",
        data: { script: t.name, owner, reverse },
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
  messages,
  check(ctx) {
    for (const { config } of keepalivedUnits(ctx)) {
      for (const inst of config.instances) check(ctx, inst.name, inst.trackScripts);
      for (const g of config.syncGroups) check(ctx, `vrrp_sync_group ${g.name}`, g.trackScripts);
    }
  },
});
