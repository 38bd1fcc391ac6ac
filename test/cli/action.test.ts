/**
 * The GitHub Action cannot be injected: inputs reach its shell only through the environment, and the actions it
 * uses are pinned to commits. actionlint is not in Debian's packages and checks workflows rather than composite
 * actions, so the definition is checked here, and its script is run with hostile inputs.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { parse } from "yaml";
import { repoRoot } from "../support/corpus-parity.js";

interface Step {
  name?: string;
  id?: string;
  shell?: string;
  run?: string;
  uses?: string;
  env?: Record<string, string>;
  with?: Record<string, string>;
  if?: string;
}

interface ActionDefinition {
  inputs: Record<string, { description: string; default?: string }>;
  runs: { using: string; steps: Step[] };
}

const action = parse(readFileSync(join(repoRoot, "action.yml"), "utf8")) as ActionDefinition;
const expressions = (text: string): string[] => [...text.matchAll(/\$\{\{(.*?)\}\}/g)].map((m) => m[1].trim());
const work = mkdtempSync(join(tmpdir(), "ha-lint-action-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe("action.yml definition", () => {
  test("no expression is interpolated into a shell script", () => {
    for (const step of action.runs.steps.filter((s) => s.run !== undefined))
      expect(expressions(step.run!), `step '${step.name}' puts \${{ }} into its script`).toEqual([]);
  });

  test("inputs reach scripts only as whole environment values, and every input used is declared", () => {
    const declared = new Set(Object.keys(action.inputs));
    for (const step of action.runs.steps) {
      for (const [name, value] of Object.entries(step.env ?? {})) {
        expect(value, `env ${name} of '${step.name}' must be exactly one input`).toMatch(
          /^\$\{\{\s*inputs\.[\w-]+\s*\}\}$/,
        );
      }
      const used = [step.if ?? "", ...Object.values(step.env ?? {}), ...Object.values(step.with ?? {})].flatMap(
        (text) => expressions(text).flatMap((e) => [...e.matchAll(/inputs\.([\w-]+)/g)].map((m) => m[1])),
      );
      for (const name of used) expect(declared.has(name), `input '${name}' is not declared`).toBe(true);
    }
  });

  test("every action it uses is pinned to a commit", () => {
    const uses = action.runs.steps.flatMap((s) => (s.uses ? [s.uses] : []));
    expect(uses.length).toBeGreaterThan(0);
    for (const u of uses)
      expect(u, `${u} is not pinned to a 40-hex commit`).toMatch(/^[\w.-]+\/[\w./-]+@[0-9a-f]{40}$/);
  });

  test("it runs ha-lint with GitHub annotations and a SARIF report, and can upload it", () => {
    const run = action.runs.steps.map((s) => s.run ?? "").join("\n");
    expect(run).toContain("bin/ha-lint.js");
    expect(run).toContain("--format github");
    expect(run).toContain("sarif=");
    expect(action.runs.steps.some((s) => s.uses?.startsWith("github/codeql-action/upload-sarif@"))).toBe(true);
  });
});

const lintStep = action.runs.steps.find((s) => s.id === "lint")!;

/** Runs the lint step's script as the runner does (bash -e -o pipefail), with the inputs in its environment. */
function runLintStep(actionPath: string, inputs: Record<string, string>, cwd: string) {
  const env: Record<string, string> = { PATH: process.env.PATH ?? "", GITHUB_ACTION_PATH: actionPath };
  for (const [name, value] of Object.entries(lintStep.env ?? {})) {
    const input = /inputs\.([\w-]+)/.exec(value)![1];
    env[name] = inputs[input] ?? action.inputs[input].default ?? "";
  }
  return spawnSync("bash", ["--noprofile", "--norc", "-e", "-o", "pipefail", "-c", lintStep.run!], {
    cwd,
    env,
    encoding: "utf8",
    timeout: 60_000,
  });
}

describe("action.yml script with hostile inputs", () => {
  // A stand-in for ha-lint that prints the arguments it was given.
  const fake = join(work, "fake-action");
  mkdirSync(join(fake, "bin"), { recursive: true });
  writeFileSync(join(fake, "bin/ha-lint.js"), "console.log(JSON.stringify(process.argv.slice(2)));\n");
  const marker = join(work, "pwned");

  const hostile = [
    `lb; touch ${marker}`,
    `$(touch ${marker})`,
    `\`touch ${marker}\``,
    `lb' "x" && touch ${marker} #`,
    `* ?`,
  ];
  for (const paths of hostile) {
    test(`paths ${JSON.stringify(paths)} stay data`, () => {
      const r = runLintStep(fake, { paths, args: `--fail-on $(touch ${marker})` }, work);
      expect(r.status, r.stderr).toBe(0);
      expect(existsSync(marker)).toBe(false);
      const argv = JSON.parse(r.stdout) as string[];
      const words = paths.split(/\s+/).filter(Boolean);
      expect(argv.slice(argv.indexOf("--") + 1)).toEqual(words);
      expect(argv).toContain(`$(touch`);
    });
  }

  test("paths on several lines, an empty args input and a SARIF path with blanks", () => {
    const r = runLintStep(fake, { paths: "lb01\nlb02\n", args: "", "sarif-file": "out dir/x.sarif" }, work);
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual(["--format", "github", "-o", "sarif=out dir/x.sarif", "--", "lb01", "lb02"]);
  });

  test.runIf(existsSync(join(repoRoot, "dist")))("the real ha-lint checks the bundled pair and writes SARIF", () => {
    const sarif = join(work, "real.sarif");
    const r = runLintStep(repoRoot, { paths: join(repoRoot, "fixtures/seed-postgres"), "sarif-file": sarif }, work);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain("::error file=");
    expect(JSON.parse(readFileSync(sarif, "utf8")).version).toBe("2.1.0");
  });
});
