import { isLoopback, routers } from "./router-view.js";
import { rerunScenario, trackersOf, type Fault } from "../../simulation.js";
import { shellText } from "../../simulate/script-text.js";
import { defineRule } from "../rule.js";

const ADDRESS = /\b(\d{1,3}(?:\.\d{1,3}){3})\b/g;

export default defineRule({
  id: "HA023",
  name: "common-failure-vip-lost",
  severity: "warning",
  scope: "cluster",
  docs: {
    summary: "One shared failure puts every node in FAULT and the VIP disappears.",
    description:
      "For weight-0 trackers (failure means FAULT) that every node of a virtual router runs with the same name, " +
      "looks at what the check depends on; when it probes something outside the node (a remote address or host, not " +
      "127.0.0.1, the node's own address or the VIP), simulates it failing on every node at once.",
    why:
      "A weight-0 check that tests a shared dependency (a database, a backend, the gateway) fails on every node at " +
      "the same moment: every instance goes to FAULT and nobody holds the VIP, turning a backend problem into a total " +
      "outage of the entry point.",
    sources: ["keepalived vrrp/vrrp_track.c (weight 0 -> FAULT)", "SEMANTICS.md 1.3"],
    bad: 'vrrp_script chk_backend {\n    script "/usr/bin/curl -sf http://203.0.113.21:8080/health"\n    weight 0\n}\n',
    good:
      'vrrp_script chk_haproxy {\n    script "/usr/bin/curl -sf http://127.0.0.1:8404/health"   # the local HAProxy, ' +
      "not what is behind it\n    weight 0\n}\n",
    realTool: "Neither tool.",
    reportedBy: "none",
  },
  messages: {
    commonFailure: (data: { check: string; remote: string; nodes: string }) =>
      `'${data.check}' (weight 0) probes ${data.remote}, which every node depends on: if it fails, ${data.nodes} all ` +
      `go to FAULT and nobody holds the VIP. Check the local HAProxy instead, or give this check a weight so a ` +
      `shared failure lowers priorities without removing the VIP.`,
  },
  check(ctx) {
    for (const view of routers(ctx)) {
      if (view.members.length < 2) continue;
      const sim = view.simulation;
      const names = new Set<string>();
      for (const m of view.members)
        for (const a of trackersOf(sim.trackers, m).active)
          if (a.weight === 0 && a.kind === "script") names.add(a.name);
      for (const name of names) {
        const entries = view.members.map((m) => ({
          m,
          t: trackersOf(sim.trackers, m).active.find((a) => a.name === name && a.weight === 0),
        }));
        const first = entries[0].t;
        if (!first || entries.some((e) => !e.t)) continue;
        const text = `${first.script?.command?.args.join(" ") ?? ""}\n${shellText(first.script?.command?.fileText ?? "")}`;
        const local = new Set([
          ...view.members.flatMap((m) => m.node.addresses),
          ...view.members.flatMap((m) => m.instance.vips.map((v) => v.address)),
        ]);
        const remote = [...text.matchAll(ADDRESS)]
          .map((x) => x[1])
          .filter((a) => !isLoopback(a) && !local.has(a) && a !== "0.0.0.0");
        if (remote.length === 0) continue;
        const faults: Fault[] = view.members.map((m) => ({ node: m.node.name, kind: "script", name }));
        const holders = new Set(view.members.filter((x) => sim.baseline.holders.includes(x.node.name)));
        const all = rerunScenario(sim, "all", faults, holders);
        if (all.outcome.holders.length > 0) continue;
        ctx.report({
          file: first.location.file,
          range: first.location.range,
          messageId: "commonFailure",
          data: { check: name, remote: remote[0], nodes: view.members.map((m) => m.node.name).join(" and ") },
        });
      }
    }
  },
});
