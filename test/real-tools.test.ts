/**
 * Live parity: where haproxy and keepalived are installed, run `haproxy -c` and `keepalived -t` on the project's own
 * fixtures and on the cases of the syntax/keyword rules, and check that ha-lint rejects exactly what they reject
 * for syntax or keyword reasons (environment complaints, such as a missing interface or certificate, do not count).
 */
import { casesOf } from "./support/rule-cases.js";
import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative } from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { analyze } from "../server/src/analyze.js";
import { allRules } from "../server/src/rules/index.js";
import { PARITY_RULES, repoRoot } from "./support/corpus-parity.js";
import { checkConfig } from "./support/real-binaries.js";
import { toolsetsFor } from "./support/tool-parity.js";

function findTool(name: string): string | undefined {
  for (const dir of (process.env.PATH ?? "").split(":").concat(["/usr/sbin", "/sbin"])) {
    try {
      if (statSync(join(dir, name)).isFile()) return join(dir, name);
    } catch {
      // not here
    }
  }
  return undefined;
}

const haproxy = findTool("haproxy");
const keepalived = findTool("keepalived");
const work = mkdtempSync(join(tmpdir(), "ha-lint-real-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Messages of the real tools that are about this machine, not about the file. */
/** About this machine, not the file; "Failed to initialize server(s) addr." follows a name that did not resolve here. */
const HAPROXY_ENV =
  /unable to (load|stat|open)|failed to open pattern file|failed to open (map|file)|error opening file|cannot open|No such file|error in Lua file|unable to find (CA|CRL)|certificate|SSL|QUIC|cannot bind|Cannot assign|unable to resolve|could not resolve|Failed to initialize server\(s\) addr|user '.*' not found|group '.*' not found/i;
/** keepalived reports an include cycle only as the file descriptors run out: "open problem (Too many open files)". */
const KEEPALIVED_SYNTAX =
  /open problem|Unknown keyword|Extra '\}'|missing '\}'|Unexpected '\{'|has extra parameters|missing a parameter|Unterminated quote|Unmatched quote|Missing '\{'|Invalid ~SEQ|~SEQ|include/i;

function realHaproxyRejects(file: string): { rejects: boolean; alerts: string[] } {
  const r = spawnSync(haproxy!, ["-c", "-f", file], { cwd: dirname(file), encoding: "utf8", timeout: 20_000 });
  const alerts = (r.stdout + r.stderr)
    .split("\n")
    .filter(
      (l) => l.includes("[ALERT]") && !/Error\(s\) found|Fatal errors found|Configuration file has no error/.test(l),
    )
    .map((l) => l.replace(/^.*?\[ALERT\]\s*\(\d+\)\s*:\s*/, ""));
  const relevant = alerts.filter((a) => !HAPROXY_ENV.test(a));
  return { rejects: r.status === 1 && relevant.length > 0, alerts: relevant };
}

function realKeepalivedRejects(file: string): { rejects: boolean; messages: string[] } {
  const r = spawnSync(keepalived!, ["-t", "-f", file, "-l", "-D", "-n"], {
    cwd: dirname(file),
    encoding: "utf8",
    timeout: 20_000,
  });
  const messages = [
    ...new Set(
      (r.stdout + r.stderr)
        .split("\n")
        .filter((l) => KEEPALIVED_SYNTAX.test(l) && !/Config files missing|matches no file/i.test(l)),
    ),
  ];
  // A keepalived -t that does not finish (a multi-line definition containing itself) refuses the file too.
  if (r.error && (r.error as NodeJS.ErrnoException).code === "ETIMEDOUT") messages.push("(did not finish)");
  return { rejects: messages.length > 0, messages };
}

function oursRejects(
  file: string,
  language: "haproxy" | "keepalived",
  host: (f: string) => string | undefined,
): string[] {
  const text = readFileSync(file, "utf8");
  const result = analyze({
    files: [{ path: file, text, language }],
    host: { readFile: host, glob: (p) => globFiles(p) },
    rules: allRules.filter(
      (r) =>
        PARITY_RULES.has(r.id) ||
        (r.docs.reportedBy === (language === "haproxy" ? "haproxy -c" : "keepalived -t") &&
          r.scope === language &&
          r.severity === "error" &&
          language === "haproxy"),
    ),
  });
  // keepalived -t reads on after what these rules report (exit 5): the rules report it as warnings, so any finding
  // counts; for haproxy only errors (haproxy -c refuses the file).
  // Messages a rule says keepalived does not print (docs.unreported) are left out, as in tool-parity.ts.
  const unreported = (f: (typeof result.findings)[number]): boolean =>
    f.messageId !== undefined && (allRules.find((r) => r.id === f.rule)?.docs.unreported ?? []).includes(f.messageId);
  return result.findings
    .filter((f) => !unreported(f))
    .filter((f) => language === "keepalived" || f.severity === "error")
    .map((f) => `${f.rule}@${f.range.start.line + 1}: ${f.message}`);
}

function globFiles(pattern: string): string[] {
  // The cases only use plain names and one-level '*' globs.
  const dir = dirname(pattern);
  const re = new RegExp(
    `^${pattern
      .split("/")
      .pop()!
      .replace(/[.+^${}()|[\]\\]/g, "\\$&")
      .replace(/\*/g, "[^/]*")}$`,
  );
  try {
    return readdirSync(dir)
      .filter((n) => re.test(n))
      .map((n) => join(dir, n))
      .sort();
  } catch {
    return [];
  }
}

interface Sample {
  name: string;
  language: "haproxy" | "keepalived";
  file: string;
}

function samples(): Sample[] {
  const out: Sample[] = [];
  const fixtures = join(repoRoot, "fixtures");
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir)) {
      const p = join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (name === "haproxy.cfg") out.push({ name: relative(repoRoot, p), language: "haproxy", file: p });
      else if (name === "keepalived.conf") out.push({ name: relative(repoRoot, p), language: "keepalived", file: p });
    }
  };
  walk(fixtures);
  let n = 0;
  for (const rule of allRules.filter((r) => PARITY_RULES.has(r.id))) {
    for (const c of [...casesOf(rule).valid, ...casesOf(rule).invalid]) {
      const dir = join(work, `case-${n++}`);
      for (const [name, text] of Object.entries(c.files)) {
        mkdirSync(dirname(join(dir, name)), { recursive: true });
        writeFileSync(join(dir, name), text);
      }
      const root = Object.keys(c.files)[0];
      out.push({
        name: `${rule.id} ${c.name}`,
        language: rule.scope === "haproxy" ? "haproxy" : "keepalived",
        file: join(dir, root),
      });
    }
  }
  return out;
}

