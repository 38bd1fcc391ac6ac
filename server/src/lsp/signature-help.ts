/**
 * Signature help for keywords with positional arguments: the keyword's argument shape from the version's keyword
 * table (`server <name> <address>[:port] [param*]`), with the argument under the cursor active.
 */
import type { KeywordSpec } from "../schema/types.js";
import type { Position } from "../syntax/source.js";
import { blockIdOf, haproxyAt, haproxyDocOf, keepalivedAt, keepalivedDocOf } from "./locate.js";
import type { WorkspaceAnalysis } from "./workspace-analysis.js";

export interface SignatureEntry {
  label: string;
  documentation: string;
  parameters: string[];
  activeParameter: number;
}

/** Splits an argument shape into its top-level parts: `<a>`, `[ b <c> ]`, `{x|y}`, literal words. */
export function shapeParameters(shape: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let current = "";
  for (const ch of shape) {
    if ("[<{(".includes(ch)) depth++;
    if ("]>})".includes(ch)) depth--;
    if (/\s/.test(ch) && depth === 0) {
      if (current) out.push(current);
      current = "";
    } else current += ch;
  }
  if (current) out.push(current);
  return out;
}

function entry(spec: KeywordSpec, argumentIndex: number): SignatureEntry | undefined {
  if (!spec.args) return undefined;
  const parameters = shapeParameters(spec.args);
  if (parameters.length === 0) return undefined;
  const repeating = parameters.findIndex((p) => /\*|\.\.\./.test(p));
  const last = parameters.length - 1;
  const active = repeating >= 0 && argumentIndex > repeating ? repeating : Math.min(argumentIndex, last);
  return {
    label: `${spec.name} ${spec.args}`,
    documentation: spec.description,
    parameters,
    activeParameter: Math.max(0, active),
  };
}

/** Index of the argument at `character` on a line whose words are given, counting the keyword's own words. */
function argumentIndexAt(words: { start: number; end: number }[], keywordWords: number, character: number): number {
  let index = 0;
  for (let i = keywordWords; i < words.length; i++) {
    if (character > words[i].end) index = i - keywordWords + 1;
    else if (character >= words[i].start) return i - keywordWords;
  }
  return index;
}

export function signatureAt(analysis: WorkspaceAnalysis, file: string, pos: Position): SignatureEntry | undefined {
  const hp = haproxyDocOf(analysis.result, file);
  if (hp) {
    const at = haproxyAt(hp, pos);
    if (!at.line || (at.section && at.line === at.section.header)) return undefined;
    const hk = analysis.result.input.haproxyKeywords;
    const words = [at.line.keyword, ...at.line.args];
    const match = hk.match(
      at.section?.kind ?? "global",
      words.map((w) => w.value),
    );
    if (!match) return undefined;
    const spans = words.map((w) => ({ start: w.range.start.character, end: w.range.end.character }));
    return entry(match.spec, argumentIndexAt(spans, match.length, pos.character));
  }
  const ka = keepalivedDocOf(analysis.result, file);
  if (!ka) return undefined;
  const at = keepalivedAt(ka, file, pos);
  if (!at.statement) return undefined;
  const spec = analysis.result.input.keepalivedKeywords.keyword(blockIdOf(at.parents), at.statement.keyword.value);
  if (!spec) return undefined;
  const words = [at.statement.keyword, ...at.statement.args].filter((w) => w.range.start.line === pos.line);
  const spans = words.map((w) => ({ start: w.range.start.character, end: w.range.end.character }));
  return entry(spec, argumentIndexAt(spans, 1, pos.character));
}
