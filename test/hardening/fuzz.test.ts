/**
 * Bounded fuzzing (CI): grammar-aware keepalived/HAProxy pairs, byte-level mutations of the shared corpus and
 * noise, over both parsers, the model, the simulation, every report format, the LSP formatter and --fix.
 * Properties (test/hardening/fuzz-core.ts checkCase): no exception, the analysis ends within a bound, every range
 * lies inside its file, formatting is idempotent and keeps the syntax tree, --fix output re-parses and loses the
 * fixed findings; on every fifth case also the comparisons of fuzz-agreement.ts (the CLI and the language server
 * agree; a file's single-file findings are the same alone and in its cluster). HA_LINT_FUZZ_RUNS sets the cases per
 * generator (default 300); HA_LINT_FUZZ_SEED the seed.
 * The long run is `npm run fuzz -- --long` (scripts/fuzz-run.mjs runs scripts/fuzz.ts workers, one per CPU).
 */
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { formatText } from "../../server/src/lsp/format.js";
import { checkCase, corpusCases, corpusFiles, grammarCases, noiseCases, shape, type Case } from "./fuzz-core.js";

const RUNS = Number(process.env.HA_LINT_FUZZ_RUNS ?? 300);
const SEED = Number(process.env.HA_LINT_FUZZ_SEED ?? 20240609);
const corpus = corpusFiles(3).filter((f) => !/~SEQ[^\n]*~SEQ/.test(f.text));
let caseNumber = 0;
/** Every property, and on every fifth case the comparisons too. */
const check = (c: Case): void => void checkCase(c, 10_000, caseNumber++ % 5 === 0);

describe("fuzz (bounded)", () => {
  test("grammar-aware keepalived + HAProxy pairs", () => {
    fc.assert(fc.property(grammarCases(), check), { numRuns: RUNS, seed: SEED });
  }, 180_000);

  test.runIf(corpus.length > 0)(
    "byte-level mutations of the corpus",
    () => {
      fc.assert(fc.property(corpusCases(corpus), check), { numRuns: RUNS, seed: SEED, endOnFailure: true });
    },
    180_000,
  );

  test("noise over the lexers' alphabet", () => {
    fc.assert(fc.property(noiseCases, check), { numRuns: RUNS, seed: SEED });
  }, 180_000);
});

describe("regressions found by the fuzzer", () => {
  test("formatting keeps each line ending: a lone CR is not a keepalived line break", () => {
    for (const text of [
      " \ufeff",
      "\ufeff  global_defs {\n}\n",
      "\r\u0001\n\r\u0001\n",
      "a\r\nb\rc\n",
      'vrrp_script x {\r\n    script "\r/usr/bin/killall -0 haproxy"\r\n}\r\n',
      // Found in this session's rounds: a backslash before a quote, a blank after a backslash in a comment, the
      // blanks before a lone CR after a conditional, a definition's value, a U+FEFF inside a value.
      '\\"\t{',
      "#\\\t",
      "global_defs {\n  @^bac     \r...\n}\n",
      "$VS_NUM=1    }\nglobal_defs {\n  router_id x${VS_NUM}\n}\n",
      '\\"\ufeff',
    ]) {
      const once = formatText(text, "keepalived", { indent: "    " });
      expect(shape("/k.conf", once, "keepalived")).toEqual(shape("/k.conf", text, "keepalived"));
      expect(formatText(once, "keepalived", { indent: "    " })).toBe(once);
    }
  });
});
