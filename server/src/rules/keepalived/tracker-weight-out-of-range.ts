import type { Located, TrackedScript } from "../../model/types.js";
import type { Location } from "../../syntax/source.js";
import { defineRule, type RuleContext } from "../rule.js";
import { at, keepalivedUnits } from "./ka-model.js";
import { readLikeKeepalived } from "./statement-blocks.js";

/** The tracker blocks whose own `weight` is read with read_int_strvec() in [-254, 254], with the weight that counts as unset. */
const TRACKER_BLOCKS: Record<string, number> = { vrrp_track_process: 0, track_file: 1, vrrp_track_file: 1 };

/** A weight word read_int_strvec() takes in [-254, 254] (decimal, an optional sign), or undefined. */
function blockWeight(word: string): number | undefined {
  if (!/^[-+]?\d+$/.test(word)) return undefined;
  const n = Number(word);
  return n >= -254 && n <= 254 ? n : undefined;
}

/**
 * vrrp_tprocess_weight_handler() and track_file_weight_handler(): the weight of a vrrp_track_process or track_file
 * block itself. A line after a weight that was set is refused as 'Weight already set' (KA047), so only the lines
 * up to that one are judged.
 */
function trackerBlockWeights(ctx: RuleContext<typeof messages>): void {
  for (const doc of ctx.keepalived) {
    const set = new Set<unknown>();
    for (const { statement, blockId, parent } of readLikeKeepalived(doc.statements, ctx.keepalivedKeywords)
      .statements) {
      const unset = TRACKER_BLOCKS[blockId];
      const word = statement.args[0];
      if (unset === undefined || statement.keyword.value !== "weight" || !word || set.has(parent)) continue;
      const weight = blockWeight(word.value);
      if (weight === undefined) {
        const data = { block: blockId, name: parent?.args[0]?.value ?? "", weight: word.value };
        ctx.report({ file: word.file, range: word.range, messageId: "trackerBlockWeightInvalid", data });
      } else if (weight !== unset) set.add(parent);
    }
  }
}

const show = (v: number, text?: string): string => (Number.isNaN(v) ? `'${text ?? "?"}'` : String(v));

const messages = {
  trackerBlockWeightInvalid: (data: { block: string; name: string; weight: string }) =>
    `${data.block} ${data.name}: weight ${data.weight} is not an integer within -254..254; keepalived reports ` +
    `'Weight (${data.weight}) for ... must be between [-254..254] inclusive. Ignoring...' and keeps the default weight`,
  scriptWeightClamped: (data: { name: string; owner: string; weight: number }) =>
    `track_script '${data.name}' in ${data.owner}: weight ${data.weight} is outside -253..253; keepalived uses ` +
    `${data.weight > 0 ? 253 : -253} instead (write ${data.weight > 0 ? 253 : -253})`,
  scriptWeightInvalid: (data: { name: string; owner: string; weight: string; fallback: string }) =>
    `track_script '${data.name}' in ${data.owner}: weight ${data.weight} is not an integer within -253..253; ` +
    `keepalived ignores it and ${data.fallback} (use a weight within -253..253)`,
  weightNotNumber: (data: { name: string }) =>
    `vrrp_script '${data.name}': the weight is not a number; keepalived reports it and reads the leading digits (0 ` +
    `when there are none, which makes the check a FAULT trigger) (use an integer within -253..253)`,
  weightOutOfRange: (data: { name: string; weight: number }) =>
    `vrrp_script '${data.name}': weight ${data.weight} is outside -253..253; keepalived reports it and still applies ` +
    `${data.weight} (the priority is then clamped to 1..254) (use a weight within -253..253 that exceeds the ` +
    `priority gap)`,
  interfaceWeightClamped: (data: { name: string; instance: string; weight: number }) =>
    `track_interface '${data.name}' in ${data.instance}: weight ${data.weight} is outside -253..253; keepalived uses ` +
    `${data.weight > 0 ? 253 : -253} instead`,
  interfaceWeightInvalid: (data: { name: string; instance: string; weight: string }) =>
    `track_interface '${data.name}' in ${data.instance}: weight ${data.weight} is not an integer within -253..253; ` +
    `keepalived sets it to 0, so ${data.name} going down puts the instance in FAULT instead of changing its priority ` +
    `(use a weight within -253..253)`,
  fileWeightInvalid: (data: { name: string; instance: string; weight: string }) =>
    `track_file '${data.name}' in ${data.instance}: weight ${data.weight} is not an integer within -254..254; ` +
    `keepalived ignores it and uses the vrrp_track_file's own weight`,
  processWeightInvalid: (data: { name: string; instance: string; weight: string }) =>
    `track_process '${data.name}' in ${data.instance}: weight ${data.weight} is not an integer within -254..254; ` +
    `keepalived ignores it and uses the vrrp_track_process's own weight`,
};

