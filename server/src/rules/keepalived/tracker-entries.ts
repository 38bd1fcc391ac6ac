import type { KaStatement } from "../../syntax/keepalived/tree.js";
import { defineRule } from "../rule.js";
import { readLikeKeepalived } from "./statement-blocks.js";

/** The track blocks of vrrp_instance and vrrp_sync_group, the blocks their names refer to, the 4th words they take. */
const TRACKERS: Record<string, { defines?: string[]; reverse: string[] }> = {
  track_script: { reverse: ["reverse", "noreverse"] },
  track_interface: { reverse: ["reverse"] },
  track_process: { defines: ["vrrp_track_process"], reverse: ["reverse", "noreverse"] },
  track_file: { defines: ["vrrp_track_file", "track_file"], reverse: ["reverse", "noreverse"] },
  track_bfd: { defines: ["bfd_instance"], reverse: ["reverse", "noreverse"] },
};

export default defineRule({
  id: "KA057",
  name: "tracker-entries",
  severity: "warning",
  scope: "keepalived",
  docs: {
    summary:
      "A track_* entry keepalived ignores: a track_process, track_file or track_bfd name not defined above, an " +
      "entry given twice, an option other than weight, weight without its value, an unknown word after the weight.",
    description:
      "Reads each line of the track_script, track_interface, track_process, track_file and track_bfd blocks of " +
      "vrrp_instance and vrrp_sync_group as alloc_track_script() and its siblings do: the name must be a " +
      "vrrp_track_process, vrrp_track_file/track_file or bfd_instance block defined before the line (track_script " +
      "names are KA001's), not already tracked in the block; the only option is `weight N`, optionally followed by " +
      "`reverse` (and `noreverse`, except for interfaces).",
    why:
      "keepalived looks the name up while it reads the file and drops the entry on each of these, so the instance " +
      "runs without the tracker it was written with; a tracker meant to move the VIP when HAProxy dies then does " +
      "nothing.",
    sources: [
      "keepalived keepalived/vrrp/vrrp_track.c alloc_track_script(), alloc_track_if(), alloc_track_process(), " +
        "alloc_track_bfd() at v2.2.7 ('not found, ignoring...', 'duplicate ... - ignoring', 'unknown ... option %s - " +
        "ignoring', 'weight without value specified', 'unknown ... weight option')",
      "keepalived keepalived/trackers/track_file.c vrrp_alloc_track_file() at v2.2.7 (the same checks)",
    ],
    bad: "vrrp_instance VI_1 {\n    track_process {\n        haproxy_proc weight\n    }\n}\n",
    good:
      "vrrp_track_process haproxy_proc {\n    process haproxy\n}\nvrrp_instance VI_1 {\n    track_process {\n" +
      "        haproxy_proc weight -30\n    }\n}\n",
    realTool:
      "keepalived -t prints '(VI_1) track process haproxy_proc not found, ignoring...', '(VI_1) weight without " +
      "value specified for track process X - ignoring' and the others on the entry's line (exit 5).",
    reportedBy: "keepalived -t",
  },
  messages: {
    notDefined: (data: { kind: string; name: string; blocks: string }) =>
      `${data.kind} '${data.name}' is not a ${data.blocks} block defined above this line: keepalived looks it up ` +
      `while it reads the file, reports it 'not found' and ignores the entry`,
    duplicate: (data: { kind: string; name: string }) =>
      `'${data.name}' is already in this ${data.kind} block: keepalived ignores this entry`,
    unknownOption: (data: { word: string }) =>
      `'${data.word}' is not an option of a track entry (only 'weight N'): keepalived ignores the whole entry`,
    weightWithoutValue: () => `'weight' without its value: keepalived ignores the whole entry`,
    unknownWeightOption: (data: { word: string; words: string }) =>
      `'${data.word}' is not a word keepalived takes after the weight here (${data.words}): it reports it and ` +
      `ignores the word`,
  },
  check(ctx) {
    for (const doc of ctx.keepalived) {
      const defined = new Map<string, Set<string>>();
      for (const { statement, blockId } of readLikeKeepalived(doc.statements, ctx.keepalivedKeywords).statements) {
        const keyword = statement.keyword.value;
        if (blockId === "root" && statement.args[0]) {
          const names = defined.get(keyword) ?? new Set<string>();
          names.add(statement.args[0].value);
          defined.set(keyword, names);
        }
        const tracker = TRACKERS[keyword];
        if (!tracker || (blockId !== "vrrp_instance" && blockId !== "vrrp_sync_group") || !statement.block) continue;
        checkBlock(statement, keyword, tracker, defined, (r) => ctx.report(r));
      }
    }
  },
});

function checkBlock(
  block: KaStatement,
  kind: string,
  tracker: { defines?: string[]; reverse: string[] },
  defined: ReadonlyMap<string, ReadonlySet<string>>,
  report: (
    r: { file: string; range: KaStatement["range"] } & (
      | { messageId: "notDefined"; data: { kind: string; name: string; blocks: string } }
      | { messageId: "duplicate"; data: { kind: string; name: string } }
      | { messageId: "unknownOption"; data: { word: string } }
      | { messageId: "weightWithoutValue"; data?: undefined }
      | { messageId: "unknownWeightOption"; data: { word: string; words: string } }
    ),
  ) => void,
): void {
  const seen = new Set<string>();
  for (const entry of block.block?.statements ?? []) {
    const name = entry.keyword.value;
    const place = { file: entry.file, range: entry.keyword.range };
    if (tracker.defines && !tracker.defines.some((b) => defined.get(b)?.has(name))) {
      report({ ...place, messageId: "notDefined", data: { kind, name, blocks: tracker.defines.join(" or ") } });
      continue;
    }
    // a track_script name without vrrp_script above is KA001's, and keepalived adds nothing for it
    if (kind === "track_script" && !defined.get("vrrp_script")?.has(name)) continue;
    if (seen.has(name)) {
      report({ ...place, messageId: "duplicate", data: { kind, name } });
      continue;
    }
    seen.add(name);
    const [option, value, after] = entry.args;
    if (!option) continue;
    const at = (word: typeof option) => ({ file: word.file, range: word.range });
    if (option.value !== "weight") report({ ...at(option), messageId: "unknownOption", data: { word: option.value } });
    else if (!value) report({ ...at(option), messageId: "weightWithoutValue" });
    // 'no_reverse' after a track_script weight is KA033's
    else if (
      after &&
      !tracker.reverse.includes(after.value) &&
      !(kind === "track_script" && after.value === "no_reverse")
    )
      report({
        ...at(after),
        messageId: "unknownWeightOption",
        data: { word: after.value, words: tracker.reverse.join(", ") },
      });
  }
}
