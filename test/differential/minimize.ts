/**
 * Shrinks a variant that shows a class of disagreement to a minimal reproduction: delta debugging over its lines
 * (each line with its own line end, so that line-end classes survive), every round's candidates checked in one batch
 * through the same binary, a candidate kept when the same class still shows and the binary says nothing it did not
 * say of the variant (so that a removed line cannot change why it stops or what it skips). The result is 1-minimal
 * when the round budget allows: removing any single line loses the class or adds a message.
 */
import type { Toolset, ToolRun } from "../support/real-binaries.js";
import { runBatch } from "./run-differential.js";
import { compareRun, messagePattern, type Comparison, type VersionedTool } from "./verdicts.js";
import type { Variant } from "./variant.js";

export interface Reproduction {
  text: string;
  env?: Record<string, string>;
  run: ToolRun;
  comparison: Comparison;
  rounds: number;
}

/** At most this many candidates a round (one batch), so that a long file cannot take the whole run. */
const MAX_PIECES = 40;

/** Lines with their ends ("a\n", "b\r\n", "c"). */
const pieces = (text: string): string[] => text.match(/[^\n]*\n|[^\n]+$/g) ?? [];

export async function minimize(
  cls: string,
  variant: Variant,
  set: Toolset,
  target: VersionedTool,
  interfaces: readonly string[],
  maxRounds = 16,
): Promise<Reproduction | undefined> {
  const said = (comparison: Comparison): string[] =>
    comparison.toolVerdict.messages.map((m) => `${m.level} ${messagePattern(m.text)}`);
  let allowed: Set<string> | undefined;
  const check = async (texts: string[]): Promise<(Reproduction | undefined)[]> => {
    const variants = texts.map((text, i) => ({ ...variant, id: `${variant.id}-min${i}`, text }));
    const runs = await runBatch({ set, target, variants }, interfaces);
    return runs.map((run, i) => {
      const comparison = compareRun(target, texts[i], variant.env, run);
      const shows = comparison.disagreements.some((d) => d.cls === cls);
      const nothingNew = allowed === undefined || said(comparison).every((m) => allowed!.has(m));
      return shows && nothingNew ? { text: texts[i], env: variant.env, run, comparison, rounds: 0 } : undefined;
    });
  };
  let best = (await check([variant.text]))[0];
  if (!best) return undefined;
  allowed = new Set(said(best.comparison));
  let lines = pieces(best.text);
  let granularity = 2;
  let rounds = 0;
  while (lines.length >= 2 && rounds < maxRounds) {
    rounds++;
    const size = Math.ceil(lines.length / granularity);
    const candidates: string[] = [];
    for (let start = 0; start < lines.length; start += size)
      candidates.push([...lines.slice(0, start), ...lines.slice(start + size)].join(""));
    const results = await check(candidates);
    const found = results.find((r) => r !== undefined);
    if (found) {
      best = found;
      lines = pieces(found.text);
      granularity = Math.max(granularity - 1, 2);
    } else if (size === 1 || granularity >= MAX_PIECES) break;
    else granularity = Math.min(lines.length, granularity * 2, MAX_PIECES);
  }
  return { ...best, rounds };
}
