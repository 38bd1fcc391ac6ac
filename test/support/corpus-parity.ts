/**
 * Parity of ha-lint with the real tools on the shared corpus (../shared/corpus), with every rule: a file the real
 * tool accepts gets no ha-lint error; a file it rejects for a configuration reason gets a finding on the line of the
 * tool's first message about the content (or in the section that message names), an error when the tool refuses to
 * start. Rejects not caught yet are listed, one by one, in test/corpus/exclusions.tsv.
 *
 * The verdicts are those of one binary: the shared VERDICTS.tsv (haproxy 2.6.12, keepalived 2.2.7) by default, or
 * a verdict file of test/versions/verdicts/ (any binary, corpus and fixture files; scripts/versions/tool-verdicts.ts),
 * and the analysis is set to that binary's version.
 */
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { analyze } from "../../server/src/analyze.js";
import type { Finding } from "../../server/src/rules/finding.js";
import type { AnalysisSettings } from "../../server/src/rules/context.js";
import { classifyHaproxyMessage } from "./haproxy-message-table.js";
import { readToolOutput, type Tool, type ToolMessage } from "./real-tool-messages.js";

const here = dirname(fileURLToPath(import.meta.url));
export const repoRoot = resolve(here, "../..");
export const corpusDir = process.env.HA_LINT_CORPUS ?? resolve(repoRoot, "../shared/corpus");

/** Rules that judge syntax and keywords (the fixture samples of test/real-tools.test.ts use them). */
export const PARITY_RULES = new Set(["KA018", "KA019", "KA020", "KA021", "KA034", "HP016", "HP017", "HP023"]);

export interface Verdict {
  file: string;
  tool: "haproxy" | "keepalived";
  cls: "ok" | "env-only" | "syntax";
  exitCode: number | null;
  /** The tool's first message about the content (the first error for rejected files). */
  firstError: string;
  /** Where the file is read from (the corpus by default; the repository for fixture files). */
  path?: string;
  /** The binary's version, when the verdict is not the shared VERDICTS.tsv one. */
  version?: string;
  /** Every message the tool printed, placed (per-version verdict files). */
  messages?: ToolMessage[];
  fatal?: boolean;
}

/** The shared VERDICTS.tsv is the verdict of these binaries. */
export const SHARED_VERSIONS: Record<Tool, string> = { haproxy: "2.6.12", keepalived: "2.2.7" };

export interface ParityRow extends Verdict {
  findings: Finding[];
  errors: Finding[];
  /** The real tool's message, placed (line or section) in the file. */
  message?: ToolMessage;
  /** The tool refuses to start with this file. */
  fatal: boolean;
  excluded?: string;
  agrees: boolean;
}

export function corpusAvailable(): boolean {
  return existsSync(join(corpusDir, "VERDICTS.tsv"));
}

/**
 * A haproxy reject whose message the 2.6.12 message table (docs/messages) calls environment-only (a crt-list or CA
 * file that is not part of the corpus, a build feature) is counted as env-only, as VERDICTS.tsv counts the rejects
 * its own list of environment messages recognises.
 */
function environmentOnly(tool: Verdict["tool"], firstError: string): boolean {
  if (tool !== "haproxy" || !firstError) return false;
  const text = firstError.replace(/^config\s*:\s*/, "");
  // The keywords of the device-detection modules exist only in builds that have them (USE_WURFL, USE_51DEGREES,
  // USE_DEVICEATLAS), which Debian's lacks: the message is the generic one of an unknown keyword.
  if (/unknown keyword '(wurfl|51degrees|deviceatlas)-[^']*'/.test(text)) return true;
  return classifyHaproxyMessage(text, "2.6")?.outcome.startsWith("environment:") ?? false;
}

export function readVerdicts(): Verdict[] {
  const lines = readFileSync(join(corpusDir, "VERDICTS.tsv"), "utf8").split("\n").slice(1).filter(Boolean);
  return lines.map((l) => {
    const c = l.split("\t");
    const tool: Verdict["tool"] = c[1].startsWith("haproxy") ? "haproxy" : "keepalived";
    const firstError = c[7] || c[5] || "";
    const cls = c[6] === "syntax" && environmentOnly(tool, firstError) ? "env-only" : (c[6] as Verdict["cls"]);
    return { file: c[0], tool, cls, exitCode: c[2] === "124" ? null : Number(c[2]), firstError };
  });
}

