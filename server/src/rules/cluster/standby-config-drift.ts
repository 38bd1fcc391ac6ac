import { sameAddress } from "../../model/ip-address.js";
import type { Node, Proxy } from "../../model/types.js";
import type { Location } from "../../syntax/source.js";
import type { Severity } from "../finding.js";
import { defineRule, type RuleContext } from "../rule.js";
import { exampleHaproxy, examplePair } from "./example-pair.js";
import { isLoopback, related } from "./router-view.js";

interface Difference {
  severity: Severity;
  message: string;
  at: Location;
  other: Location;
}

/** Binds compared across nodes: not the node-local ones (own addresses, loopback). */
function sharedBinds(node: Node, p: Proxy): Map<string, Location> {
  const out = new Map<string, Location>();
  for (const b of p.binds) {
    for (const a of b.addresses) {
      if (isLoopback(a.host) || node.addresses.some((n) => sameAddress(n, a.host))) continue;
      out.set(`${a.wildcard ? "*" : a.host}:${a.port ?? ""}`, b.location);
    }
  }
  return out;
}

function checkConfig(p: Proxy): string {
  const parts: string[] = [];
  for (const [name, o] of p.options)
    if (/chk|check/.test(name)) parts.push(`option ${name}${o.enabled ? "" : " (off)"} ${o.args.join(" ")}`.trim());
  for (const l of p.lines)
    if (l.keyword.value === "http-check" || l.keyword.value === "tcp-check")
      parts.push([l.keyword.value, ...l.args.map((a) => a.value)].join(" "));
  return parts.join("; ");
}

function compareProxies(primary: Node, standby: Node, a: Proxy, b: Proxy): Difference[] {
  const out: Difference[] = [];
  const label = b.name ? `${b.kind} '${b.name}'` : `the ${b.kind} section`;
  const own = (p: Proxy, l: Location | undefined): boolean =>
    l !== undefined &&
    l.file === p.sectionLocation.file &&
    l.range.start.line >= p.sectionLocation.range.start.line &&
    l.range.end.line <= p.sectionLocation.range.end.line;
  const diff = (severity: Severity, message: string, at: Location, other: Location): void => {
    out.push({
      severity,
      message: `${label} on ${standby.name} ${message} (on ${primary.name}, the VIP holder, it differs)`,
      at,
      other,
    });
  };
  if (a.mode !== b.mode && (own(a, a.modeLocation) || own(b, b.modeLocation) || a.kind === "defaults"))
    diff("error", `runs mode ${b.mode}, not ${a.mode}`, b.modeLocation ?? b.location, a.modeLocation ?? a.location);
  const ba = sharedBinds(primary, a);
  const bb = sharedBinds(standby, b);
  for (const [k, loc] of ba) if (!bb.has(k)) diff("error", `does not bind ${k}`, b.location, loc);
  for (const [k, loc] of bb) if (!ba.has(k)) diff("error", `binds ${k} as well`, loc, a.location);
  const dbA = a.defaultBackend?.name;
  const dbB = b.defaultBackend?.name;
  if (dbA !== dbB)
    diff(
      "error",
      `sends unmatched traffic to ${dbB ? `'${dbB}'` : "no default_backend"} instead of ${dbA ? `'${dbA}'` : "none"}`,
      b.defaultBackend?.location ?? b.location,
      a.defaultBackend?.location ?? a.location,
    );
  const ua = a.useBackends.map((u) => `${u.name} ${u.condition.join(" ")}`.trim());
  const ub = b.useBackends.map((u) => `${u.name} ${u.condition.join(" ")}`.trim());
  if (ua.join("|") !== ub.join("|"))
    diff(
      "error",
      `routes with different use_backend rules (${ub.join(", ") || "none"} vs ${ua.join(", ") || "none"})`,
      b.useBackends[0]?.location ?? b.location,
      a.useBackends[0]?.location ?? a.location,
    );
  const sa = new Map(a.servers.map((s) => [s.name, s]));
  const sb = new Map(b.servers.map((s) => [s.name, s]));
  for (const [name, s] of sa) {
    const t = sb.get(name);
    if (!t) diff("error", `has no server '${name}' (${s.address})`, b.location, s.location);
    else {
      if (t.address !== s.address)
        diff("error", `sends server '${name}' to ${t.address}, not ${s.address}`, t.location, s.location);
      if (t.check !== s.check)
        diff("error", `${t.check ? "checks" : "does not check"} server '${name}'`, t.location, s.location);
    }
  }
  for (const [name, t] of sb)
    if (!sa.has(name)) diff("error", `has an extra server '${name}' (${t.address})`, t.location, a.location);
  const ca = checkConfig(a);
  const cb = checkConfig(b);
  if (ca !== cb)
    diff(
      "error",
      `checks its servers differently (${cb || "no check settings"} vs ${ca || "no check settings"})`,
      b.location,
      a.location,
    );
  // Settings inherited from a defaults section are compared once, on the defaults sections themselves.
  for (const key of new Set([...a.timeouts.keys(), ...b.timeouts.keys()])) {
    const x = a.timeouts.get(key);
    const y = b.timeouts.get(key);
    if (!own(a, x?.location) && !own(b, y?.location)) continue;
    if (x?.value !== y?.value)
      diff(
        "warning",
        `has timeout ${key} ${y?.value ?? "unset"} instead of ${x?.value ?? "unset"}`,
        y?.location ?? b.location,
        x?.location ?? a.location,
      );
  }
  if (a.maxconn?.value !== b.maxconn?.value)
    diff(
      "warning",
      `has maxconn ${b.maxconn?.value ?? "unset"} instead of ${a.maxconn?.value ?? "unset"}`,
      b.maxconn?.location ?? b.location,
      a.maxconn?.location ?? a.location,
    );
  const credsA = a.stats.auth.map((x) => x.value).join("|");
  const credsB = b.stats.auth.map((x) => x.value).join("|");
  if (credsA !== credsB)
    diff(
      "warning",
      "has different stats credentials",
      b.stats.auth[0]?.location ?? b.location,
      a.stats.auth[0]?.location ?? a.location,
    );
  return out;
}

