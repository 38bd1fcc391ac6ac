import { sameAddress } from "../../model/ip-address.js";
import { defineRule } from "../rule.js";
import { exampleHaproxy, examplePair } from "./example-pair.js";
import { nodeBinds, routers } from "./router-view.js";

export default defineRule({
  id: "HA025",
  name: "strict-mode-vip-dropped",
  severity: "warning",
  scope: "cluster",
  docs: {
    summary: "Strict mode (or no_accept) on a node whose HAProxy serves the VIP: traffic to the VIP is dropped.",
    description:
      "For instances in strict mode (vrrp_strict in global_defs or strict_mode in the instance) or with no_accept, that are not address owners and have no `accept`, checks whether the node's HAProxy listens on the VIP (or a wildcard).",
    why: "In strict mode keepalived defaults to no_accept for non-owners and installs nftables/iptables rules that drop packets addressed to the VIP on the master: the VIP answers ARP but HAProxy behind it is unreachable. This is a classic keepalived + HAProxy failure; `accept` (or not using strict mode) fixes it.",
    sources: [
      "keepalived.conf(5) vrrp_strict, accept, no_accept",
      "keepalived vrrp/vrrp.c vrrp_complete_instance()",
      "SEMANTICS.md 1.7",
    ],
    bad: "global_defs {\n    vrrp_strict\n}\n",
    good: "global_defs {\n    vrrp_strict\n}\nvrrp_instance VI_1 {\n    accept\n}\n",
    realTool: "Neither tool; only the firewall rules keepalived installs at run time show it.",
    reportedBy: "runtime",
  },
  check(ctx) {
    for (const view of routers(ctx)) {
      for (const m of view.members) {
        const inst = m.instance;
        if (!m.node.haproxy || inst.accept || inst.basePriority === 255) continue;
        const cause = inst.noAccept ?? inst.strict;
        if (!cause) continue;
        const served = [...nodeBinds(m.node)].some(({ bind }) =>
          bind.addresses.some((a) => a.wildcard || inst.vips.some((v) => sameAddress(v.address, a.host))),
        );
        if (!served) continue;
        ctx.report({
          file: cause.file,
          range: cause.range,
          message: `${inst.noAccept ? "no_accept" : "strict mode"} on ${m.node.name} (${inst.name}): keepalived installs firewall rules that drop traffic addressed to ${inst.vips.map((v) => v.address).join(", ")} while ${m.node.name} is master, so HAProxy behind the VIP is unreachable. Add 'accept' to ${inst.name}.`,
        });
      }
    }
  },
  cases: {
    valid: [
      {
        name: "strict with accept",
        files: {
          ...examplePair({ head: "", instanceExtra: ["strict_mode on", "accept"], auth: null, multicast: true }),
          "lb01/haproxy.cfg": exampleHaproxy(),
        },
      },
    ],
    invalid: [
      {
        name: "vrrp_strict without accept",
        files: {
          ...examplePair({ auth: null, multicast: true, instanceExtra: ["strict_mode on"] }),
          "lb01/haproxy.cfg": exampleHaproxy(),
        },
        expect: [{ line: 26, file: "lb01/keepalived.conf", message: "drop traffic addressed to 192.0.2.100" }],
      },
    ],
  },
});
