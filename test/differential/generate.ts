/**
 * The variant stream of a tool: variant n is made from its own seed (variantSeed(run seed, tool, n)), which picks a
 * base and the change, so any variant can be made again from the run's seed and its index alone (given the same
 * bases, whose list the report records).
 */
import type { Tool } from "../support/real-tool-messages.js";
import type { BaseConfig } from "./bases.js";
import { haproxyMutation } from "./haproxy-variants.js";
import { keepalivedMutation } from "./keepalived-variants.js";
import { SeededRandom, variantSeed } from "./seeded-random.js";
import type { Variant } from "./variant.js";

/** Share of variants that are a base left as it is. */
const UNCHANGED = 0.03;

export function makeVariant(tool: Tool, runSeed: number, index: number, bases: readonly BaseConfig[]): Variant {
  const seed = variantSeed(runSeed, tool, index);
  const random = new SeededRandom(seed);
  const base = random.pick(bases);
  const mutation = random.chance(UNCHANGED)
    ? undefined
    : tool === "haproxy"
      ? haproxyMutation(random, base.text)
      : keepalivedMutation(random, base.text);
  const variant: Variant = {
    id: `${tool}-${index}`,
    tool,
    seed,
    base: base.name,
    category: mutation?.category ?? "base",
    mutation: mutation?.mutation ?? "unchanged",
    text: mutation?.text ?? base.text,
  };
  if (mutation?.env && Object.keys(mutation.env).length > 0) variant.env = mutation.env;
  return variant;
}

export function makeVariants(tool: Tool, runSeed: number, count: number, bases: readonly BaseConfig[]): Variant[] {
  return Array.from({ length: count }, (_, index) => makeVariant(tool, runSeed, index, bases));
}