function weightWord(t: TrackedScript): Located<string> | undefined {
  const i = t.options.findIndex((o) => o.value === "weight");
  return i >= 0 ? t.options[i + 1] : undefined;
}

function tracks(ctx: RuleContext<typeof messages>, owner: string, list: readonly TrackedScript[]): void {
  for (const t of list) {
    if (t.weightOverride === undefined) continue;
    const w = t.weightOverride;
    const word = weightWord(t);
    // `weight` without its value drops the whole entry (vrrp_track.c alloc_track_script() at v2.2.7 returns before
    // the weight is read): KA057 reports it, there is no weight to judge.
    if (!word) continue;
    const loc: Location = word?.location ?? t.location;
    if (w === 254 || w === -254) {
      ctx.report({
        ...at(loc),
        messageId: "scriptWeightClamped",
        data: { name: t.name, owner, weight: w },
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
        messageId: "scriptWeightInvalid",
        data: { name: t.name, owner, weight: show(w, word?.value), fallback },
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
      "each out-of-range value. Also checks the own `weight` of vrrp_track_process and track_file blocks " +
      "(-254..254, up to the first line that sets one; keepalived refuses later ones as already set).",
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
      "keepalived 2.2.7 keepalived/vrrp/vrrp_parser.c vrrp_tprocess_weight_handler() and " +
        "keepalived/trackers/track_file.c track_file_weight_handler() ('Weight (%s) for vrrp_track_process/" +
        "track_file %s must be between [-254..254] inclusive. Ignoring...', after 'Weight already set'); the same " +
        "at v2.3.3 and v2.3.4",
    ],
    bad: 'vrrp_script chk_haproxy {\n    script "/usr/bin/test -e /run/haproxy.pid"\n    weight -300\n}\n',
    good: 'vrrp_script chk_haproxy {\n    script "/usr/bin/test -e /run/haproxy.pid"\n    weight -100\n}\n',
    realTool:
      "keepalived -t reports each case: 'vrrp_script X weight -300 must be in [-253, 253]', 'weight for X cannot " +
      "be +/-254. Setting to +/-253', 'track script X: weight must be between [-253..253] inclusive, ignoring...' " +
      "(rc 5); for the blocks' own weight 'Weight (300) for track_file tf1 must be between [-254..254] inclusive. " +
      "Ignoring...' on the line (checked on 2.2.7, 2.3.3 and 2.3.4).",
    reportedBy: "keepalived -t",
  },
  messages,
  check(ctx) {
    trackerBlockWeights(ctx);
    for (const { config } of keepalivedUnits(ctx)) {
      for (const s of config.scripts.values()) {
        if (!s.weightLocation) continue;
        const w = s.weight;
        if (Number.isInteger(w) && w >= -253 && w <= 253) continue;
        ctx.report({
          ...at(s.weightLocation),
          ...(Number.isNaN(w)
            ? { messageId: "weightNotNumber" as const, data: { name: s.name } }
            : { messageId: "weightOutOfRange" as const, data: { name: s.name, weight: w } }),
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
              messageId: "interfaceWeightClamped",
              data: { name: ti.name, instance: inst.name, weight: w },
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
              messageId: "interfaceWeightInvalid",
              data: { name: ti.name, instance: inst.name, weight: show(w) },
            });
        }
        for (const tf of inst.trackFiles) {
          const w = tf.weight;
          if (w === undefined || (Number.isInteger(w) && w >= -254 && w <= 254)) continue;
          ctx.report({
            ...at(tf.location),
            messageId: "fileWeightInvalid",
            data: { name: tf.name, instance: inst.name, weight: show(w) },
          });
        }
        for (const tp of inst.trackProcesses) {
          const w = tp.weight;
          if (w === undefined || (Number.isInteger(w) && w >= -254 && w <= 254)) continue;
          ctx.report({
            ...at(tp.location),
            messageId: "processWeightInvalid",
            data: { name: tp.name, instance: inst.name, weight: show(w) },
          });
        }
      }
      for (const g of config.syncGroups) tracks(ctx, `vrrp_sync_group ${g.name}`, g.trackScripts);
    }
  },
});
