/**
 * ha-lint upgrade: what changes when the cluster moves to other HAProxy / keepalived versions. The paths are analysed
 * twice, with today's versions (.ha-lint.yaml, per node, or the defaults; --from-* to say otherwise) and with the
 * target versions on every node; the findings that appear or disappear and the failover scenarios whose verdict or
 * VIP holder changes are printed as text or JSON.
 */
import { relative } from "node:path";
import type { Command } from "commander";
import { Option } from "commander";
import type { Finding } from "../rules/finding.js";
import { failoverMatrix, verdictLabel, type MatrixScenario } from "../simulation.js";
import { InputError } from "./collect-files.js";
import { checkVersionFlag, runAnalysis, type AnalysisOptions, type CliAnalysis } from "./run-analysis.js";

export interface UpgradeOptions extends AnalysisOptions {
  fromHaproxyVersion?: string;
  fromKeepalivedVersion?: string;
  format: "text" | "json";
}

export interface UpgradeFinding {
  rule: string;
  name: string;
  severity: string;
  message: string;
  file: string;
  line: number;
  column: number;
}

export interface ScenarioChange {
  cluster: string;
  router: string;
  scenario: string;
  before: { verdict: MatrixScenario["verdict"]; holders: string[] };
  after: { verdict: MatrixScenario["verdict"]; holders: string[] };
}

export interface UpgradeReport {
  version: 1;
  from: { haproxy: string; keepalived: string; nodes?: Record<string, { haproxy?: string; keepalived?: string }> };
  to: { haproxy: string; keepalived: string };
  findings: {
    appear: UpgradeFinding[];
    disappear: UpgradeFinding[];
    changed: { before: UpgradeFinding; after: UpgradeFinding }[];
  };
  scenarios: ScenarioChange[];
}

const display = (file: string): string => relative(process.cwd(), file) || file;

/** A finding's identity across versions: where it is and what it says, version numbers left out. */
function findingKey(f: Finding, versions: readonly string[]): string {
  let text = f.messageId ?? f.message;
  if (!f.messageId) for (const v of versions) text = text.split(v).join("<version>");
  return [f.rule, f.file, f.range.start.line, f.range.start.character, text].join("\u0000");
}

function shown(f: Finding): UpgradeFinding {
  return {
    rule: f.rule,
    name: f.name,
    severity: f.severity,
    message: f.message,
    file: display(f.file),
    line: f.range.start.line + 1,
    column: f.range.start.character + 1,
  };
}

/** Findings that appear, disappear or change severity between two analyses. */
export function diffFindings(
  before: readonly Finding[],
  after: readonly Finding[],
  versions: readonly string[],
): UpgradeReport["findings"] {
  const index = (list: readonly Finding[]): Map<string, Finding> =>
    new Map(list.map((f) => [findingKey(f, versions), f]));
  const was = index(before);
  const now = index(after);
  const out: UpgradeReport["findings"] = { appear: [], disappear: [], changed: [] };
  for (const [key, f] of now) {
    const old = was.get(key);
    if (!old) out.appear.push(shown(f));
    else if (old.severity !== f.severity) out.changed.push({ before: shown(old), after: shown(f) });
  }
  for (const [key, f] of was) if (!now.has(key)) out.disappear.push(shown(f));
  return out;
}

/** Failover scenarios whose verdict or VIP holders differ between two analyses. */
export function diffScenarios(before: CliAnalysis, after: CliAnalysis): ScenarioChange[] {
  const matrix = (a: CliAnalysis) => failoverMatrix(a.result.input.simulations, (id) => display(id) || ".");
  const old = new Map<string, MatrixScenario>();
  for (const c of matrix(before).clusters)
    for (const i of c.instances) for (const s of i.scenarios) old.set(`${c.id}\u0000${i.name}\u0000${s.id}`, s);
  const out: ScenarioChange[] = [];
  for (const c of matrix(after).clusters)
    for (const i of c.instances)
      for (const s of i.scenarios) {
        const was = old.get(`${c.id}\u0000${i.name}\u0000${s.id}`);
        if (!was || (was.verdict === s.verdict && was.holders.join(",") === s.holders.join(","))) continue;
        out.push({
          cluster: c.id,
          router: i.name,
          scenario: s.id,
          before: { verdict: was.verdict, holders: was.holders },
          after: { verdict: s.verdict, holders: s.holders },
        });
      }
  return out;
}

