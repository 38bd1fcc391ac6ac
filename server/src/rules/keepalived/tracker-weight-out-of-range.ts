import type { Located, TrackedScript } from "../../model/types.js";
import type { Location } from "../../syntax/source.js";
import { defineRule, type RuleContext } from "../rule.js";
import { at, keepalivedUnits } from "./ka-model.js";

const show = (v: number, text?: string): string => (Number.isNaN(v) ? `'${text ?? "?"}'` : String(v));

function weightWord(t: TrackedScript): Located<string> | undefined {
  const i = t.options.findIndex((o) => o.value === "weight");
  return i >= 0 ? t.options[i + 1] : undefined;
}

function tracks(ctx: RuleContext, owner: string, list: readonly TrackedScript[]): void {
  for (const t of list) {
    if (t.weightOverride === undefined) continue;
    const w = t.weightOverride;
    const word = weightWord(t);
    const loc: Location = word?.location ?? t.location;
    if (w === 254 || w === -254) {
      ctx.report({
        ...at(loc),
        message: `track_script '${t.name}' in ${owner}: weight ${w} is outside -253..253; keepalived uses ${w > 0 ? 253 : -253} instead (write ${w > 0 ? 253 : -253})`,
        fixes: word
          ? [
              {
                description: `Write ${w > 0 ? 253 : -253}`,
                safe: true,
                edits: [{ file: loc.file, range: loc.range, newText: String(w > 0 ? 253 : -253) }],
              },
            ]
          : undefined,
      });
    } else if (!Number.isInteger(w) || w < -254 || w > 254) {
      const fallback = t.script
        ? `the vrrp_script's own weight (${t.script.weight}) applies instead`
        : "the vrrp_script's own weight applies instead";
      ctx.report({
        ...at(loc),
        message: `track_script '${t.name}' in ${owner}: weight ${show(w, word?.value)} is not an integer within -253..253; keepalived ignores it and ${fallback} (use a weight within -253..253)`,
      });
    }
  }
}

