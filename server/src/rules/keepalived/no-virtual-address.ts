import type { VrrpInstance } from "../../model/types.js";
import { defineRule } from "../rule.js";
import { at, instanceFamily, keepalivedUnits } from "./ka-model.js";

/** The VRRP version keepalived gives the instance (vrrp_complete_instance(): IPv6 without its own `version` is 3). */
function versionOf(inst: VrrpInstance): 2 | 3 {
  if (instanceFamily(inst) === 6 && inst.vrrpVersionLocation === undefined) return 3;
  return inst.vrrpVersion;
}

export default defineRule({
  id: "KA056",
  name: "no-virtual-address",
  severity: "warning",
  scope: "keepalived",
  docs: {
    summary: "A vrrp_instance without any virtual_ipaddress keepalived can use.",
    description:
      "Reports a vrrp_instance with no address in `virtual_ipaddress` (none written, or none keepalived can read). With VRRP version 3 or strict mode keepalived refuses it; otherwise it runs an election for no address.",
    why: "An instance without virtual address moves nothing on failover. vrrp_complete_instance() reports 'No VIP specified; at least one is sensible' and goes on; under VRRPv3 or strict mode it reports 'at least one is required' and fails, which stops the VRRP process and keepalived.",
    sources: [
      "keepalived keepalived/vrrp/vrrp.c vrrp_complete_instance() at v2.2.7 ('(%s) No VIP specified; at least one is required' with VRRPv3 or strict mode, return false; '(%s) No VIP specified; at least one is sensible' otherwise)",
    ],
    bad: "vrrp_instance VI_1 {\n    interface eth0\n    virtual_router_id 51\n}\n",
    good: "vrrp_instance VI_1 {\n    interface eth0\n    virtual_router_id 51\n    virtual_ipaddress {\n        192.0.2.10/24\n    }\n}\n",
    realTool:
      "keepalived -t prints '(VI_1) No VIP specified; at least one is sensible' (no line: the instance's block; exit 5).",
    reportedBy: "keepalived -t",
    severityNote:
      "error under VRRP version 3 or strict mode (the VRRP process stops and keepalived does not run); warning otherwise.",
  },
  messages: {
    sensible: (p: { instance: string }) =>
      `${p.instance} has no virtual address keepalived can use: it runs the election for nothing ('No VIP specified; at least one is sensible'); add the VIP to virtual_ipaddress`,
    required: (p: { instance: string; why: string }) =>
      `${p.instance} has no virtual address keepalived can use and ${p.why}: keepalived reports 'No VIP specified; at least one is required', its VRRP process stops and keepalived does not run on this node`,
  },
  check(ctx) {
    for (const { config } of keepalivedUnits(ctx)) {
      for (const inst of config.instances) {
        if (inst.vips.length > 0) continue;
        const why = inst.strict ? "strict mode is on" : versionOf(inst) === 3 ? "runs VRRP version 3" : undefined;
        if (why)
          ctx.report({
            ...at(inst.nameLocation),
            severity: "error",
            messageId: "required",
            data: { instance: inst.name, why },
          });
        else ctx.report({ ...at(inst.nameLocation), messageId: "sensible", data: { instance: inst.name } });
      }
    }
  },
});
