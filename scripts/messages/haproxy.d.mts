/** Types of scripts/messages/haproxy.mjs, for the tests that read the message tables. */
export interface MessageRow {
  pattern: string;
  file: string;
  function: string;
  /** How far haproxy -c gets: "config" (it reads or checks the configuration), "startup" or "runtime". */
  reach: string;
  lines: number[];
  level: string;
  fatal: "fatal" | "not-fatal";
  /** A rule id (or ids joined by ",") or a reason of REASONS. */
  outcome: string;
  /** The line of the curated mapping that decided the outcome. */
  ruleLine?: number;
}

export function buildAll(): {
  tables: Map<string, MessageRow[]>;
  files: Map<string, string>;
  curated: { line: number; outcome: string }[];
};
export function cachedVersions(): string[];
export function patternOf(format: string): string;
export function figuresOf(rows: MessageRow[]): {
  rows: number;
  fatal: number;
  mapped: number;
  byReason: Record<string, number>;
};