const all = samples();

describe.runIf(haproxy !== undefined)("haproxy -c agrees with ha-lint", () => {
  for (const s of all.filter((x) => x.language === "haproxy")) {
    test(s.name, () => {
      const real = realHaproxyRejects(s.file);
      const ours = oursRejects(s.file, "haproxy", (f) => {
        try {
          return readFileSync(f, "utf8");
        } catch {
          return undefined;
        }
      });
      expect({ rejects: ours.length > 0, ours }, `haproxy -c said: ${JSON.stringify(real.alerts)}`).toMatchObject({
        rejects: real.rejects,
      });
    });
  }
});

describe.runIf(keepalived !== undefined)("keepalived -t agrees with ha-lint", () => {
  for (const s of all.filter((x) => x.language === "keepalived")) {
    test(s.name, () => {
      const real = realKeepalivedRejects(s.file);
      const ours = oursRejects(s.file, "keepalived", (f) => {
        try {
          return readFileSync(f, "utf8");
        } catch {
          return undefined;
        }
      });
      expect({ rejects: ours.length > 0, ours }, `keepalived -t said: ${JSON.stringify(real.messages)}`).toMatchObject({
        rejects: real.rejects,
      });
    });
  }
});

test("the real tools are there when CI runs", () => {
  if (process.env.CI) {
    expect(haproxy, "haproxy is not installed: .ci/run installs it").toBeDefined();
    expect(keepalived, "keepalived is not installed: .ci/run installs it").toBeDefined();
  }
  expect(execFileSync("node", ["-e", "process.stdout.write('ok')"]).toString()).toBe("ok");
});

/** For every rule the real checker reports, its output on the rule's invalid cases must say so. */
describe("the real tools report what the rules say they report", () => {
  for (const rule of allRules.filter(
    (r) => r.docs.reportedBy === "haproxy -c" || r.docs.reportedBy === "keepalived -t",
  )) {
    test(`${rule.id} has an invalid case checked against ${rule.docs.reportedBy}`, () => {
      expect(
        casesOf(rule).invalid.some((c) => c.realTool !== undefined),
        `${rule.id}: give at least one invalid case a realTool pattern`,
      ).toBe(true);
    });
    // Each case is checked on the binaries of the version it names; a case that names none, on the binary of the
    // default target (test/real-tool-cases.test.ts runs those on every binary).
    const which = rule.docs.reportedBy === "haproxy -c" ? "haproxy" : "keepalived";
    const defaultOnly = { ...rule, docs: { ...rule.docs, versions: rule.docs.versions ?? "default target" } };
    for (const c of casesOf(rule).invalid.filter((x) => x.realTool !== undefined)) {
      const sets = toolsetsFor(which, c.settings, defaultOnly);
      if (sets.length === 0) test.skip(`${rule.id} ${c.name}: no binary of its version here`, () => {});
      for (const set of sets)
        test(`${rule.id} ${c.name}: ${rule.docs.reportedBy} ${set[which]} says /${c.realTool}/`, () => {
          const run = checkConfig(set, which, Object.keys(c.files)[0], c.files);
          expect(run.output).toMatch(new RegExp(c.realTool!));
        });
    }
  }
});
