import { defineRule } from "../rule.js";
import { at, keepalivedUnits } from "./ka-model.js";

export default defineRule({
  id: "KA038",
  name: "no-virtual-address",
  severity: "warning",
  scope: "keepalived",
  docs: {
    summary:
      "A vrrp_instance left with no virtual address keepalived keeps: none written, or every one skipped " +
      "(unreadable, of the other family, a repeat).",
    description:
      "Counts the virtual_ipaddress entries keepalived keeps after reading them (KA035 and KA036 report the ones it " +
      "skips; from 2.3.3 a repeated address is dropped too, KA072). With none left, keepalived reports 'No VIP " +
      "specified'. For a VRRPv3 instance, an IPv6 instance or one in strict mode that is an error that stops the " +
      "VRRP process; for any other instance it is a warning and the instance runs without an address to hold.",
    why:
      "keepalived 2.2.7 vrrp.c vrrp_complete_instance(): with an empty VIP list it prints '(VI_1) No VIP specified; " +
      "at least one is required' when the instance runs VRRPv3 or strict mode (and, later in the same function, when " +
      "its family is IPv6) and returns false, so vrrp_complete_init() fails and vrrp_daemon.c start_vrrp() calls " +
      "stop_vrrp(KEEPALIVED_EXIT_CONFIG): the VRRP child exits and the parent terminates with it. Otherwise it prints " +
      "'... at least one is sensible' and goes on: the instance takes part in elections but a MASTER configures " +
      "nothing, so no service address moves. The same code is in 2.3.3 and 2.3.4.",
    sources: [
      "keepalived 2.2.7 keepalived/vrrp/vrrp.c vrrp_complete_instance() ('No VIP specified; at least one is " +
        "required' / 'sensible')",
      "keepalived 2.2.7 keepalived/vrrp/vrrp_daemon.c start_vrrp() (vrrp_complete_init() failing: " +
        "stop_vrrp(KEEPALIVED_EXIT_CONFIG))",
      "keepalived -t 2.2.7, 2.3.3, 2.3.4 on an IPv6 instance whose only VIP is unreadable ('VRRP parsed invalid IP " +
        "[2001:db8::1]. skipping IP...' then 'No VIP specified; at least one is required')",
    ],
    bad:
      "vrrp_instance VI_6 {\n    interface eth0\n    virtual_router_id 51\n    virtual_ipaddress {\n" +
      "        2001:db8::1-5\n    }\n}\n",
    good:
      "vrrp_instance VI_6 {\n    interface eth0\n    virtual_router_id 51\n    virtual_ipaddress {\n" +
      "        2001:db8::100/64\n    }\n}\n",
    realTool:
      "keepalived -t prints '(VI_1) No VIP specified; at least one is required' (exit 5, the VRRP process would " +
      "stop) or '... at least one is sensible' (exit 5, it runs).",
    reportedBy: "keepalived -t",
    severityNote:
      "error where keepalived requires a VIP (VRRPv3, IPv6 or strict mode: the VRRP process stops), warning where " +
      "it only finds one sensible.",
  },
  messages: {
    required: (data: { instance: string; why: string; skipped: string }) =>
      `${data.instance} has no virtual address keepalived keeps${data.skipped}, and it ${data.why}: keepalived ` +
      `reports 'No VIP specified; at least one is required' and its VRRP process stops, so no instance of this node ` +
      `runs`,
    sensible: (data: { instance: string; skipped: string }) =>
      `${data.instance} has no virtual address keepalived keeps${data.skipped}: keepalived reports 'No VIP ` +
      `specified; at least one is sensible' and runs the instance, but its MASTER configures no address`,
  },
  check(ctx) {
    for (const { config } of keepalivedUnits(ctx)) {
      for (const inst of config.instances) {
        if (inst.vips.some((v) => !v.familyMismatch)) continue;
        const written = inst.addressProblems.some((p) => p.keyword === "virtual_ipaddress") || inst.vips.length > 0;
        const skipped = written ? " (every virtual_ipaddress entry is skipped)" : "";
        const why =
          inst.strict !== undefined
            ? "runs in strict mode"
            : inst.family === 6
              ? "is an IPv6 instance"
              : inst.vrrpVersion === 3
                ? "runs VRRPv3"
                : undefined;
        const place = at(inst.nameLocation);
        if (why)
          ctx.report({
            ...place,
            severity: "error",
            messageId: "required",
            data: { instance: inst.name, why, skipped },
          });
        else ctx.report({ ...place, messageId: "sensible", data: { instance: inst.name, skipped } });
      }
    }
  },
});