function check(ctx: RuleContext): void {
  for (const cs of ctx.simulations) {
    const withHaproxy = cs.cluster.nodes.filter((n) => n.haproxy);
    if (withHaproxy.length < 2) continue;
    const holder = cs.routers[0]?.baseline.holders[0];
    const primary = withHaproxy.find((n) => n.name === holder) ?? withHaproxy[0];
    for (const standby of withHaproxy) {
      if (standby === primary || standby.haproxy!.file === primary.haproxy!.file) continue;
      const pa = new Map(primary.haproxy!.proxies.map((p) => [`${p.kind} ${p.name}`, p]));
      const pb = new Map(standby.haproxy!.proxies.map((p) => [`${p.kind} ${p.name}`, p]));
      const found: Difference[] = [];
      for (const [key, p] of pa) {
        const q = pb.get(key);
        if (!q)
          found.push({
            severity: "error",
            message: `${key.replace(" ", " '")}' exists on ${primary.name}, the VIP holder, but not on ${standby.name}: after a failover that service is gone`,
            at: {
              file: standby.haproxy!.file,
              range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
            },
            other: p.location,
          });
        else found.push(...compareProxies(primary, standby, p, q));
      }
      const da = primary.haproxy!.defaults;
      const db = standby.haproxy!.defaults;
      for (let i = 0; i < Math.min(da.length, db.length); i++)
        found.push(...compareProxies(primary, standby, da[i], db[i]));
      for (const [key, q] of pb)
        if (!pa.has(key))
          found.push({
            severity: "error",
            message: `${key.replace(" ", " '")}' exists on ${standby.name} but not on ${primary.name}, the VIP holder: the nodes do not serve the same things`,
            at: q.location,
            other: {
              file: primary.haproxy!.file,
              range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
            },
          });
      for (const d of found)
        ctx.report({
          file: d.at.file,
          range: d.at.range,
          severity: d.severity,
          message: `${d.message}. Keep the haproxy.cfg of every node the same (deploy one file).`,
          related: [related(d.other, `${primary.name}'s configuration`)],
        });
    }
  }
}

const drifted = exampleHaproxy()
  .replace("server app2 203.0.113.22:8080 check", "server app2 203.0.113.23:8080")
  .replace("timeout client 30s", "timeout client 60s");

export default defineRule({
  id: "HA017",
  name: "standby-config-drift",
  severity: "error",
  scope: "cluster",
  docs: {
    summary:
      "The standby's haproxy.cfg differs from the VIP holder's in ways that change what clients get after a failover.",
    description:
      "Compares, proxy by proxy, the haproxy.cfg of every node with the one of the node that holds the VIP in the simulation: proxies present on one side only, mode, shared binds (not node-local management binds), default_backend and use_backend rules, servers (address, check) and the health-check settings are errors; timeouts, maxconn and stats credentials are warnings. Log targets, localpeer, nbthread/cpu-map and comments and order are ignored.",
    why: "The standby exists to serve the same thing when the VIP moves. Configs edited by hand on one node drift apart, and the difference only shows during an outage: a missing backend server, a frontend that is not there, a health check that marks everything down.",
    sources: [
      "the seed documents' advice: keep both nodes' HAProxy configuration identical and verify the standby can serve on its own",
    ],
    bad: "# lb01: server app2 203.0.113.22:8080 check\n# lb02: server app2 203.0.113.23:8080\n",
    good: "# one haproxy.cfg deployed to both nodes\n",
    realTool: "Neither tool.",
    reportedBy: "none",
    severityNote:
      "Error for differences in what is served and where (proxies, binds, mode, routing, servers, checks); warning for tuning (timeouts, maxconn, stats credentials).",
  },
  check,
  cases: {
    valid: [
      {
        name: "same configuration",
        files: { ...examplePair(), "lb01/haproxy.cfg": exampleHaproxy(), "lb02/haproxy.cfg": exampleHaproxy() },
      },
      {
        name: "node-local management binds differ",
        files: {
          ...examplePair(),
          "lb01/haproxy.cfg": exampleHaproxy(
            "192.0.2.100:80",
            "listen mgmt\n    bind 198.51.100.11:8404\n    stats enable\n",
          ),
          "lb02/haproxy.cfg": exampleHaproxy(
            "192.0.2.100:80",
            "listen mgmt\n    bind 198.51.100.12:8404\n    stats enable\n",
          ),
        },
      },
    ],
    invalid: [
      {
        name: "server address, check and timeout drifted",
        files: { ...examplePair(), "lb01/haproxy.cfg": exampleHaproxy(), "lb02/haproxy.cfg": drifted },
        expect: [
          { line: 6, file: "lb02/haproxy.cfg", severity: "warning", message: "timeout client 60s" },
          { line: 15, file: "lb02/haproxy.cfg", severity: "error", message: "203.0.113.23:8080" },
          { line: 15, file: "lb02/haproxy.cfg", severity: "error", message: "does not check server 'app2'" },
        ],
      },
    ],
  },
});
