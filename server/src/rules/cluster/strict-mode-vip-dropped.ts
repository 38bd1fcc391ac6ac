import { sameAddress } from "../../model/ip-address.js";
import { defineRule } from "../rule.js";
import { dropsVipTraffic } from "../keepalived/ka-model.js";
import { nodeBinds, routers } from "./router-view.js";

export default defineRule({
  id: "HA025",
  name: "strict-mode-vip-dropped",
  severity: "warning",
  scope: "cluster",
  docs: {
    summary: "Strict mode (or no_accept) on a node whose HAProxy serves the VIP: traffic to the VIP is dropped.",
    description:
      "For instances that do not own their addresses and run without accept mode (no_accept; strict mode, " +
      "vrrp_strict in global_defs or strict_mode in the instance, without `accept`; or strict mode under VRRPv2, " +
      "which resets `accept`), checks whether the node's HAProxy listens on the VIP (or a wildcard).",
    why:
      "Without accept mode keepalived installs nftables/iptables rules that drop packets addressed to the VIP on the " +
      "master: the VIP answers ARP but HAProxy behind it is unreachable. Strict mode turns accept mode off for " +
      "instances that do not own their addresses, and under VRRPv2 it also resets an explicit `accept` ('accept mode " +
      "for VRRP version 2 does not comply with RFC3768 - resetting'), so there only leaving strict mode (or VRRPv3 " +
      "with `accept`) lets traffic through. This is a classic keepalived + HAProxy failure.",
    sources: [
      "keepalived 2.2.7 keepalived/vrrp/vrrp.c vrrp_complete_instance() (accept defaults to !strict for non-owners; " +
        "VRRPv2 strict resets accept), vrrp_handle_accept_mode()",
      "keepalived.conf(5) vrrp_strict, accept, no_accept",
      "SEMANTICS.md 1.7",
    ],
    bad: "global_defs {\n    vrrp_strict\n}\n",
    good: "global_defs {\n    vrrp_version 3\n    vrrp_strict\n}\nvrrp_instance VI_1 {\n    accept\n}\n",
    realTool: "Neither tool; only the firewall rules keepalived installs at run time show it.",
    reportedBy: "runtime",
  },
  messages: {
    vipTrafficDropped: (data: { node: string; instance: string; why: string; vips: string; fix: string }) =>
      `${data.why} on ${data.node} (${data.instance}): keepalived installs firewall rules that drop traffic ` +
      `addressed to ${data.vips} while ${data.node} is master, so HAProxy behind the VIP is unreachable. ${data.fix}`,
  },
  check(ctx) {
    for (const view of routers(ctx)) {
      for (const m of view.members) {
        const inst = m.instance;
        if (!m.node.haproxy) continue;
        const drop = dropsVipTraffic(inst);
        if (!drop) continue;
        const served = [...nodeBinds(m.node)].some(({ bind }) =>
          bind.addresses.some((a) => a.wildcard || inst.vips.some((v) => sameAddress(v.address, a.host))),
        );
        if (!served) continue;
        const fix = inst.noAccept
          ? `Remove no_accept from ${inst.name}.`
          : inst.accept
            ? "Leave strict mode, or run VRRPv3 (vrrp_version 3), where accept is kept."
            : `Add 'accept' to ${inst.name}${inst.vrrpVersion === 2 ? " and run VRRPv3 (under VRRPv2 strict mode resets it)" : ""}, or leave strict mode.`;
        ctx.report({
          file: drop.cause.file,
          range: drop.cause.range,
          messageId: "vipTrafficDropped",
          data: {
            node: m.node.name,
            instance: inst.name,
            why: drop.why.charAt(0).toUpperCase() + drop.why.slice(1),
            vips: inst.vips.map((v) => v.address).join(", "),
            fix,
          },
        });
      }
    }
  },
});
