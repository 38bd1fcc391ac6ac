/** A configuration variant: a base file with one or a few seeded changes, and what was changed. */
import type { Tool } from "../support/real-tool-messages.js";

export type VariantCategory =
  | "base"
  | "keyword-args"
  | "quoting"
  | "braces-comments"
  | "address"
  | "line-endings"
  | "wrong-place"
  | "unknown-keyword"
  | "variables";

export const VARIANT_CATEGORIES: readonly VariantCategory[] = [
  "base",
  "keyword-args",
  "quoting",
  "braces-comments",
  "address",
  "line-endings",
  "wrong-place",
  "unknown-keyword",
  "variables",
];

export interface Variant {
  /** `haproxy-17`: the tool and the index in its stream. */
  id: string;
  tool: Tool;
  /** The seed the variant was made from (variantSeed(run seed, tool, index)). */
  seed: number;
  base: string;
  category: VariantCategory;
  /** What was changed, in words: "line 12: priority -> `priority 256`". */
  mutation: string;
  text: string;
  /** Environment variables the binary sees besides PATH and LANG (HAProxy `$VAR` variants). */
  env?: Record<string, string>;
}

/** One change to a base text, or undefined when the base has nothing it applies to. */
export interface Mutation {
  category: VariantCategory;
  mutation: string;
  text: string;
  env?: Record<string, string>;
}

/** Lines of a text without their line ends, and the line end the text uses. */
export function splitLines(text: string): { lines: string[]; finalNewline: boolean } {
  const finalNewline = /\n$/.test(text);
  const lines = text.replace(/\r?\n$/, "").split(/\r?\n/);
  return { lines, finalNewline };
}

export function joinLines(lines: readonly string[], finalNewline = true): string {
  return lines.join("\n") + (finalNewline ? "\n" : "");
}

/** `line N: old -> new`, short enough to read in a report. */
export function describeEdit(index: number, before: string | undefined, after: string): string {
  const clip = (s: string): string => JSON.stringify(s.trim().length > 70 ? `${s.trim().slice(0, 70)}…` : s.trim());
  return before === undefined
    ? `inserted at line ${index + 1}: ${clip(after)}`
    : `line ${index + 1}: ${clip(before)} -> ${clip(after)}`;
}