function readTsv(name: string): Map<string, string[]> {
  const text = readFileSync(join(repoRoot, "test/corpus", name), "utf8");
  const map = new Map<string, string[]>();
  for (const line of text.split("\n")) {
    if (!line.trim() || line.startsWith("#")) continue;
    const [file, ...rest] = line.split("\t");
    map.set(file, rest);
  }
  return map;
}

/** Rejects out of the syntax/keyword rules' scope, with the reason. */
export function readExclusions(): Map<string, string> {
  return new Map([...readTsv("exclusions.tsv")].map(([file, rest]) => [file, rest.join("\t")]));
}

/** The tool's message as its output line, read back into a placed message. */
function placedMessage(v: Verdict, text: string): ToolMessage | undefined {
  if (v.messages) return firstContentMessage(v.messages);
  const output =
    v.tool === "haproxy" ? `[ALERT]    (0) : ${v.firstError}` : v.firstError.replace(/^\(Line/, "(f: Line");
  return readToolOutput(v.tool, output, v.exitCode, text).messages[0];
}

function onMessage(message: ToolMessage | undefined, finding: Finding): boolean {
  if (!message || message.line === undefined) return true;
  const line = finding.range.start.line + 1;
  return message.section ? line >= message.section.first && line <= message.section.last : line === message.line;
}

/** The first message about the content that names a line: what a reject is judged on (errors before warnings). */
function firstContentMessage(messages: readonly ToolMessage[]): ToolMessage | undefined {
  const content = messages.filter((m) => !m.environment && !/more messages left out/.test(m.text));
  return content.find((m) => m.level === "alert" && m.line !== undefined) ?? content.find((m) => m.line !== undefined);
}

/** The analysis settings of a verdict: the version of the binary that gave it. */
export function settingsOf(v: Verdict): Partial<AnalysisSettings> {
  const version = v.version ?? SHARED_VERSIONS[v.tool];
  return v.tool === "haproxy" ? { haproxyVersion: version } : { keepalivedVersion: version };
}

export function checkFile(v: Verdict, exclusions: Map<string, string>): ParityRow {
  const path = v.path ?? join(corpusDir, v.file);
  const text = readFileSync(path, "latin1");
  const result = analyze({ files: [{ path, text, language: v.tool }], settings: settingsOf(v) });
  const findings = result.findings.filter((f) => f.file === path);
  const errors = findings.filter((f) => f.severity === "error");
  const excluded = exclusions.get(v.file);
  // A binary that did not finish (killed after the verdict's time limit) gave no exit code, so nothing says it
  // refuses the file: it is judged on its messages only (a finding on the first one's line). The one such file,
  // upstream block06 (~SEQ into 65,024 instances), makes keepalived 2.2.7 -t spend minutes of CPU checking instances
  // one by one; the same file with a smaller ~SEQ exits 5 (Unknown keyword on line 21), not a refusal.
  const timedOut = v.exitCode === null;
  const fatal =
    !timedOut && (v.fatal ?? (v.tool === "haproxy" ? v.exitCode === 1 : [1, 2, 3, 4].includes(v.exitCode ?? 0)));
  if (v.cls !== "syntax") return { ...v, findings, errors, fatal, excluded, agrees: errors.length === 0 };
  const message = placedMessage(v, text);
  const placed = findings.filter((f) => onMessage(message, f));
  // a finding on the tool's first line, and an error where the tool refuses the file: on that line for haproxy; for
  // keepalived anywhere, as it goes on after most messages and exits at a later, fatal one
  const refusal = v.tool === "keepalived" ? errors.length > 0 : placed.some((f) => f.severity === "error");
  const caught = placed.length > 0 && (!fatal || refusal);
  return { ...v, findings, errors, message, fatal, excluded, agrees: caught || excluded !== undefined };
}

export function runParity(verdicts: readonly Verdict[] = readVerdicts(), exclusions = readExclusions()): ParityRow[] {
  return verdicts.map((v) => checkFile(v, exclusions));
}

/** Corpus folder of a verdict row: "haproxy/upstream", "haproxy/upstream-v2.6.0", "keepalived/upstream". */
export function corpusOf(file: string): string {
  return file.split("/").slice(0, 2).join("/");
}

/** The per-binary verdict files (scripts/versions/tool-verdicts.ts). */
export const versionVerdictsDir = resolve(repoRoot, "test/versions/verdicts");

/**
 * The class of a verdict, as VERDICTS.tsv defines it: `ok` when the tool accepts the file (haproxy: exit 0, or 2
 * with no listener; keepalived: exit 0), `env-only` when every message about it concerns this machine, else `syntax`.
 */
function classOf(tool: Tool, exitCode: number | null, messages: readonly ToolMessage[]): Verdict["cls"] {
  const accepted = tool === "haproxy" ? exitCode === 0 || exitCode === 2 : exitCode === 0;
  if (accepted) return "ok";
  // No answer in time and nothing said about the file (a name to resolve on a machine without DNS).
  if (exitCode === null && messages.every((m) => m.environment)) return "env-only";
  const judged = tool === "haproxy" ? messages.filter((m) => m.level === "alert") : messages;
  return judged.length > 0 && judged.every((m) => m.environment) ? "env-only" : "syntax";
}

/**
 * Messages that come from checking reg-test blocks outside VTest (corpus/README.md: "Lua files removed, so Lua
 * services then fail = env", data files of `${testdir}`, fd macros without a socket, `program` needing -W): they
 * are about the test bench, not the configuration, as in VERDICTS.tsv's env-only class.
 */
const VTEST_ENVIRONMENT: RegExp[] = [
  /\$\{(testdir|tmpdir)\}/,
  /error opening file|failed to open|No such file/i,
  /file descriptor '' is not a valid integer in 'fd@'/,
  /'lua\.[^']*'|unknown service name|lua-load/,
  /program' section without master worker mode/,
  /socket on file descriptor '\d+' is of the wrong type|QUIC protocol is unsupported/,
];

