/** Property tests: random and mutated input never makes a parser or the analysis throw, and ranges stay in the file. */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { analyze } from "../../server/src/analyze.js";
import { LineIndex } from "../../server/src/syntax/source.js";
import { parseHaproxy } from "../../server/src/syntax/haproxy/parse.js";
import { parseKeepalived } from "../../server/src/syntax/keepalived/parse.js";
import { corpusAvailable, corpusDir } from "../support/corpus-parity.js";
import { virtualHost } from "../support/virtual-host.js";

const RUNS = Number(process.env.HA_LINT_PROPERTY_RUNS ?? 200);

/** Characters that matter to both lexers, plus some that do not. */
const alphabet = fc.constantFrom(
  ..."{}\"'\\#!$@~^()=,;:*.-_/[]%\n\n\n\r\t    \u0000\u00e9\ufeffabcdefghijklmnopqrstuvwxyz0123456789".split(""),
);
const noisy = fc.array(alphabet, { maxLength: 400 }).map((a) => a.join(""));

/** Lines built from real keywords and punctuation: closer to a config than noise is. */
const token = fc.constantFrom(
  "vrrp_instance",
  "VI_1",
  "{",
  "}",
  "state",
  "MASTER",
  "priority",
  "100",
  "track_script",
  "chk",
  "weight",
  "-30",
  "virtual_ipaddress",
  "192.0.2.1/24",
  "@lb01",
  "@^lb02",
  "$X=1",
  "${X}",
  "$X",
  "~SEQ(N,1,3)",
  "include",
  "*.conf",
  "\\",
  '"q r"',
  "'s t'",
  "#c",
  "!c",
  "global",
  "defaults",
  "frontend",
  "backend",
  "listen",
  "bind",
  ":80",
  "server",
  "s1",
  "check",
  ".if",
  ".elif",
  ".else",
  ".endif",
  "version_atleast(2.4)",
  '"${VIP}:80"',
  "option",
  "httpchk",
);
const structured = fc
  .array(
    fc.array(token, { maxLength: 6 }).map((t) => t.join(" ")),
    { maxLength: 40 },
  )
  .map((l) => l.join("\n"));

function corpusSamples(): string[] {
  if (!corpusAvailable()) return [];
  const out: string[] = [];
  for (const sub of ["haproxy/upstream", "keepalived/upstream"]) {
    const dir = join(corpusDir, sub);
    const names = readdirSync(dir).sort();
    for (let i = 0; i < names.length; i += Math.max(1, Math.floor(names.length / 25)))
      out.push(readFileSync(join(dir, names[i]), "latin1"));
  }
  return out;
}

function checkRanges(
  text: string,
  ranges: { start: { line: number; character: number }; end: { line: number; character: number } }[],
): void {
  const index = new LineIndex(text);
  for (const r of ranges) {
    expect(r.start.line).toBeGreaterThanOrEqual(0);
    expect(r.end.line).toBeLessThan(index.lineCount);
    expect(index.offsetAt(r.start)).toBeLessThanOrEqual(index.offsetAt(r.end));
    expect(index.offsetAt(r.end)).toBeLessThanOrEqual(text.length);
  }
}

function analyseBoth(text: string): void {
  const ka = parseKeepalived(
    "/p/keepalived.conf",
    text,
    virtualHost({ "/p/keepalived.conf": text, "/p/a.conf": text }),
    { configId: "lb01" },
  );
  checkRanges(
    text,
    ka.issues.map((i) => i.range),
  );
  const hp = parseHaproxy("/p/haproxy.cfg", text);
  checkRanges(
    text,
    hp.issues.map((i) => i.range),
  );
  const result = analyze({
    files: [
      { path: "/p/keepalived.conf", text, language: "keepalived", configId: "lb01" },
      { path: "/p/haproxy.cfg", text, language: "haproxy" },
    ],
  });
  expect(result.internalErrors).toEqual([]);
  checkRanges(
    text,
    result.findings.map((f) => f.range),
  );
}

describe("parsers never throw", () => {
  test("random characters", () => {
    fc.assert(
      fc.property(noisy, (text) => analyseBoth(text)),
      { numRuns: RUNS },
    );
  });

  test("random keyword soup", () => {
    fc.assert(
      fc.property(structured, (text) => analyseBoth(text)),
      { numRuns: RUNS },
    );
  });

  const samples = corpusSamples();
  test.runIf(samples.length > 0)(
    "byte-level mutations of corpus files",
    () => {
      const mutation = fc.record({
        sample: fc.nat({ max: Math.max(0, samples.length - 1) }),
        edits: fc.array(fc.tuple(fc.nat(), fc.constantFrom("delete", "insert", "replace", "truncate"), alphabet), {
          minLength: 1,
          maxLength: 8,
        }),
      });
      fc.assert(
        fc.property(mutation, ({ sample, edits }) => {
          let text = samples[sample];
          for (const [pos, kind, ch] of edits) {
            const p = text.length === 0 ? 0 : pos % text.length;
            if (kind === "delete") text = text.slice(0, p) + text.slice(p + 1);
            else if (kind === "insert") text = text.slice(0, p) + ch + text.slice(p);
            else if (kind === "replace") text = text.slice(0, p) + ch + text.slice(p + 1);
            else text = text.slice(0, p);
          }
          analyseBoth(text);
        }),
        { numRuns: RUNS },
      );
    },
    120_000,
  ); // bounded runs; 30 s was too short beside the rest of the suite on 2 cores
});
