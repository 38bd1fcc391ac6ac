import { normalisePort, timeInMs } from "../../model/haproxy-values.js";
import { normaliseAddress, sameAddress } from "../../model/ip-address.js";
import type { HaproxyConfig, Node, Proxy } from "../../model/types.js";
import type { Location } from "../../syntax/source.js";
import type { Severity } from "../finding.js";
import { defineRule, type RuleContext } from "../rule.js";
import { isLoopback, related } from "./router-view.js";

/** One difference: which message, its placeholders, where it stands on the standby and on the VIP holder. */
interface Difference {
  severity: Severity;
  id: DriftId;
  data: DriftData;
  at: Location;
  other: Location;
}

type DriftId =
  | "proxyOnlyOnPrimary"
  | "proxyOnlyOnStandby"
  | "mode"
  | "bindMissing"
  | "bindExtra"
  | "defaultBackend"
  | "useBackend"
  | "serverMissing"
  | "serverExtra"
  | "serverAddress"
  | "serverCheck"
  | "checkSettings"
  | "timeout"
  | "maxconn"
  | "statsCredentials";

interface DriftData {
  subject: string;
  standby: string;
  primary: string;
  mine: string;
  theirs: string;
}

/** What two values of a timeout or maxconn are, as HAProxy reads them: `5000`, `5000ms` and `5s` are one value. */
function sameTime(a: string | undefined, b: string | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  const x = timeInMs(a);
  const y = timeInMs(b);
  return x !== undefined && y !== undefined ? x === y : a === b;
}

/** A server address as str2sa_range() reads it: the host normalised (IPv6 forms) and the port as a number. */
function serverKey(host: string, port: string | undefined, written: string): string {
  if (host === "" && port === undefined) return written;
  return `${normaliseAddress(host)}:${normalisePort(port)}`;
}

