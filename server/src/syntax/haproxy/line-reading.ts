/**
 * How HAProxy's readcfgfile() (src/cfgparse.c, 2.6) takes a file apart into lines before parse_line() sees them:
 * fgets() ends a line at LF only; a NUL byte ends the text of its line and, when more text follows, stops the reading
 * with "Stray NUL character"; a last line without LF is read, then refused with "Missing LF on last line".
 */

export interface LineReadingProblem {
  kind: "stray-nul" | "missing-lf";
  /** Offsets in the text of the line HAProxy names (from its first character to the end of what it read). */
  start: number;
  end: number;
  /** HAProxy's 1-based line number of that line. */
  line: number;
  /** The position HAProxy prints: bytes of the line before the NUL, or of the whole last line, plus one. */
  position: number;
  /** A "missing-lf" caused by a NUL byte (fgets() then strlen() see a line without LF): true. */
  nul?: boolean;
}

export interface LineReading {
  /** The part of the text HAProxy reads: everything before the first NUL byte. */
  readable: string;
  problem?: LineReadingProblem;
  /** HAProxy's number of the last line it reads (what it prints for errors found at the end of the file). */
  lastLine: number;
  /** Offset of the start of that line. */
  lastLineStart: number;
}

const utf8 = new TextEncoder();

function byteLength(text: string): number {
  return utf8.encode(text).length;
}

function countLineFeeds(text: string, end: number): number {
  let n = 0;
  for (let i = text.indexOf("\n"); i >= 0 && i < end; i = text.indexOf("\n", i + 1)) n++;
  return n;
}

export function readLines(text: string): LineReading {
  const nul = text.indexOf("\u0000");
  if (nul >= 0) {
    const start = text.lastIndexOf("\n", nul - 1) + 1;
    const line = countLineFeeds(text, start) + 1;
    const lineFeed = text.indexOf("\n", nul);
    // fgets() read the whole physical line; reading goes on only if text follows it.
    const more = lineFeed >= 0 && lineFeed + 1 < text.length;
    const problem: LineReadingProblem = {
      kind: more ? "stray-nul" : "missing-lf",
      start,
      end: nul,
      line,
      position: byteLength(text.slice(start, nul)) + 1,
      ...(more ? {} : { nul: true }),
    };
    return { readable: text.slice(0, nul), problem, lastLine: line, lastLineStart: start };
  }
  if (text.length === 0) return { readable: text, lastLine: 0, lastLineStart: 0 };
  const lines = countLineFeeds(text, text.length);
  if (!text.endsWith("\n")) {
    const start = text.lastIndexOf("\n") + 1;
    const line = lines + 1;
    const problem: LineReadingProblem = {
      kind: "missing-lf",
      start,
      end: text.length,
      line,
      position: byteLength(text.slice(start)) + 1,
    };
    return { readable: text, problem, lastLine: line, lastLineStart: start };
  }
  return { readable: text, lastLine: lines, lastLineStart: text.lastIndexOf("\n", text.length - 2) + 1 };
}
