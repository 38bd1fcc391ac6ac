import { defineRule } from "../rule.js";
import { at, keepalivedUnits } from "./ka-model.js";
import { readLikeKeepalived } from "./statement-blocks.js";

export default defineRule({
  id: "KA022",
  name: "virtual-router-id-invalid",
  severity: "error",
  scope: "keepalived",
  docs: {
    summary: "A vrrp_instance without virtual_router_id, or with one outside 1..255: keepalived's VRRP process stops.",
    description:
      "Reports a vrrp_instance that has no `virtual_router_id` line, or whose value is not an integer between 1 and 255.",
    why: "The VRID identifies the virtual router on the segment and is part of the virtual MAC address. vrrp_vrid_handler() reports an invalid value and leaves the VRID unset; chk_min_cfg() then finds an instance without VRID ('the virtual router id must be set') and vrrp_complete_init() fails, so start_vrrp() stops the VRRP process with KEEPALIVED_EXIT_CONFIG and the parent keepalived terminates ('exited with permanent error CONFIG. Terminating'): no instance of the node runs, not only this one.",
    sources: [
      "keepalived keepalived/vrrp/vrrp_parser.c vrrp_vrid_handler() at v2.2.7: read_unsigned_strvec(strvec, 1, &vrid, 1, 255, false), 'VRID '%s' not valid - must be between 1 & 255'",
      "keepalived keepalived/vrrp/vrrp.c chk_min_cfg() and vrrp_complete_init() at v2.2.7 ('the virtual router id must be set', return false)",
      "keepalived keepalived/vrrp/vrrp_daemon.c start_vrrp() (stop_vrrp(KEEPALIVED_EXIT_CONFIG)) and lib/scheduler.c report_child_status() at v2.2.7",
      "RFC 3768 section 5.3.3",
    ],
    bad: "vrrp_instance VI_1 {\n    interface eth0\n    virtual_router_id 256\n}\n",
    good: "vrrp_instance VI_1 {\n    interface eth0\n    virtual_router_id 51\n}\n",
    realTool:
      "keepalived -t reports 'VRID '256' not valid' on the line and '(VI_1) the virtual router id must be set' (exit 5). The daemon exits (2) with 'pid N exited with permanent error CONFIG. Terminating' (checked with keepalived 2.2.7 in a network namespace).",
    reportedBy: "keepalived -t",
    severityNote:
      "error although keepalived -t exits with 5 (not one of its fatal codes): the daemon does not run with this file, as vrrp_complete_init() fails and the VRRP process stops keepalived.",
  },
  messages: {
    missing: (p: { instance: string }) =>
      `vrrp_instance ${p.instance} has no virtual_router_id: keepalived reports 'the virtual router id must be set' and its VRRP process stops, so keepalived does not run on this node (add virtual_router_id 1..255, the same on every node of the pair)`,
    readOutside: (p: { instance: string; line: number }) =>
      `keepalived reads the virtual_router_id of line ${p.line} outside vrrp_instance ${p.instance} (a '}' of an unknown block above ended the instance early), so ${p.instance} has none: keepalived reports 'the virtual router id must be set' and its VRRP process stops`,
    invalid: (p: { instance: string; problem: string }) =>
      `virtual_router_id ${p.problem}: keepalived leaves the VRID of ${p.instance} unset, reports 'the virtual router id must be set' and its VRRP process stops, so keepalived does not run on this node (use a value between 1 and 255, the same on every node of the pair)`,
  },
  check(ctx) {
    // virtual_router_id lines keepalived reads outside any vrrp_instance (lib/parser.c process_stream())
    const readOutside = new Set<string>();
    for (const doc of ctx.keepalived)
      for (const placed of readLikeKeepalived(doc.statements, ctx.keepalivedKeywords).statements)
        if (placed.statement.keyword.value === "virtual_router_id" && placed.blockId !== "vrrp_instance")
          readOutside.add(`${placed.statement.file}:${placed.statement.range.start.line}`);
    for (const { config } of keepalivedUnits(ctx)) {
      for (const inst of config.instances) {
        const vrid = inst.vrid;
        if (vrid && readOutside.has(`${vrid.location.file}:${vrid.location.range.start.line}`)) {
          const data = { instance: inst.name, line: vrid.location.range.start.line + 1 };
          ctx.report({ ...at(inst.nameLocation), messageId: "readOutside", data });
          continue;
        }
        if (!vrid) {
          ctx.report({ ...at(inst.nameLocation), messageId: "missing", data: { instance: inst.name } });
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
