import { distance } from "fastest-levenshtein";
import type { KeepalivedConfig, TrackedScript } from "../../model/types.js";
import { defineRule, type RuleContext } from "../rule.js";
import { runsAsDefaultUser } from "./default-script-user.js";
import { at, keepalivedUnits, where } from "./ka-model.js";

function check(
  ctx: RuleContext<typeof messages>,
  config: KeepalivedConfig,
  owner: string,
  tracks: readonly TrackedScript[],
): void {
  for (const t of tracks) {
    const script = t.script;
    if (!script) {
      const names = [...config.scripts.keys()];
      const close = names
        .filter((n) => distance(n, t.name) <= Math.max(1, Math.floor(t.name.length / 4)))
        .sort((a, b) => distance(a, t.name) - distance(b, t.name))[0];
      ctx.report({
        ...at(t.location),
        messageId: "notFound",
        data: {
          name: t.name,
          owner,
          hint: close ? `. Did you mean '${close}'?` : " (define the vrrp_script or fix the name)",
        },
        fixes: close
          ? [
              {
                description: `Track '${close}' instead`,
                safe: false,
                edits: [
                  {
                    file: t.location.file,
                    range: {
                      start: t.location.range.start,
                      end: {
                        line: t.location.range.start.line,
                        character: t.location.range.start.character + t.name.length,
                      },
                    },
                    newText: close,
                  },
                ],
              },
            ]
          : undefined,
      });
    } else if (t.definedAfter) {
      ctx.report({
        ...at(t.location),
        messageId: "definedAfter",
        data: { name: t.name, owner, where: where(script.location, t.location.file) },
        related: [
          {
            file: script.location.file,
            range: script.nameLocation.range,
            message: `vrrp_script '${t.name}' is defined here, too late`,
          },
        ],
      });
    } else if (script.command && script.command.args.length > 0 && runsAsDefaultUser(config, script)) {
      ctx.report({ ...at(t.location), messageId: "removedForUser", data: { name: t.name, owner } });
    } else if (!script.command || script.command.args.length === 0) {
      ctx.report({
        ...at(t.location),
        messageId: "removed",
        data: { name: t.name, owner },
        related: [{ file: script.location.file, range: script.nameLocation.range, message: `vrrp_script '${t.name}'` }],
      });
    }
  }
}

const messages = {
  notFound: (data: { name: string; owner: string; hint: string }) =>
    `track_script '${data.name}' in ${data.owner} names no vrrp_script: keepalived reports 'track script ` +
    `${data.name} not found, ignoring...' and runs ${data.owner} without this check${data.hint}`,
  definedAfter: (data: { name: string; owner: string; where: string }) =>
    `vrrp_script '${data.name}' is defined at ${data.where}, after ${data.owner}: keepalived looks track_script ` +
    `names up while it reads the file, reports 'track script ${data.name} not found, ignoring...' and runs ` +
    `${data.owner} without this check (move the vrrp_script block above ${data.owner})`,
  removedForUser: (data: { name: string; owner: string }) =>
    `vrrp_script '${data.name}' runs as the default user keepalived_script (enable_script_security without ` +
    `script_user or user): where that user does not exist keepalived removes the script, reports 'track script ` +
    `${data.name} not found, ignoring...' here and runs ${data.owner} without this check`,
  removed: (data: { name: string; owner: string }) =>
    `vrrp_script '${data.name}' has no usable 'script' line: keepalived removes it ('No script set for vrrp_script ` +
    `${data.name} - removing') before it reads ${data.owner}, reports 'track script ${data.name} not found, ` +
    `ignoring...' here and runs ${data.owner} without this check`,
};

export default defineRule({
  id: "KA001",
  name: "track-script-undefined",
  severity: "warning",
  scope: "keepalived",
  docs: {
    summary:
      "A track_script entry names a vrrp_script that does not exist, is defined later in the file, or has no script " +
      "line.",
    description:
      "For every `track_script` entry of a vrrp_instance or vrrp_sync_group, looks the name up among the " +
      "vrrp_script blocks the way keepalived does: the script must exist, must be defined before the block that " +
      "tracks it (keepalived resolves the name while it reads the file), and must have a `script` line. Suggests " +
      "the closest existing name for a typo.",
    why:
      "keepalived does not stop on an unresolved track_script: it logs 'track script X not found, ignoring' and runs " +
      "the instance as if the line were not there. The HAProxy check then never influences the election and the VIP " +
      "stays on a node whose HAProxy is dead. A vrrp_script without a `script` line is removed the same way.",
    sources: [
      "keepalived keepalived/vrrp/vrrp_track.c alloc_track_script() at v2.2.7: find_script_by_name() while the file " +
        "is read, 'track script %s not found, ignoring...'",
      "keepalived keepalived/vrrp/vrrp_parser.c vrrp_vscript_end_handler() at v2.2.7: 'No script set for " +
        "vrrp_script %s - removing', free_vscript()",
      "NixOS/nixpkgs PR #39671, voxpupuli/puppet-keepalived PR #56 (vrrp_script emitted after the instance)",
    ],
    bad:
      "vrrp_instance VI_1 {\n    track_script {\n        chk_haproxy\n    }\n}\nvrrp_script chk_haproxy {\n" +
      '    script "/usr/bin/pgrep haproxy"\n}\n',
    good:
      'vrrp_script chk_haproxy {\n    script "/usr/bin/pgrep haproxy"\n}\nvrrp_instance VI_1 {\n    track_script {\n' +
      "        chk_haproxy\n    }\n}\n",
    realTool:
      "keepalived -t reports '(VI_1) track script X not found, ignoring...' on the track_script line (exit 5); the " +
      "daemon starts anyway without the check.",
    reportedBy: "keepalived -t",
  },
  messages,
  check(ctx) {
    // a vrrp_script without its name stops keepalived at that line (KA046): it never reads the instances
    const stopped = new Set(
      ctx.keepalived
        .filter((doc) => doc.statements.some((s) => s.keyword.value === "vrrp_script" && s.args.length === 0))
        .flatMap((doc) => doc.files),
    );
    for (const { config } of keepalivedUnits(ctx)) {
      if (config.instances.some((inst) => stopped.has(inst.nameLocation.file))) continue;
      for (const inst of config.instances) check(ctx, config, `vrrp_instance ${inst.name}`, inst.trackScripts);
      for (const g of config.syncGroups) check(ctx, config, `vrrp_sync_group ${g.name}`, g.trackScripts);
    }
  },
});
