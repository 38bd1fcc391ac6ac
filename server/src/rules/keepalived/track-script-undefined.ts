import { distance } from "fastest-levenshtein";
import type { KeepalivedConfig, TrackedScript } from "../../model/types.js";
import { defineRule, type RuleContext } from "../rule.js";
import { at, keepalivedUnits, where } from "./ka-model.js";

function check(ctx: RuleContext, config: KeepalivedConfig, owner: string, tracks: readonly TrackedScript[]): void {
  for (const t of tracks) {
    const script = t.script;
    if (!script) {
      const names = [...config.scripts.keys()];
      const close = names
        .filter((n) => distance(n, t.name) <= Math.max(1, Math.floor(t.name.length / 4)))
        .sort((a, b) => distance(a, t.name) - distance(b, t.name))[0];
      ctx.report({
        ...at(t.location),
        message: `track_script '${t.name}' in ${owner} names no vrrp_script; keepalived logs 'track script ${t.name} not found, ignoring' and runs ${owner} without this check${close ? `. Did you mean '${close}'?` : " (define the vrrp_script or fix the name)"}`,
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
        message: `vrrp_script '${t.name}' is defined at ${where(script.location, t.location.file)}, after ${owner}; keepalived resolves track_script names while reading the file, so it does not find it and ${owner} runs without this check (move the vrrp_script block above ${owner})`,
        related: [
          {
            file: script.location.file,
            range: script.nameLocation.range,
            message: `vrrp_script '${t.name}' is defined here, too late`,
          },
        ],
      });
    } else if (!script.command || script.command.args.length === 0) {
      ctx.report({
        ...at(t.location),
        message: `vrrp_script '${t.name}' has no usable 'script' line; keepalived removes it ('No script set for vrrp_script ${t.name} - removing') and ${owner} runs without this check`,
        related: [{ file: script.location.file, range: script.nameLocation.range, message: `vrrp_script '${t.name}'` }],
      });
    }
  }
}

export default defineRule({
  id: "KA001",
  name: "track-script-undefined",
  severity: "error",
  scope: "keepalived",
  docs: {
    summary:
      "A track_script entry names a vrrp_script that does not exist, is defined later in the file, or has no script line.",
    description:
      "For every `track_script` entry of a vrrp_instance or vrrp_sync_group, looks the name up among the vrrp_script blocks the way keepalived does: the script must exist, must be defined before the block that tracks it (keepalived resolves the name while it reads the file), and must have a `script` line. Suggests the closest existing name for a typo.",
    why: "keepalived does not stop on an unresolved track_script: it logs 'track script X not found, ignoring' and runs the instance as if the line were not there. The HAProxy check then never influences the election and the VIP stays on a node whose HAProxy is dead. A vrrp_script without a `script` line is removed the same way.",
    sources: [
      "keepalived keepalived/vrrp/vrrp_track.c alloc_track_script() 'track script %s not found, ignoring...'",
      "keepalived keepalived/vrrp/vrrp_parser.c vrrp_vscript_end_handler() 'No script set for vrrp_script'",
      "NixOS/nixpkgs PR #39671, voxpupuli/puppet-keepalived PR #56 (vrrp_script emitted after the instance)",
    ],
    bad: 'vrrp_instance VI_1 {\n    track_script {\n        chk_haproxy\n    }\n}\nvrrp_script chk_haproxy {\n    script "/usr/bin/pgrep haproxy"\n}\n',
    good: 'vrrp_script chk_haproxy {\n    script "/usr/bin/pgrep haproxy"\n}\nvrrp_instance VI_1 {\n    track_script {\n        chk_haproxy\n    }\n}\n',
    realTool:
      "keepalived -t reports 'track script X not found, ignoring...' (rc 5); the daemon starts anyway without the check.",
    reportedBy: "keepalived -t",
  },
  check(ctx) {
    for (const { config } of keepalivedUnits(ctx)) {
      for (const inst of config.instances) check(ctx, config, `vrrp_instance ${inst.name}`, inst.trackScripts);
      for (const g of config.syncGroups) check(ctx, config, `vrrp_sync_group ${g.name}`, g.trackScripts);
    }
  },
  cases: {
    valid: [
      {
        name: "script defined before the instance",
        files: {
          "keepalived.conf":
            'global_defs {\n  enable_script_security\n  script_user root\n}\nvrrp_script chk_haproxy {\n  script "/usr/bin/pgrep haproxy"\n  interval 2\n  weight -30\n}\nvrrp_instance VI_1 {\n  state BACKUP\n  interface eth0\n  virtual_router_id 51\n  priority 100\n  virtual_ipaddress {\n    192.0.2.10/24\n  }\n  track_script {\n    chk_haproxy\n  }\n}\n',
        },
      },
    ],
    invalid: [
      {
        name: "script defined after the instance",
        files: {
          "keepalived.conf":
            'global_defs {\n  enable_script_security\n  script_user root\n}\nvrrp_instance VI_1 {\n  state BACKUP\n  interface eth0\n  virtual_router_id 51\n  priority 100\n  virtual_ipaddress {\n    192.0.2.10/24\n  }\n  track_script {\n    chk_haproxy\n  }\n}\nvrrp_script chk_haproxy {\n  script "/usr/bin/pgrep haproxy"\n  interval 2\n  weight -30\n}\n',
        },
        realTool: "track script chk_haproxy not found, ignoring",
        expect: [{ line: 14, message: "after vrrp_instance VI_1" }],
      },
      {
        name: "typo in the tracked name",
        files: {
          "keepalived.conf":
            'vrrp_script chk_haproxy {\n  script "/usr/bin/pgrep haproxy"\n}\nvrrp_instance VI_1 {\n  interface eth0\n  virtual_router_id 51\n  virtual_ipaddress {\n    192.0.2.10/24\n  }\n  track_script {\n    chk_haproxi\n  }\n}\n',
        },
        realTool: "track script chk_haproxi not found",
        expect: [{ line: 11, message: "Did you mean 'chk_haproxy'" }],
      },
      {
        name: "vrrp_script without a script line, tracked by a sync group",
        files: {
          "keepalived.conf":
            "vrrp_script chk {\n  interval 2\n}\nvrrp_instance VI_1 {\n  interface eth0\n  virtual_router_id 51\n  virtual_ipaddress {\n    192.0.2.10/24\n  }\n}\nvrrp_sync_group G1 {\n  group {\n    VI_1\n  }\n  track_script {\n    chk\n  }\n}\n",
        },
        expect: [{ line: 16, message: "no usable 'script' line" }],
      },
    ],
  },
});
