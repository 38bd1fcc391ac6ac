/**
 * Environment variables in addresses, read by ha-lint's model and by every real HAProxy on this machine: each bind
 * and server address form below, with the variables unset or set, gets from `haproxy -c` the verdict the model
 * predicts from the address it says HAProxy reads (parse_line() then str2sa_range() -> env_expand()).
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { buildHaproxyConfig } from "../server/src/model/haproxy-config.js";
import { parseIpAddress } from "../server/src/model/ip-address.js";
import type { BindAddress, Server } from "../server/src/model/types.js";
import { parseHaproxy } from "../server/src/syntax/haproxy/parse.js";
import { toolsets, type Toolset } from "./support/real-binaries.js";

type Verdict =
  "valid" | "empty" | "missing-argument" | "missing-port" | "invalid-port" | "invalid-host" | "unresolvable";

/** What HAProxy says, read from its output. */
function toolVerdict(output: string, status: number | null): { verdict: Verdict; detail?: string } {
  if (/resolves to an empty address/.test(output)) return { verdict: "empty" };
  if (/'bind' expects/.test(output)) return { verdict: "missing-argument" };
  if (/missing port specification/.test(output)) return { verdict: "missing-port" };
  if (/port offset not permitted|invalid (start |end )?port|invalid character .* in port number/.test(output))
    return { verdict: "invalid-port" };
  const invalid = /invalid address: '([^']*)'/.exec(output);
  if (invalid) return { verdict: "invalid-host", detail: invalid[1] };
  const unresolved = /could not resolve address '([^']*)'/.exec(output);
  if (unresolved) return { verdict: "unresolvable", detail: unresolved[1] };
  if (status === 0 || status === 2) return { verdict: "valid" };
  return { verdict: "valid", detail: `unexpected exit ${status}: ${output}` };
}

/** The verdict the model's reading of the address implies. */
function modelVerdict(
  kind: "bind" | "server",
  a: BindAddress,
  wordEmpty: boolean,
): { verdict: Verdict; detail?: string } {
  if (wordEmpty) return { verdict: "missing-argument" };
  const read = a.variables?.whenUnset;
  if (read === "") return { verdict: "empty" };
  if (a.family === "unix" || a.family === "other") return { verdict: "valid" };
  if (kind === "bind" && a.port === undefined) return { verdict: "missing-port" };
  if (a.port !== undefined && !/^\d+(-\d+)?$/.test(a.port)) return { verdict: "invalid-port" };
  if (a.host !== "" && !parseIpAddress(a.host)) {
    return kind === "bind" ? { verdict: "invalid-host", detail: a.host } : { verdict: "unresolvable", detail: a.host };
  }
  return { verdict: "valid" };
}