export function upgradeReport(paths: string[], options: UpgradeOptions): UpgradeReport {
  if (!options.haproxyVersion && !options.keepalivedVersion)
    throw new InputError("upgrade needs --haproxy-version, --keepalived-version or both: the versions to move to");
  checkVersionFlag("--from-haproxy-version", options.fromHaproxyVersion);
  checkVersionFlag("--from-keepalived-version", options.fromKeepalivedVersion);
  const { haproxyVersion, keepalivedVersion, fromHaproxyVersion, fromKeepalivedVersion, ...common } = options;
  const before = runAnalysis(paths, {
    ...common,
    ...(fromHaproxyVersion ? { haproxyVersion: fromHaproxyVersion } : {}),
    ...(fromKeepalivedVersion ? { keepalivedVersion: fromKeepalivedVersion } : {}),
  });
  const from = before.result.input.settings;
  const after = runAnalysis(paths, {
    ...common,
    haproxyVersion: haproxyVersion ?? from.haproxyVersion,
    keepalivedVersion: keepalivedVersion ?? from.keepalivedVersion,
  });
  const to = after.result.input.settings;
  const nodeVersions = Object.entries(from.nodeVersions ?? {});
  const versions = [from.haproxyVersion, from.keepalivedVersion, to.haproxyVersion, to.keepalivedVersion];
  for (const [, v] of nodeVersions)
    versions.push(...[v.haproxyVersion, v.keepalivedVersion].filter((x) => x !== undefined));
  const report: UpgradeReport = {
    version: 1,
    from: { haproxy: from.haproxyVersion, keepalived: from.keepalivedVersion },
    to: { haproxy: to.haproxyVersion, keepalived: to.keepalivedVersion },
    findings: diffFindings(
      before.result.findings,
      after.result.findings,
      versions.sort((a, b) => b.length - a.length),
    ),
    scenarios: diffScenarios(before, after),
  };
  if (nodeVersions.length > 0)
    report.from.nodes = Object.fromEntries(
      nodeVersions.map(([node, v]) => [
        node,
        {
          ...(v.haproxyVersion ? { haproxy: v.haproxyVersion } : {}),
          ...(v.keepalivedVersion ? { keepalived: v.keepalivedVersion } : {}),
        },
      ]),
    );
  return report;
}

export function renderUpgrade(report: UpgradeReport): string {
  const out: string[] = [];
  const nodes = Object.entries(report.from.nodes ?? {})
    .map(
      ([n, v]) =>
        `${n}: ${[v.haproxy && `HAProxy ${v.haproxy}`, v.keepalived && `keepalived ${v.keepalived}`].filter(Boolean).join(", ")}`,
    )
    .join("; ");
  out.push(
    `upgrade from HAProxy ${report.from.haproxy}, keepalived ` +
      `${report.from.keepalived}${nodes ? ` (${nodes})` : ""} to HAProxy ${report.to.haproxy}, keepalived ` +
      `${report.to.keepalived}`,
    "",
  );
  const line = (f: UpgradeFinding): string =>
    `  ${f.file}:${f.line}:${f.column}  ${f.severity}  ${f.message}  ${f.rule} ${f.name}`;
  const { appear, disappear, changed } = report.findings;
  out.push(`findings that appear (${appear.length}):`, ...appear.map(line), "");
  out.push(`findings that disappear (${disappear.length}):`, ...disappear.map(line), "");
  if (changed.length > 0)
    out.push(
      `findings whose severity changes (${changed.length}):`,
      ...changed.map((c) => `${line(c.after)} (was ${c.before.severity})`),
      "",
    );
  const holders = (h: string[]): string => (h.length === 0 ? "nobody" : h.join("+"));
  out.push(`failover scenarios that change (${report.scenarios.length}):`);
  for (const s of report.scenarios)
    out.push(
      `  ${s.cluster} · ${s.router} · ${s.scenario}: ${verdictLabel(s.before.verdict)} ` +
        `(${holders(s.before.holders)}) -> ${verdictLabel(s.after.verdict)} (${holders(s.after.holders)})`,
    );
  return out.join("\n") + "\n";
}

/** Exit 1 when the upgrade brings a new error or a scenario that was OK stops being OK. */
export function upgradeExitCode(report: UpgradeReport): number {
  const newError = report.findings.appear.some((f) => f.severity === "error");
  const worse = report.scenarios.some((s) => s.before.verdict === "ok" && s.after.verdict !== "ok");
  return newError || worse ? 1 : 0;
}

export function registerUpgradeCommand(
  program: Command,
  addAnalysisOptions: (cmd: Command) => Command,
  setCode: (code: number) => void,
): void {
  addAnalysisOptions(
    program
      .command("upgrade")
      .description(
        "what changes when the cluster moves to the versions of --haproxy-version / --keepalived-version: findings " +
          "that appear and disappear, failover scenarios whose verdict changes",
      )
      .argument("[paths...]", "files or directories", ["."])
      .option(
        "--from-haproxy-version <version>",
        "the HAProxy version the nodes run today (default: .ha-lint.yaml, else the default)",
      )
      .option(
        "--from-keepalived-version <version>",
        "the keepalived version the nodes run today (default: .ha-lint.yaml, else the default)",
      )
      .addOption(new Option("-f, --format <format>", "output format").choices(["text", "json"]).default("text")),
  ).action((paths: string[], opts: UpgradeOptions) => {
    const report = upgradeReport(paths.length ? paths : ["."], opts);
    process.stdout.write(opts.format === "json" ? JSON.stringify(report, null, 2) + "\n" : renderUpgrade(report));
    setCode(upgradeExitCode(report));
  });
}
