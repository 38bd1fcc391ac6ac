/**
 * --fix: apply the fixes attached to findings (safe ones, or all with --unsafe-fixes), never two that overlap or
 * that edit one line in the same pass.
 */
import { LineIndex } from "../syntax/source.js";
import type { Finding, Fix, TextEdit } from "../rules/finding.js";

export interface FixResult {
  /** New text of every changed file. */
  changed: Map<string, string>;
  applied: { finding: Finding; fix: Fix }[];
  skipped: number;
}

export function applyFixes(
  findings: readonly Finding[],
  sources: ReadonlyMap<string, string>,
  unsafe: boolean,
): FixResult {
  const taken = new Map<string, { start: number; end: number }[]>();
  const edits = new Map<string, { start: number; end: number; text: string }[]>();
  const applied: FixResult["applied"] = [];
  const linesTaken = new Map<string, Set<number>>();
  let skipped = 0;
  const indexes = new Map<string, LineIndex>();
  const index = (file: string): LineIndex | undefined => {
    const text = sources.get(file);
    if (text === undefined) return undefined;
    let i = indexes.get(file);
    if (!i) indexes.set(file, (i = new LineIndex(text)));
    return i;
  };
  for (const finding of findings) {
    const fix = finding.fixes?.find((f) => f.safe || unsafe);
    if (!fix) continue;
    const spans: { file: string; start: number; end: number; edit: TextEdit }[] = [];
    let ok = true;
    for (const edit of fix.edits) {
      const i = index(edit.file);
      if (!i) {
        ok = false;
        break;
      }
      spans.push({ file: edit.file, start: i.offsetAt(edit.range.start), end: i.offsetAt(edit.range.end), edit });
    }
    const overlaps = (s: { file: string; start: number; end: number }): boolean =>
      (taken.get(s.file) ?? []).some((t) => s.start < t.end && t.start < s.end) ||
      spans.some((o) => o !== s && o.file === s.file && s.start < o.end && o.start < s.end);
    // One fix per line and pass: two fixes on one line can change how each other's words are read (a renamed
    // option that takes a value swallows an appended 'check'); the next pass sees the first one applied.
    const sharesLine = fix.edits.some((e) => {
      const lines = linesTaken.get(e.file);
      for (let l = e.range.start.line; l <= e.range.end.line; l++) if (lines?.has(l)) return true;
      return false;
    });
    if (!ok || sharesLine || spans.some(overlaps)) {
      skipped++;
      continue;
    }
    for (const e of fix.edits) {
      let lines = linesTaken.get(e.file);
      if (!lines) linesTaken.set(e.file, (lines = new Set()));
      for (let l = e.range.start.line; l <= e.range.end.line; l++) lines.add(l);
    }
    for (const s of spans) {
      taken.set(s.file, [...(taken.get(s.file) ?? []), { start: s.start, end: s.end }]);
      edits.set(s.file, [...(edits.get(s.file) ?? []), { start: s.start, end: s.end, text: s.edit.newText }]);
    }
    applied.push({ finding, fix });
  }
  const changed = new Map<string, string>();
  for (const [file, list] of edits) {
    const original = sources.get(file);
    if (original === undefined) continue; // a fix only edits a file it was found in, so this never happens
    let text = original;
    for (const e of [...list].sort((a, b) => b.start - a.start))
      text = text.slice(0, e.start) + e.text + text.slice(e.end);
    changed.set(file, text);
  }
  return { changed, applied, skipped };
}

export interface PassesResult extends FixResult {
  /** Passes that applied at least one fix. */
  passes: number;
  /** Findings left after the last pass (of the final texts). */
  remaining: Finding[];
}

/**
 * Fixes in passes, as linters do: fixes of one pass never overlap, but two fixes on one line can still interact
 * (a did-you-mean rename turns the next word into an argument), so the files are analysed again and the fixes
 * still offered are applied, until a pass applies nothing, a text comes back to an earlier one, or `maxPasses`.
 * `analyzeWith` analyses with the given texts in place of the files' own.
 */
export function applyFixesInPasses(
  findings: readonly Finding[],
  sources: ReadonlyMap<string, string>,
  unsafe: boolean,
  analyzeWith: (texts: ReadonlyMap<string, string>) => readonly Finding[],
  maxPasses = 10,
): PassesResult {
  const texts = new Map(sources);
  const seen = new Set<string>([snapshot(texts)]);
  const applied: FixResult["applied"] = [];
  let current: readonly Finding[] = findings;
  let passes = 0;
  while (passes < maxPasses) {
    const pass = applyFixes(current, texts, unsafe);
    if (pass.applied.length === 0) break;
    for (const [f, t] of pass.changed) texts.set(f, t);
    applied.push(...pass.applied);
    passes++;
    current = analyzeWith(texts);
    const state = snapshot(texts);
    if (seen.has(state)) break;
    seen.add(state);
  }
  const changed = new Map<string, string>();
  for (const [f, t] of texts) if (sources.get(f) !== t) changed.set(f, t);
  // Fixes still offered after the last pass: they kept conflicting with others, or the passes ran out.
  const skipped = current.filter((f) => f.fixes?.some((x) => x.safe || unsafe)).length;
  return { changed, applied, skipped, passes, remaining: [...current] };
}

function snapshot(texts: ReadonlyMap<string, string>): string {
  return [...texts].map(([f, t]) => `${f}\u0000${t.length}\u0000${t}`).join("\u0001");
}