function runHaproxy(
  set: Toolset,
  text: string,
  env: Record<string, string>,
): { output: string; status: number | null } {
  const base = set.root ? join(set.root, "tmp") : undefined;
  if (base) mkdirSync(base, { recursive: true });
  const dir = mkdtempSync(join(base ?? "/tmp", "ha-lint-vars-"));
  try {
    writeFileSync(join(dir, "haproxy.cfg"), text);
    const inside = set.root ? dir.slice(set.root.length) : dir;
    const args = ["-c", "-f", `${inside}/haproxy.cfg`];
    const command = set.root ? ["chroot", set.root, "haproxy", ...args] : ["haproxy", ...args];
    const r = spawnSync(command[0], command.slice(1), {
      encoding: "utf8",
      timeout: 20_000,
      env: { PATH: "/usr/sbin:/usr/bin:/sbin:/bin", LANG: "C", ...env },
    });
    return { output: `${r.stdout ?? ""}${r.stderr ?? ""}`, status: r.status };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const BIND_WORDS = [
  "${VIP}:18080",
  "$VIP:18080",
  '"${VIP}:18080"',
  '"$VIP:18080"',
  "'${VIP}:18080'",
  "'$VIP:18080'",
  '"${VIP-127.0.0.2}:18080"',
  "${VIP-127.0.0.2}:18080",
  "*:${PORT}",
  '"*:${PORT}"',
  "*:$PORT",
  "'*:$PORT'",
  "${VIP}",
  '"${VIP}"',
  "${VIP}:${PORT}",
  "127.0.0.1:${PORT-18081}",
  '"127.0.0.1:${PORT-18081}"',
  "\\$VIP:18080",
  '"\\$VIP:18080"',
  "${VIP}:18080,127.0.0.1:18082",
  "$:18080",
  "ipv4@${VIP}:18080",
  "${VIP}.5:18080",
];
const SERVER_WORDS = ["${SRV}:80", "$SRV:80", '"${SRV}:80"', "${SRV}", '"${SRV-127.0.0.3}:80"', "127.0.0.1:${SPORT}"];
const ENVS: Record<string, string>[] = [
  {},
  { VIP: "notanaddress", PORT: "18083", SRV: "notanaddress" },
  { VIP: "127.0.0.1", SRV: "127.0.0.1", SPORT: "81" },
];

function config(kind: "bind" | "server", word: string): string {
  const head = "defaults\n    mode tcp\n    timeout connect 1s\n    timeout client 1s\n    timeout server 1s\n";
  return kind === "bind"
    ? `${head}frontend f\n    bind ${word}\n    default_backend b\nbackend b\n    server s 127.0.0.1:80\n`
    : `${head}frontend f\n    bind 127.0.0.1:18090\n    default_backend b\nbackend b\n    server s ${word}\n`;
}

function modelOf(kind: "bind" | "server", word: string, env: Record<string, string>) {
  const doc = parseHaproxy("haproxy.cfg", config(kind, word), { env });
  const cfg = buildHaproxyConfig(doc);
  const line = doc.sections.flatMap((s) => s.lines).find((l) => l.keyword.value === kind)!;
  const wordOf = kind === "bind" ? line.args[0] : line.args[1];
  const addresses =
    kind === "bind" ? cfg.proxies[0].binds[0].addresses : [cfg.proxies.find((p) => p.name === "b")!.servers[0]];
  return { word: wordOf, addresses };
}

const OUTCOME_VERDICT: Record<string, Verdict> = {
  "missing-port": "missing-port",
  "invalid-port": "invalid-port",
  "invalid-address": "invalid-host",
  empty: "empty",
  "missing-argument": "missing-argument",
};

const sets = toolsets().filter((s) => s.haproxy);

describe.runIf(sets.length > 0)("addresses with environment variables: the model reads what haproxy -c reads", () => {
  for (const set of sets) {
    for (const kind of ["bind", "server"] as const) {
      for (const word of kind === "bind" ? BIND_WORDS : SERVER_WORDS) {
        test(`haproxy ${set.haproxy}: ${kind} ${word}`, () => {
          for (const env of ENVS) {
            const { output, status } = runHaproxy(set, config(kind, word), env);
            const tool = toolVerdict(output, status);
            const { word: w, addresses } = modelOf(kind, word, env);
            const wordEmpty = (w.unsetValue ?? w.value) === "";
            // The first address HAProxy refuses stops the line; the model's first refused one must be it.
            const predictions = addresses.map((a) =>
              kind === "bind"
                ? modelVerdict(kind, a as BindAddress, wordEmpty)
                : modelVerdict(kind, serverAddress(a as Server), wordEmpty),
            );
            const predicted = predictions.find((p) => p.verdict !== "valid") ?? { verdict: "valid" as const };
            expect({ env, ...tool }, output).toEqual({ env, ...predicted });
            // HP015 says what happens from the outcome the model gives an address with unset variables.
            const outcome = addresses
              .map((a) => a.variables?.outcome)
              .find((o) => o && o !== "reads" && o !== "every-address");
            if (outcome)
              expect({ env, verdict: OUTCOME_VERDICT[outcome] }, output).toEqual({ env, verdict: tool.verdict });
          }
        });
      }
    }
  }
});

function serverAddress(s: Server): BindAddress {
  const a: BindAddress = {
    text: s.address,
    host: s.host,
    family: s.host.includes(":") ? 6 : 4,
    wildcard: s.host === "",
  };
  if (s.port !== undefined) a.port = s.port;
  if (s.variables) a.variables = s.variables;
  return a;
}