export default defineRule({
  id: "KA025",
  name: "tracker-weight-out-of-range",
  severity: "warning",
  scope: "keepalived",
  docs: {
    summary: "A tracker weight outside -253..253: keepalived clamps, replaces or ignores it.",
    description:
      "Checks the weights of vrrp_script blocks and of the track_script, track_interface, track_file and " +
      "track_process entries of each vrrp_instance against keepalived's range, and says what keepalived does with " +
      "each out-of-range value.",
    why:
      "Weights beyond ±253 make no sense (priorities are 1..254) and keepalived handles them inconsistently: ±254 on " +
      "a track_script or track_interface entry becomes ±253; a larger track_script override is ignored and the " +
      "vrrp_script's own weight applies; a track_interface weight out of range becomes 0, which turns the interface " +
      "into a FAULT trigger; a vrrp_script weight out of range is reported but still used. The tracker then behaves " +
      "differently from the failover plan the number expresses.",
    sources: [
      "keepalived keepalived/vrrp/vrrp_parser.c vrrp_vscript_weight_handler() 'vrrp_script %s weight %s must be in " +
        "[-253, 253]'",
      "keepalived keepalived/vrrp/vrrp_track.c alloc_track_script(), alloc_track_if(), alloc_track_process(); " +
        "keepalived/trackers/track_file.c",
      "keepalived lib/parser.c read_int_func() (the value is stored even when out of range)",
    ],
    bad: 'vrrp_script chk_haproxy {\n    script "/usr/bin/test -e /run/haproxy.pid"\n    weight -300\n}\n',
    good: 'vrrp_script chk_haproxy {\n    script "/usr/bin/test -e /run/haproxy.pid"\n    weight -100\n}\n',
    realTool:
      "keepalived -t reports each case: 'vrrp_script X weight -300 must be in [-253, 253]', 'weight for X cannot be " +
      "+/-254. Setting to +/-253', 'track script X: weight must be between [-253..253] inclusive, ignoring...' (rc " +
      "5).",
    reportedBy: "keepalived -t",
  },
  check(ctx) {
    for (const { config } of keepalivedUnits(ctx)) {
      for (const s of config.scripts.values()) {
        if (!s.weightLocation) continue;
        const w = s.weight;
        if (Number.isInteger(w) && w >= -253 && w <= 253) continue;
        ctx.report({
          ...at(s.weightLocation),
          message: Number.isNaN(w)
            ? `vrrp_script '${s.name}': the weight is not a number; keepalived reports it and reads the leading digits (0 when there are none, which makes the check a FAULT trigger) (use an integer within -253..253)`
            : `vrrp_script '${s.name}': weight ${w} is outside -253..253; keepalived reports it and still applies ${w} (the priority is then clamped to 1..254) (use a weight within -253..253 that exceeds the priority gap)`,
        });
      }
      for (const inst of config.instances) {
        tracks(ctx, inst.name, inst.trackScripts);
        for (const ti of inst.trackInterfaces) {
          const ww = ti.writtenWeight;
          if (!ww) continue;
          const w = ww.value;
          if (w === 254 || w === -254)
            ctx.report({
              ...at(ww.location),
              message: `track_interface '${ti.name}' in ${inst.name}: weight ${w} is outside -253..253; keepalived uses ${w > 0 ? 253 : -253} instead`,
              fixes: [
                {
                  description: `Write ${w > 0 ? 253 : -253}`,
                  safe: true,
                  edits: [{ file: ww.location.file, range: ww.location.range, newText: String(w > 0 ? 253 : -253) }],
                },
              ],
            });
          else if (!Number.isInteger(w) || w < -254 || w > 254)
            ctx.report({
              ...at(ww.location),
              message: `track_interface '${ti.name}' in ${inst.name}: weight ${show(w)} is not an integer within -253..253; keepalived sets it to 0, so ${ti.name} going down puts the instance in FAULT instead of changing its priority (use a weight within -253..253)`,
            });
        }
        for (const tf of inst.trackFiles) {
          const w = tf.weight;
          if (w === undefined || (Number.isInteger(w) && w >= -254 && w <= 254)) continue;
          ctx.report({
            ...at(tf.location),
            message: `track_file '${tf.name}' in ${inst.name}: weight ${show(w)} is not an integer within -254..254; keepalived ignores it and uses the vrrp_track_file's own weight`,
          });
        }
        for (const tp of inst.trackProcesses) {
          const w = tp.weight;
          if (w === undefined || (Number.isInteger(w) && w >= -254 && w <= 254)) continue;
          ctx.report({
            ...at(tp.location),
            message: `track_process '${tp.name}' in ${inst.name}: weight ${show(w)} is not an integer within -254..254; keepalived ignores it and uses the vrrp_track_process's own weight`,
          });
        }
      }
      for (const g of config.syncGroups) tracks(ctx, `vrrp_sync_group ${g.name}`, g.trackScripts);
    }
  },
  cases: {
    valid: [
      {
        name: "weights in range",
        files: {
          "keepalived.conf":
            "global_defs {\n  enable_script_security\n  script_user root\n}\nvrrp_script chk {\n" +
            '  script "/usr/bin/test -e /run/haproxy.pid"\n  weight -253\n}\nvrrp_instance VI_1 {\n' +
            "  interface eth0\n  virtual_router_id 51\n  priority 100\n  track_script {\n    chk weight 253\n  }\n" +
            "  track_interface {\n    lo weight -50\n  }\n  virtual_ipaddress {\n    192.0.2.10/24\n  }\n}\n",
        },
      },
    ],
    invalid: [
      {
        name: "script weight -300",
        files: {
          "keepalived.conf":
            "global_defs {\n  script_user root\n  enable_script_security\n}\nvrrp_script chk_haproxy {\n" +
            '  script "/usr/bin/test -e /run/haproxy.pid"\n  weight -300\n}\nvrrp_instance VI_1 {\n' +
            "  interface eth0\n  virtual_router_id 51\n  priority 100\n  track_script {\n    chk_haproxy\n  }\n" +
            "  virtual_ipaddress {\n    192.0.2.10/24\n  }\n}\n",
        },
        realTool: "vrrp_script chk_haproxy weight -300 must be in \\[-253, 253\\]",
        expect: [{ line: 7, message: "still applies -300" }],
      },
      {
        name: "track_script 254 and track_interface 300",
        files: {
          "keepalived.conf":
            'vrrp_script chk {\n  script "/usr/bin/test -e /run/haproxy.pid"\n}\nvrrp_instance VI_1 {\n' +
            "  interface eth0\n  virtual_router_id 51\n  priority 100\n  track_script {\n    chk weight 254\n  }\n" +
            "  track_interface {\n    ifb0 weight 300\n  }\n}\n",
        },
        realTool: "weight for chk cannot be \\+/-254",
        expect: [
          { line: 9, message: "keepalived uses 253" },
          { line: 12, message: "sets it to 0" },
        ],
      },
    ],
  },
});
