import { readSocketAddress } from "../../model/ip-address.js";
import type { KaStatement } from "../../syntax/keepalived/tree.js";
import { defineRule } from "../rule.js";
import { readLikeKeepalived } from "./statement-blocks.js";

/** A keyword of the block whose value the block's end handler needs. */
function has(block: KaStatement, keywords: readonly string[], readable = (value: string) => value !== ""): boolean {
  return (block.block?.statements ?? []).some(
    (s) => keywords.includes(s.keyword.value) && readable(s.args[0]?.value ?? ""),
  );
}

/** What each block's end handler checks; the block name keepalived prints is its first word. */
const CHECKS: Record<
  string,
  { messageId: "noNeighbor" | "noDelay" | "noFile" | "noProcess"; present: (s: KaStatement) => boolean }
> = {
  bfd_instance: {
    messageId: "noNeighbor",
    present: (s) => has(s, ["neighbor_ip", "neighbour_ip"], (v) => readSocketAddress(v).address !== undefined),
  },
  garp_group: { messageId: "noDelay", present: (s) => has(s, ["garp_interval", "gna_interval"]) },
  track_file: { messageId: "noFile", present: (s) => has(s, ["file"]) },
  vrrp_track_file: { messageId: "noFile", present: (s) => has(s, ["file"]) },
  vrrp_track_process: { messageId: "noProcess", present: (s) => has(s, ["process"]) },
};

export default defineRule({
  id: "KA102",
  name: "block-without-target",
  severity: "warning",
  scope: "keepalived",
  docs: {
    summary:
      "A bfd_instance without a neighbor address, a garp_group without a delay, a track_file without a file: " +
      "keepalived drops the block when it reads its '}'.",
    description:
      "Reports, on the block's closing brace (where keepalived's end handler runs and prints), a `bfd_instance` " +
      "without a `neighbor_ip` (or `neighbour_ip`) address keepalived can read, a `garp_group` with neither " +
      "`garp_interval` nor `gna_interval`, a `track_file` or `vrrp_track_file` without `file`, and a " +
      "`vrrp_track_process` without `process`.",
    why:
      "keepalived goes on without the block: the BFD instance is disabled, so a `track_bfd` naming it finds " +
      "nothing; the garp group is removed, so its interfaces keep the global gratuitous-ARP timing; the tracked " +
      "file is ignored, so an instance's `track_file` naming it tracks nothing. Nothing says so at run time.",
    sources: [
      "keepalived 2.2.7 keepalived/bfd/bfd_parser.c bfd_end_handler() ('Configuration error: BFD instance %s has no " +
        "%s address set, disabling instance')",
      "keepalived 2.2.7 keepalived/vrrp/vrrp_parser.c garp_group_end_handler() ('garp group %d does not have any " +
        "delay set - removing')",
      "keepalived 2.2.7 keepalived/trackers/track_file.c track_file_end_handler() ('No file set for track_file %s " +
        "- ignoring'); the same three at v2.3.3 and v2.3.4",
      "keepalived 2.2.7 keepalived/vrrp/vrrp_parser.c vrrp_tprocess_end_handler() (\"track process '%s' process " +
        'name not specified", then free_vprocess()); the same at v2.3.3 and v2.3.4',
    ],
    bad: "bfd_instance bfd_gw {\n    min_rx 100\n}\ngarp_group {\n    interface eth0\n}\n",
    good:
      "bfd_instance bfd_gw {\n    neighbor_ip 192.0.2.1\n    min_rx 100\n}\ngarp_group {\n    garp_interval 0.1\n" +
      "    interface eth0\n}\n",
    realTool:
      "keepalived -t prints 'Configuration error: BFD instance bfd_gw has no neighbor address set, disabling " +
      "instance', 'garp group 0 does not have any delay set - removing' or 'No file set for track_file name - " +
      "ignoring' on the block's closing line and goes on (exit 5); checked on 2.2.7, 2.3.3 and 2.3.4.",
    reportedBy: "keepalived -t",
  },
  messages: {
    noNeighbor: (data: { name: string }) =>
      `bfd_instance ${data.name} has no neighbor_ip keepalived can read: it reports 'BFD instance ${data.name} has ` +
      `no neighbor address set, disabling instance' here, and nothing tracks this BFD session`,
    noDelay: () =>
      "this garp_group sets neither garp_interval nor gna_interval: keepalived reports 'garp group ... does not " +
      "have any delay set - removing' here, and its interfaces keep the global timing",
    noProcess: (data: { name: string }) =>
      `vrrp_track_process ${data.name} has no 'process': keepalived reports "track process '${data.name}' process ` +
      `name not specified" here and drops the block, so a track_process naming it tracks nothing`,
    noFile: (data: { keyword: string; name: string }) =>
      `${data.keyword} ${data.name} has no 'file': keepalived reports 'No file set for track_file ${data.name} - ` +
      `ignoring' here, and a track_file naming it tracks nothing`,
  },
  check(ctx) {
    for (const doc of ctx.keepalived) {
      for (const { statement, blockId } of readLikeKeepalived(doc.statements, ctx.keepalivedKeywords).statements) {
        const check = CHECKS[statement.keyword.value];
        if (blockId !== "root" || !check || !statement.block || check.present(statement)) continue;
        const close = statement.block.close ?? { file: statement.file, range: statement.range };
        const place = { file: close.file, range: close.range };
        const data = { name: statement.args[0]?.value ?? "", keyword: statement.keyword.value };
        if (check.messageId === "noDelay") ctx.report({ ...place, messageId: "noDelay" });
        else ctx.report({ ...place, messageId: check.messageId, data });
      }
    }
  },
});
