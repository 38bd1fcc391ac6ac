/** Where keepalived names a block's end: the line of its closing brace (the end handlers run there). */
import type { Location } from "../../syntax/source.js";

/** The closing brace of a block statement, for ctx.report. */
export function closingBrace(location: Location): { file: string; range: Location["range"] } {
  const end = location.range.end;
  return { file: location.file, range: { start: { line: end.line, character: Math.max(0, end.character - 1) }, end } };
}
