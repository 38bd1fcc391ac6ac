/**
 * The rule results are cached by part of the analysis (analyze-rules.ts): each haproxy.cfg for the haproxy rules, each
 * cluster for the others. An edit re-runs the edited file's haproxy rules and its cluster's rules, nothing else, and
 * the findings stay those of an analysis without a cache. The counts come from analyze()'s onRuleRun listener.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { expect, test } from "vitest";
import { analyze, ParseCache, type InputFile } from "../../server/src/analyze.js";
import { allRules } from "../../server/src/rules/index.js";
import { fixturesDir } from "../support/fixture-run.js";

const seed = join(fixturesDir, "seed-postgres");
const names = ["lb01/haproxy.cfg", "lb01/keepalived.conf", "lb02/haproxy.cfg", "lb02/keepalived.conf"];
const siteFiles = (site: string): InputFile[] =>
  names.map((name) => ({ path: `/estate/${site}/${name}`, text: readFileSync(join(seed, name), "utf8") }));

const haproxyRules = allRules.filter((r) => r.scope === "haproxy").length;
const otherRules = allRules.length - haproxyRules;

function counted(files: InputFile[], cache?: ParseCache) {
  const runs = new Map<string, number>();
  const result = analyze({
    files,
    cache,
    onRuleRun: (_rule, part) => runs.set(part, (runs.get(part) ?? 0) + 1),
  });
  return { result, runs: Object.fromEntries(runs) };
}

const keys = (files: InputFile[], cache?: ParseCache): string[] =>
  counted(files, cache).result.findings.map((f) => `${f.rule} ${f.file}:${f.range.start.line} ${f.message}`);

test("an unchanged analysis runs no rule again; an edit re-runs its file's and its cluster's rules only", () => {
  const files = [...siteFiles("a"), ...siteFiles("b")];
  const cache = new ParseCache();
  const first = counted(files, cache);
  expect(first.runs).toEqual({
    "haproxy:/estate/a/lb01/haproxy.cfg": haproxyRules,
    "haproxy:/estate/a/lb02/haproxy.cfg": haproxyRules,
    "haproxy:/estate/b/lb01/haproxy.cfg": haproxyRules,
    "haproxy:/estate/b/lb02/haproxy.cfg": haproxyRules,
    "cluster:/estate/a": otherRules,
    "cluster:/estate/b": otherRules,
  });
  expect(counted(files, cache).runs).toEqual({});

  const edited = files.map((f) =>
    f.path === "/estate/a/lb01/haproxy.cfg" ? { ...f, text: f.text.replace(/\n/, "\n# an edit\n") } : f,
  );
  expect(counted(edited, cache).runs).toEqual({
    "haproxy:/estate/a/lb01/haproxy.cfg": haproxyRules,
    "cluster:/estate/a": otherRules,
  });
  expect(keys(edited, cache)).toEqual(keys(edited));
});

test("a keepalived edit re-runs the cluster's rules and the haproxy rules of the nodes it runs on", () => {
  const files = [...siteFiles("a"), ...siteFiles("b")];
  const cache = new ParseCache();
  counted(files, cache);
  const edited = files.map((f) =>
    f.path === "/estate/b/lb02/keepalived.conf" ? { ...f, text: f.text.replace(/priority (\d+)/, "priority 42") } : f,
  );
  // The haproxy rules read the node's keepalived model too (HP010: does a VIP serve this haproxy.cfg).
  expect(counted(edited, cache).runs).toEqual({
    "haproxy:/estate/b/lb02/haproxy.cfg": haproxyRules,
    "cluster:/estate/b": otherRules,
  });
  expect(keys(edited, cache)).toEqual(keys(edited));
});

test("other rule settings are another result: nothing stale is reused", () => {
  const files = siteFiles("a");
  const cache = new ParseCache();
  counted(files, cache);
  const runs = new Map<string, number>();
  const without = analyze({ files, cache, ruleSettings: { HA001: "off" }, onRuleRun: (r) => runs.set(r, 1) });
  expect(runs.size).toBe(allRules.length - 1);
  expect(without.findings.some((f) => f.rule === "HA001")).toBe(false);
});
