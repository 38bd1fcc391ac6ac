import { defineRule } from "../rule.js";
import { at, keepalivedUnits } from "./ka-model.js";
import type { KaStatement } from "../../syntax/keepalived/tree.js";

/** Top-level blocks: a virtual_router_id after one of them is not the instance's any more. */
const TOP_BLOCKS = new Set(["vrrp_instance", "vrrp_sync_group", "vrrp_script", "virtual_server", "global_defs"]);

/**
 * A virtual_router_id keepalived read at the top level right after the instance (a '}' of a block keepalived did not
 * open ended the instance early, lib/parser.c process_stream()): the reader leaves it there, outside the instance.
 */
function vridReadOutside(statements: readonly KaStatement[], instance: string): KaStatement | undefined {
  const start = statements.findIndex((s) => s.keyword.value === "vrrp_instance" && s.args[0]?.value === instance);
  if (start < 0) return undefined;
  for (const statement of statements.slice(start + 1)) {
    if (TOP_BLOCKS.has(statement.keyword.value)) return undefined;
    if (statement.keyword.value === "virtual_router_id") return statement;
  }
  return undefined;
}

export default defineRule({
  id: "KA022",
  name: "virtual-router-id-invalid",
  severity: "error",
  scope: "keepalived",
  docs: {
    summary: "A vrrp_instance without virtual_router_id, or with one outside 1..255: keepalived's VRRP process stops.",
    description:
      "Reports a vrrp_instance that has no `virtual_router_id` line, or whose value is not an integer between 1 and " +
      "255.",
    why:
      "The VRID identifies the virtual router on the segment and is part of the virtual MAC address. " +
      "vrrp_vrid_handler() reports an invalid value and leaves the VRID unset; chk_min_cfg() then finds an instance " +
      "without VRID ('the virtual router id must be set') and vrrp_complete_init() fails, so start_vrrp() stops the " +
      "VRRP process with KEEPALIVED_EXIT_CONFIG and the parent keepalived terminates ('exited with permanent error " +
      "CONFIG. Terminating'): no instance of the node runs, not only this one.",
    sources: [
      "keepalived keepalived/vrrp/vrrp_parser.c vrrp_vrid_handler() at v2.2.7: read_unsigned_strvec(strvec, 1, " +
        "&vrid, 1, 255, false), 'VRID '%s' not valid - must be between 1 & 255'",
      "keepalived keepalived/vrrp/vrrp.c chk_min_cfg() and vrrp_complete_init() at v2.2.7 ('the virtual router id " +
        "must be set', return false)",
      "keepalived keepalived/vrrp/vrrp_daemon.c start_vrrp() (stop_vrrp(KEEPALIVED_EXIT_CONFIG)) and " +
        "lib/scheduler.c report_child_status() at v2.2.7",
      "RFC 3768 section 5.3.3",
    ],
    bad: "vrrp_instance VI_1 {\n    interface eth0\n    virtual_router_id 256\n}\n",
    good: "vrrp_instance VI_1 {\n    interface eth0\n    virtual_router_id 51\n}\n",
    realTool:
      "keepalived -t reports 'VRID '256' not valid' on the line and '(VI_1) the virtual router id must be set' " +
      "(exit 5). The daemon exits (2) with 'pid N exited with permanent error CONFIG. Terminating' (checked with " +
      "keepalived 2.2.7 in a network namespace).",
    reportedBy: "keepalived -t",
    severityNote:
      "error although keepalived -t exits with 5 (not one of its fatal codes): the daemon does not run with this " +
      "file, as vrrp_complete_init() fails and the VRRP process stops keepalived.",
  },
  messages: {
    missing: (data: { instance: string }) =>
      `vrrp_instance ${data.instance} has no virtual_router_id: keepalived reports 'the virtual router id must be ` +
      `set' and its VRRP process stops, so keepalived does not run on this node (add virtual_router_id 1..255, the ` +
      `same on every node of the pair)`,
    readOutside: (data: { instance: string; line: number }) =>
      `keepalived reads the virtual_router_id of line ${data.line} outside vrrp_instance ${data.instance} (a '}' of ` +
      `an unknown block above ended the instance early), so ${data.instance} has none: keepalived reports 'the ` +
      `virtual router id must be set' and its VRRP process stops`,
    invalid: (data: { instance: string; problem: string }) =>
      `virtual_router_id ${data.problem}: keepalived leaves the VRID of ${data.instance} unset, reports 'the virtual ` +
      `router id must be set' and its VRRP process stops, so keepalived does not run on this node (use a value ` +
      `between 1 and 255, the same on every node of the pair)`,
  },
  check(ctx) {
    for (const { config } of keepalivedUnits(ctx)) {
      for (const inst of config.instances) {
        const vrid = inst.vrid;
        if (!vrid) {
          const outside = vridReadOutside(config.document.statements, inst.name);
          if (outside) {
            const data = { instance: inst.name, line: outside.range.start.line + 1 };
            ctx.report({ ...at(inst.nameLocation), messageId: "readOutside", data });
          } else ctx.report({ ...at(inst.nameLocation), messageId: "missing", data: { instance: inst.name } });
          continue;
        }
        const v = vrid.value;
        if (Number.isInteger(v) && v >= 1 && v <= 255) continue;
        const problem = Number.isNaN(v) ? "is not a number" : `${v} is outside 1..255`;
        ctx.report({ ...at(vrid.location), messageId: "invalid", data: { instance: inst.name, problem } });
      }
    }
  },
});