/** Messages about this machine that the shared message reader does not know yet (a user the host lacks). */
const MACHINE_ENVIRONMENT: RegExp[] = [/Error setting global script uid\/gid/];

/** One binary's verdicts: `haproxy-3.2.26.tsv` -> a Verdict per file, corpus files first. */
export function readVersionVerdicts(name: string): Verdict[] {
  const [tool, version] = name.replace(/\.tsv$/, "").split("-") as [Tool, string];
  const rows = readFileSync(join(versionVerdictsDir, name.endsWith(".tsv") ? name : `${name}.tsv`), "utf8")
    .split("\n")
    .slice(1)
    .filter(Boolean)
    .map((l) => l.split("\t"));
  const byFile = new Map<string, string[][]>();
  for (const r of rows) byFile.set(r[0], [...(byFile.get(r[0]) ?? []), r]);
  return [...byFile].map(([file, lines]) => {
    const exitCode = lines[0][1] === "timeout" ? null : Number(lines[0][1]);
    const messages: ToolMessage[] = lines
      .filter((l) => l[3] !== "-")
      .map((l) => {
        const bench =
          (file.startsWith("corpus:") && VTEST_ENVIRONMENT.some((re) => re.test(l[7]))) ||
          MACHINE_ENVIRONMENT.some((re) => re.test(l[7]));
        const m: ToolMessage = { level: l[3] as ToolMessage["level"], text: l[7], environment: l[6] === "1" || bench };
        if (l[4]) m.line = Number(l[4]);
        if (l[5]) {
          const [first, last] = l[5].split("-").map(Number);
          m.section = { first, last };
        }
        return m;
      });
    const corpus = file.startsWith("corpus:");
    const name = corpus ? file.slice("corpus:".length) : file;
    const first = firstContentMessage(messages);
    return {
      file: name,
      tool,
      version,
      cls: classOf(tool, exitCode, messages),
      exitCode,
      firstError: first?.text ?? messages[0]?.text ?? "",
      messages,
      fatal: lines[0][2] === "1",
      path: corpus ? join(corpusDir, name) : join(repoRoot, name),
    };
  });
}
