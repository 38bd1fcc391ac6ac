import type { Location } from "../../syntax/source.js";
import { defineRule } from "../rule.js";
import { alignable, memberPairs, related, routers } from "./router-view.js";

export default defineRule({
  id: "HA005",
  name: "vrid-mismatch",
  severity: "error",
  scope: "cluster",
  docs: {
    summary: "Nodes that share a VIP use different virtual_router_ids, or different routers of a cluster reuse one.",
    description:
      "Instances on different nodes that share a VIP form one virtual router and must use the same " +
      "virtual_router_id. Different virtual routers of one cluster (same segment) must use different VRIDs.",
    why:
      "Different VRIDs are different virtual routers: each node is alone in its own and becomes MASTER, so both hold " +
      "the VIP. Two routers reusing a VRID on one segment reject each other's adverts (the VIP sets differ), fill the " +
      "logs and, with use_vmac, share the virtual MAC.",
    sources: [
      "RFC 3768/5798 (VRID identifies the virtual router)",
      "keepalived vrrp/vrrp.c vrrp_check_packet()",
      "SEMANTICS.md 1.5, 1.8",
    ],
    bad: "# lb01: virtual_router_id 51\n# lb02: virtual_router_id 52 (same VIP)\n",
    good: "# lb01 and lb02: virtual_router_id 51\n",
    realTool: "Neither tool.",
    reportedBy: "none",
  },
  messages: {
    vridDiffers: (data: { node: string; vrid: number; peer: string; peerVrid: number }) =>
      `${data.node} uses virtual_router_id ${data.vrid} for the VIP that ${data.peer} serves with ${data.peerVrid}: ` +
      `they are two separate virtual routers, each node becomes MASTER and both hold the VIP (split-brain). Use the ` +
      `same VRID on both.`,
    vridShared: (data: { vrid: number; router: string; otherRouter: string }) =>
      `virtual_router_id ${data.vrid} is used by two different virtual routers on the same interface (${data.router} ` +
      `and ${data.otherRouter}, different VIPs): each rejects the other's adverts and fills the logs, and with ` +
      `use_vmac they share a virtual MAC. Give each virtual router its own VRID.`,
  },
  check(ctx) {
    for (const view of routers(ctx)) {
      for (const [a, b] of memberPairs(view.members)) {
        const vridA = a.instance.vrid;
        const vridB = b.instance.vrid;
        if (!vridA || !vridB) continue;
        const va = vridA.value;
        const vb = vridB.value;
        if (va === vb || !Number.isFinite(va) || !Number.isFinite(vb)) continue;
        ctx.report({
          file: vridB.location.file,
          range: vridB.location.range,
          messageId: "vridDiffers",
          data: { node: b.node.name, vrid: vb, peer: a.node.name, peerVrid: va },
          related: [related(vridA.location, `${a.node.name}: virtual_router_id ${va}`)],
          fixes: alignable(view.members, a, b)
            ? [
                {
                  description: `Use virtual_router_id ${va}`,
                  safe: false,
                  edits: [
                    {
                      file: vridB.location.file,
                      range: vridB.location.range,
                      newText: String(va),
                    },
                  ],
                },
              ]
            : undefined,
        });
      }
    }
    // Virtual routers found under one folder share a segment: they must not reuse a VRID on the same interface.
    const seen = new Map<string, { name: string; loc: Location; nodes: Set<unknown> }>();
    for (const cs of ctx.simulations) {
      const segment = cs.cluster.id.replace(/#\d+$/, "");
      for (const r of cs.routers) {
        const first = r.router.members[0];
        const vrid = first?.instance.vrid;
        if (!vrid) continue;
        const key = `${segment}/${vrid.value}/${first.instance.interface?.value ?? ""}/${first.instance.family}`;
        const prev = seen.get(key);
        const nodes = new Set<unknown>(r.router.members.map((m) => m.node));
        // Two instances of one node with the same VRID are KA024's (keepalived refuses that node's configuration).
        if (prev && ![...nodes].some((n) => prev.nodes.has(n))) {
          ctx.report({
            file: vrid.location.file,
            range: vrid.location.range,
            messageId: "vridShared",
            data: { vrid: vrid.value, router: prev.name, otherRouter: r.router.name },
            related: [related(prev.loc, `${prev.name} uses virtual_router_id ${vrid.value}`)],
          });
        } else if (!prev) seen.set(key, { name: r.router.name, loc: vrid.location, nodes });
      }
    }
  },
});