/** Binds compared across nodes: not the node-local ones (own addresses, loopback). */
function sharedBinds(node: Node, p: Proxy): Map<string, Location> {
  const out = new Map<string, Location>();
  for (const b of p.binds) {
    for (const a of b.addresses) {
      if (isLoopback(a.host) || node.addresses.some((n) => sameAddress(n, a.host))) continue;
      out.set(`${a.wildcard ? "*" : normaliseAddress(a.host)}:${normalisePort(a.port)}`, b.location);
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
  const subject = b.name ? `${b.kind} '${b.name}'` : `the ${b.kind} section`;
  const own = (p: Proxy, l: Location | undefined): boolean =>
    l !== undefined &&
    l.file === p.sectionLocation.file &&
    l.range.start.line >= p.sectionLocation.range.start.line &&
    l.range.end.line <= p.sectionLocation.range.end.line;
  const diff = (severity: Severity, id: DriftId, mine: string, theirs: string, at: Location, other: Location): void => {
    out.push({
      severity,
      id,
      data: { subject, standby: standby.name, primary: primary.name, mine, theirs },
      at,
      other,
    });
  };
  if (a.mode !== b.mode && (own(a, a.modeLocation) || own(b, b.modeLocation) || a.kind === "defaults"))
    diff("error", "mode", b.mode, a.mode, b.modeLocation ?? b.location, a.modeLocation ?? a.location);
  const ba = sharedBinds(primary, a);
  const bb = sharedBinds(standby, b);
  for (const [k, loc] of ba) if (!bb.has(k)) diff("error", "bindMissing", "", k, b.location, loc);
  for (const [k, loc] of bb) if (!ba.has(k)) diff("error", "bindExtra", k, "", loc, a.location);
  const dbA = a.defaultBackend?.name;
  const dbB = b.defaultBackend?.name;
  if (dbA !== dbB)
    diff(
      "error",
      "defaultBackend",
      dbB ? `'${dbB}'` : "no default_backend",
      dbA ? `'${dbA}'` : "none",
      b.defaultBackend?.location ?? b.location,
      a.defaultBackend?.location ?? a.location,
    );
  const ua = a.useBackends.map((u) => `${u.name} ${u.condition.join(" ")}`.trim());
  const ub = b.useBackends.map((u) => `${u.name} ${u.condition.join(" ")}`.trim());
  if (ua.join("|") !== ub.join("|"))
    diff(
      "error",
      "useBackend",
      ub.join(", ") || "none",
      ua.join(", ") || "none",
      b.useBackends[0]?.location ?? b.location,
      a.useBackends[0]?.location ?? a.location,
    );
  const sa = new Map(a.servers.map((s) => [s.name, s]));
  const sb = new Map(b.servers.map((s) => [s.name, s]));
  for (const [name, s] of sa) {
    const t = sb.get(name);
    if (!t) diff("error", "serverMissing", "", `'${name}' (${s.address})`, b.location, s.location);
    else {
      if (serverKey(t.host, t.port, t.address) !== serverKey(s.host, s.port, s.address))
        diff("error", "serverAddress", `'${name}' to ${t.address}`, s.address, t.location, s.location);
      if (t.check !== s.check)
        diff("error", "serverCheck", `'${name}'`, s.check ? "checks it" : "does not", t.location, s.location);
    }
  }
  for (const [name, t] of sb)
    if (!sa.has(name)) diff("error", "serverExtra", `'${name}' (${t.address})`, "", t.location, a.location);
  const ca = checkConfig(a);
  const cb = checkConfig(b);
  if (ca !== cb)
    diff("error", "checkSettings", cb || "no check settings", ca || "no check settings", b.location, a.location);
  // Settings inherited from a defaults section are compared once, on the defaults sections themselves.
  for (const key of new Set([...a.timeouts.keys(), ...b.timeouts.keys()])) {
    const x = a.timeouts.get(key);
    const y = b.timeouts.get(key);
    if (!own(a, x?.location) && !own(b, y?.location)) continue;
    if (!sameTime(x?.value, y?.value))
      diff(
        "warning",
        "timeout",
        `${key} ${y?.value ?? "unset"}`,
        x?.value ?? "unset",
        y?.location ?? b.location,
        x?.location ?? a.location,
      );
  }
  if (a.maxconn?.value !== b.maxconn?.value)
    diff(
      "warning",
      "maxconn",
      String(b.maxconn?.value ?? "unset"),
      String(a.maxconn?.value ?? "unset"),
      b.maxconn?.location ?? b.location,
      a.maxconn?.location ?? a.location,
    );
  const credsA = a.stats.auth.map((x) => x.value).join("|");
  const credsB = b.stats.auth.map((x) => x.value).join("|");
  if (credsA !== credsB)
    diff(
      "warning",
      "statsCredentials",
      "",
      "",
      b.stats.auth[0]?.location ?? b.location,
      a.stats.auth[0]?.location ?? a.location,
    );
  return out;
}

function check(ctx: RuleContext<typeof messages>): void {
  for (const cs of ctx.simulations) {
    const withHaproxy = cs.cluster.nodes.filter((n): n is Node & { haproxy: HaproxyConfig } => n.haproxy !== undefined);
    if (withHaproxy.length < 2) continue;
    const holder = cs.routers[0]?.baseline.holders[0];
    const primary = withHaproxy.find((n) => n.name === holder) ?? withHaproxy[0];
    for (const standby of withHaproxy) {
      if (standby === primary || standby.haproxy.file === primary.haproxy.file) continue;
      const pa = new Map(primary.haproxy.proxies.map((p) => [`${p.kind} ${p.name}`, p]));
      const pb = new Map(standby.haproxy.proxies.map((p) => [`${p.kind} ${p.name}`, p]));
      const found: Difference[] = [];
      for (const [key, p] of pa) {
        const q = pb.get(key);
        if (!q)
          found.push({
            severity: "error",
            id: "proxyOnlyOnPrimary",
            data: {
              subject: `${key.replace(" ", " '")}'`,
              standby: standby.name,
              primary: primary.name,
              mine: "",
              theirs: "",
            },
            at: {
              file: standby.haproxy.file,
              range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
            },
            other: p.location,
          });
        else found.push(...compareProxies(primary, standby, p, q));
      }
      const da = primary.haproxy.defaults;
      const db = standby.haproxy.defaults;
      for (let i = 0; i < Math.min(da.length, db.length); i++)
        found.push(...compareProxies(primary, standby, da[i], db[i]));
      for (const [key, q] of pb)
        if (!pa.has(key))
          found.push({
            severity: "error",
            id: "proxyOnlyOnStandby",
            data: {
              subject: `${key.replace(" ", " '")}'`,
              standby: standby.name,
              primary: primary.name,
              mine: "",
              theirs: "",
            },
            at: q.location,
            other: {
              file: primary.haproxy.file,
              range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
            },
          });
      for (const d of found)
        ctx.report({
          file: d.at.file,
          range: d.at.range,
          severity: d.severity,
          messageId: d.id,
          data: d.data,
          related: [related(d.other, `${primary.name}'s configuration`)],
        });
    }
  }
}

const KEEP = "Keep the haproxy.cfg of every node the same (deploy one file).";
const onHolder = (p: DriftData): string => `(on ${p.primary}, the VIP holder, it differs)`;

const messages = {
  proxyOnlyOnPrimary: (data: DriftData) =>
    `${data.subject} exists on ${data.primary}, the VIP holder, but not on ${data.standby}: after a failover that ` +
    `service is gone. ${KEEP}`,
  proxyOnlyOnStandby: (data: DriftData) =>
    `${data.subject} exists on ${data.standby} but not on ${data.primary}, the VIP holder: the nodes do not serve ` +
    `the same things. ${KEEP}`,
  mode: (data: DriftData) =>
    `${data.subject} on ${data.standby} runs mode ${data.mine}, not ${data.theirs} ${onHolder(data)}. ${KEEP}`,
  bindMissing: (data: DriftData) =>
    `${data.subject} on ${data.standby} does not bind ${data.theirs} ${onHolder(data)}. ${KEEP}`,
  bindExtra: (data: DriftData) =>
    `${data.subject} on ${data.standby} binds ${data.mine} as well ${onHolder(data)}. ${KEEP}`,
  defaultBackend: (data: DriftData) =>
    `${data.subject} on ${data.standby} sends unmatched traffic to ${data.mine} instead of ${data.theirs} ` +
    `${onHolder(data)}. ${KEEP}`,
  useBackend: (data: DriftData) =>
    `${data.subject} on ${data.standby} routes with different use_backend rules (${data.mine} vs ${data.theirs}) ` +
    `${onHolder(data)}. ${KEEP}`,
  serverMissing: (data: DriftData) =>
    `${data.subject} on ${data.standby} has no server ${data.theirs} ${onHolder(data)}. ${KEEP}`,
  serverExtra: (data: DriftData) =>
    `${data.subject} on ${data.standby} has an extra server ${data.mine} ${onHolder(data)}. ${KEEP}`,
  serverAddress: (data: DriftData) =>
    `${data.subject} on ${data.standby} sends server ${data.mine}, not ${data.theirs} ${onHolder(data)}. ${KEEP}`,
  serverCheck: (data: DriftData) =>
    `${data.subject} on ${data.standby} does ${data.theirs === "checks it" ? "not check" : "check"} server ` +
    `${data.mine} ${onHolder(data)}. ${KEEP}`,
  checkSettings: (data: DriftData) =>
    `${data.subject} on ${data.standby} checks its servers differently (${data.mine} vs ${data.theirs}) ` +
    `${onHolder(data)}. ${KEEP}`,
  timeout: (data: DriftData) =>
    `${data.subject} on ${data.standby} has timeout ${data.mine} instead of ${data.theirs} ${onHolder(data)}. ${KEEP}`,
  maxconn: (data: DriftData) =>
    `${data.subject} on ${data.standby} has maxconn ${data.mine} instead of ${data.theirs} ${onHolder(data)}. ${KEEP}`,
  statsCredentials: (data: DriftData) =>
    `${data.subject} on ${data.standby} has different stats credentials ${onHolder(data)}. ${KEEP}`,
};

export default defineRule({
  id: "HA017",
  name: "standby-config-drift",
  severity: "error",
  scope: "cluster",
  docs: {
    summary:
      "The standby's haproxy.cfg differs from the VIP holder's in ways that change what clients get after a failover.",
    description:
      "Compares, proxy by proxy, the haproxy.cfg of every node with the one of the node that holds the VIP in the " +
      "simulation: proxies present on one side only, mode, shared binds (not node-local management binds), " +
      "default_backend and use_backend rules, servers (address, check) and the health-check settings are errors; " +
      "timeouts, maxconn and stats credentials are warnings. Values are compared as HAProxy reads them: timeouts in " +
      "milliseconds (`5000`, `5000ms` and `5s` are one value; a number without unit is milliseconds), maxconn as " +
      "the integer HAProxy takes, ports as numbers (`080` is `80`), addresses in their normal form (IPv6 " +
      "spellings). Log targets, localpeer, nbthread/cpu-map and comments and order are ignored.",
    why:
      "The standby exists to serve the same thing when the VIP moves. Configs edited by hand on one node drift apart, " +
      "and the difference only shows during an outage: a missing backend server, a frontend that is not there, a " +
      "health check that marks everything down.",
    sources: [
      "HAProxy 2.6.12 src/tools.c parse_time_err() (timeouts: digits and an optional unit us/ms/s/m/h/d, " +
        "milliseconds by default, rounded up)",
      "HAProxy 2.6.12 src/proxy.c proxy_parse_timeout() (TIME_UNIT_MS) and src/cfgparse-listen.c cfg_parse_listen() " +
        "('maxconn' read with atol())",
      "HAProxy 2.6.12 src/tools.c str2sa_range() (ports and addresses)",
      "the seed documents' advice: keep both nodes' HAProxy configuration identical and verify the standby can " +
        "serve on its own",
    ],
    bad: "# lb01: server app2 203.0.113.22:8080 check\n# lb02: server app2 203.0.113.23:8080\n",
    good: "# one haproxy.cfg deployed to both nodes\n",
    realTool: "Neither tool.",
    reportedBy: "none",
    severityNote:
      "Error for differences in what is served and where (proxies, binds, mode, routing, servers, checks); warning " +
      "for tuning (timeouts, maxconn, stats credentials).",
  },
  messages,
  check,
});
