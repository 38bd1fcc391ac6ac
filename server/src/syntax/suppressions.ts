/**
 * Inline suppressions, in comments of either language:
 *   # ha-lint disable-next-line HA014,HP006 -- reason
 *   # ha-lint disable-line HP006 -- reason      (at the end of the line it applies to)
 *   # ha-lint disable-file HP006 -- reason
 * keepalived also accepts '!' as the comment character. Rules are named by code or readable name.
 */
import { LineIndex, type Range } from "./source.js";

export interface Suppression {
  kind: "next-line" | "line" | "file";
  rules: string[];
  reason?: string;
  file: string;
  /** 0-based line the suppression applies to (for next-line and line). */
  target: number;
  range: Range;
}

const DIRECTIVE = /(?:^|\s)[#!]\s*ha-lint\s+disable-(next-line|line|file)\b\s*([^\r\n]*)/;

export function readSuppressions(file: string, text: string): Suppression[] {
  if (!text.includes("ha-lint")) return [];
  const out: Suppression[] = [];
  const index = new LineIndex(text);
  const lines = text.split(/\r\n|\r|\n/);
  for (let i = 0; i < lines.length; i++) {
    const m = DIRECTIVE.exec(lines[i]);
    if (!m) continue;
    const [list, ...reasonParts] = m[2].split(/\s--\s?|^--\s?/);
    const rules = list
      .split(/[\s,]+/)
      .map((r) => r.trim())
      .filter(Boolean);
    const start = index.lineStart(i) + m.index + (m[0].startsWith(" ") || m[0].startsWith("\t") ? 1 : 0);
    const reason = reasonParts.join(" -- ").trim();
    const s: Suppression = {
      kind: m[1] as Suppression["kind"],
      rules,
      file,
      target: m[1] === "next-line" ? i + 1 : i,
      range: index.rangeOf(start, index.lineStart(i) + lines[i].length),
    };
    if (reason) s.reason = reason;
    out.push(s);
  }
  return out;
}
