/** `ha-lint lab [paths...]`: run the simulation's scenarios against real keepalived daemons in network namespaces. */
import { isAbsolute, join, relative } from "node:path";
import { Option, type Command } from "commander";
import { InputError } from "../cli/collect-files.js";
import { runAnalysis, type AnalysisOptions } from "../cli/run-analysis.js";
import { labExitCode, labJson, labText } from "./report.js";
import { runLab } from "./run-lab.js";
import { readFileSync, writeFileSync } from "node:fs";
import { proofText, runProofs } from "./proofs.js";
import { runTraffic } from "./traffic.js";
import { trafficExitCode, trafficHtml, trafficJson, trafficText } from "./traffic-report.js";
import { LabEnvironmentError, preflight, staleLabNamespaces } from "./system.js";

interface LabCommandOptions extends AnalysisOptions {
  keepalivedVersion?: string;
  format: "text" | "json" | "html";
  traffic?: boolean;
  proofs?: boolean;
  maxOutage: string;
  output?: string[];
  cluster?: string;
  timeout: string;
  keepLogs?: string;
  jobs: string;
  quiet?: boolean;
  cleanStale?: boolean;
}

const display = (file: string): string => relative(process.cwd(), file) || file;

export async function labCommand(paths: string[], options: LabCommandOptions): Promise<number> {
  if (!/^\d+$/.test(options.timeout) || Number(options.timeout) < 1)
    throw new InputError(`--timeout takes a number of seconds, not '${options.timeout}'`);
  if (!/^\d+$/.test(options.jobs) || Number(options.jobs) < 1 || Number(options.jobs) > 8)
    throw new InputError(`--jobs takes a number from 1 to 8, not '${options.jobs}'`);
  if (options.keepalivedVersion !== undefined && !/^\d+\.\d+(\.\d+)?$/.test(options.keepalivedVersion))
    throw new InputError(
      `--keepalived-version takes a version such as 2.3.4 or 2.3, not '${options.keepalivedVersion}'`,
    );
  let env: ReturnType<typeof preflight>;
  try {
    env = preflight(options.keepalivedVersion);
    if (options.traffic && env.keepalived.root)
      throw new LabEnvironmentError(
        `--traffic runs the machine's own keepalived and HAProxy; keepalived ${env.version} lives in a Debian root`,
      );
  } catch (e) {
    if (e instanceof LabEnvironmentError) throw new InputError(e.message);
    throw e;
  }
  const stale = staleLabNamespaces(options.cleanStale === true);
  const list = (names: string[]): string =>
    `${names.slice(0, 6).join(", ")}${names.length > 6 ? `, ... (${names.length - 6} more)` : ""}`;
  if (stale.removed.length)
    process.stderr.write(
      `ha-lint lab: removed ${stale.removed.length} namespace(s) left by lab runs that no longer exist: ` +
        `${list(stale.removed)}\n`,
    );
  if (stale.kept.length) {
    process.stderr.write(
      `ha-lint lab: warning: ${stale.kept.length} namespace(s) left by lab runs that no longer exist: ${list(stale.kept)}` +
        `${options.cleanStale ? " (processes still run in them; end those first)" : " (remove the empty ones with --clean-stale)"}\n`,
    );
  }
  // The simulation follows the version the lab runs (the binary's full version, as the core reads it).
  const a = runAnalysis(paths, { ...options, keepalivedVersion: env.version });
  const declaredAddresses = new Map<string, string[]>();
  const manifest = a.config.manifest;
  for (const c of manifest?.clusters ?? [])
    for (const n of c.nodes)
      if (manifest && n.keepalived && n.addresses?.length)
        declaredAddresses.set(isAbsolute(n.keepalived) ? n.keepalived : join(manifest.dir, n.keepalived), n.addresses);
  const sims = a.result.input.simulations.filter((s) => s.routers.length > 0);
  const id = (c: string): string => display(c) || ".";
  if (
    options.cluster !== undefined &&
    !sims.some((s) => id(s.cluster.id) === options.cluster || s.cluster.id === options.cluster)
  ) {
    throw new InputError(
      `--cluster ${options.cluster}: no such cluster (${sims.map((s) => id(s.cluster.id)).join(", ") || "none found"})`,
    );
  }
  if (sims.length === 0)
    throw new InputError(`no VRRP instance found in ${paths.join(", ")}: nothing to run in the lab`);
  if (options.proofs) {
    if (options.traffic) throw new InputError("--proofs and --traffic are separate runs");
    const chosen = sims.filter(
      (s) => options.cluster === undefined || id(s.cluster.id) === options.cluster || s.cluster.id === options.cluster,
    );
    const proofs = await runProofs(chosen, a.result.findings, {
      keepalived: env.keepalived,
      readFile: (p) => readFileSync(p, "utf8"),
      displayId: id,
    });
    process.stdout.write(options.format === "json" ? `${JSON.stringify(proofs, null, 2)}\n` : proofText(proofs));
    return proofs.some((p) => p.agree === "no") ? 1 : 0;
  }
  if (options.traffic) {
    if (!/^\d+$/.test(options.maxOutage))
      throw new InputError(`--max-outage takes a number of milliseconds, not '${options.maxOutage}'`);
    const outputs = (options.output ?? []).map((o) => {
      const m = /^(text|json|html)=(.+)$/.exec(o);
      if (!m) throw new InputError(`-o takes FORMAT=FILE (text, json or html), not '${o}'`);
      return { format: m[1] as "text" | "json" | "html", file: m[2] };
    });
    const progressT =
      options.quiet || options.format !== "text"
        ? undefined
        : (line: string) => process.stderr.write(`ha-lint lab: ${line}\n`);
    const result = await runTraffic(sims, {
      ...(options.cluster !== undefined ? { cluster: options.cluster } : {}),
      timeout: Number(options.timeout),
      jobs: Number(options.jobs),
      maxOutageMs: Number(options.maxOutage),
      displayId: id,
      findings: a.result.findings,
      declaredAddresses,
      ...(progressT ? { progress: progressT } : {}),
    });
    const render = (f: "text" | "json" | "html"): string =>
      f === "json" ? trafficJson(result) : f === "html" ? trafficHtml(result) : trafficText(result);
    for (const o of outputs) writeFileSync(o.file, render(o.format));
    process.stdout.write(render(options.format));
    return trafficExitCode(result);
  }
  if (options.format === "html") throw new InputError("--format html needs --traffic");
  const progress =
    options.quiet || options.format === "json" || !process.stderr.isTTY
      ? undefined
      : (line: string) => process.stderr.write(`ha-lint lab: ${line}\n`);
  const result = await runLab(sims, {
    ...(options.cluster !== undefined ? { cluster: options.cluster } : {}),
    timeout: Number(options.timeout),
    ...(options.keepLogs ? { keepLogs: options.keepLogs } : {}),
    jobs: Number(options.jobs),
    displayId: id,
    ...(progress ? { progress } : {}),
    keepalived: env.keepalived,
    declaredAddresses,
  });
  process.stdout.write(options.format === "json" ? labJson(result) : labText(result));
  return labExitCode(result);
}

/**
 * Adds `ha-lint lab [paths...]`. The exit code goes to `setExitCode` when given (main's runner); without it a
 * non-zero code ends the process once standard output is flushed.
 */
export function registerLabCommand(program: Command, setExitCode?: (code: number) => void): void {
  program
    .command("lab")
    .description(
      "run the failover scenarios against real keepalived daemons in network namespaces (Linux, root) and compare " +
        "with the simulation",
    )
    .argument("[paths...]", "files or directories", ["."])
    .addOption(new Option("-f, --format <format>", "output format").choices(["text", "json", "html"]).default("text"))
    .option(
      "--traffic",
      "also run each node's HAProxy, backend responders and a client: measure what clients see in every failover",
    )
    .option(
      "--proofs",
      "instead of the scenarios, play the runtime failures of HA037, HA039 and KA080 findings and compare them " +
        "with the rules' claims",
    )
    .option("--max-outage <ms>", "with --traffic: longest tolerated run of failed requests", "5000")
    .option("-o, --output <format=file...>", "with --traffic: also write a report (text=FILE, json=FILE, html=FILE)")
    .option("--cluster <id>", "run only this cluster (as shown in the report)")
    .option("--timeout <seconds>", "time limit of the whole run", "1800")
    .option("--keep-logs <dir>", "keep each node's lab keepalived.conf and keepalived log in this folder")
    .option(
      "--keepalived-version <version>",
      "run this keepalived (2.2.7 is the machine's own; 2.3.3 and 2.3.4 come from the Debian roots of " +
        "scripts/roots/build.sh); the simulation follows it too",
    )
    .option("-j, --jobs <n>", "clusters run at the same time", "1")
    .option("-q, --quiet", "no progress lines on standard error")
    .option("--clean-stale", "first remove the empty namespaces left by lab runs whose process is gone")
    .addOption(
      new Option("--lang <language>", "language of the files named on the command line").choices([
        "haproxy",
        "keepalived",
      ]),
    )
    .option("-c, --config <file>", "configuration file (default: the nearest .ha-lint.yaml above the first path)")
    .action(async (paths: string[], opts: LabCommandOptions) => {
      const code = await labCommand(paths.length ? paths : ["."], opts);
      if (setExitCode) setExitCode(code);
      else if (code !== 0)
        await new Promise<void>((resolve) => process.stdout.write("", () => resolve())).then(() => process.exit(code));
    });
}
