/**
 * Formatting: indentation by section (HAProxy) or by brace depth (keepalived), one space between words, no trailing
 * spaces. Only whitespace outside quotes changes: words, quoted strings and comments are kept as written, so the
 * syntax tree is the same before and after, and formatting twice gives what formatting once gave.
 */
import type { Language } from "../language.js";
import type { Range } from "../syntax/source.js";

export interface FormatOptions {
  /** One level of indentation ("    " or "\t"). */
  indent: string;
  /** HAProxy: words that open a section in the target version. */
  sectionKeywords?: ReadonlySet<string>;
  /** Lines kept exactly as written (lines around a lone "\r": to keepalived they are one line). */
  keep?: ReadonlySet<number>;
}

export interface LineEdit {
  range: Range;
  newText: string;
}

interface SplitLine {
  words: string[];
  comment?: string;
  /** Ends with a backslash outside quotes and comments (keepalived continues the line). */
  continues: boolean;
}

/** `${NAME-default}` inside double quotes: HAProxy reads the default up to the next `}`, quotes and blanks included. */
const ENV_DEFAULT = /\$\{[A-Za-z_.][A-Za-z0-9_]*(?:\[\*\])?-[^}]*\}/y;

/** Trailing spaces and tabs only: String#trimEnd() also takes U+FEFF and other characters that are part of a value. */
function trimBlanks(s: string): string {
  return s.replace(/[ \t]+$/, "");
}

function splitLine(content: string, language: Language): SplitLine {
  const words: string[] = [];
  let i = 0;
  const n = content.length;
  while (i < n) {
    while (i < n && (content[i] === " " || content[i] === "\t")) i++;
    if (i >= n) break;
    const c = content[i];
    if (c === "#" || (language === "keepalived" && c === "!")) {
      // keepalived 2.2 still reads a trailing backslash after a comment as a continuation: `#\<blank>` is not one,
      // `#\` is, so the blank after a backslash stays.
      const raw = content.slice(i);
      const trimmed = trimBlanks(raw);
      return {
        words,
        comment: language === "keepalived" && trimmed.endsWith("\\") && trimmed !== raw ? raw : trimmed,
        continues: false,
      };
    }
    let j = i;
    let quote: string | undefined;
    while (j < n) {
      const d = content[j];
      if (quote) {
        if (d === "\\" && language === "haproxy" && quote === '"') j += 2;
        else if (
          d === "$" &&
          language === "haproxy" &&
          quote === '"' &&
          ((ENV_DEFAULT.lastIndex = j), ENV_DEFAULT.test(content))
        )
          j = ENV_DEFAULT.lastIndex;
        else {
          if (d === quote) quote = undefined;
          j++;
        }
        continue;
      }
      if (d === " " || d === "\t") break;
      if (d === "\\" && language === "keepalived" && content[j + 1] === '"') {
        // keepalived's comment reader skips a quote after a backslash, its word splitter does not: where they
        // disagree the rest of the line is kept as written.
        j = trimBlanks(content).length;
        break;
      }
      if (d === "\\") j += 2;
      else {
        if (d === '"' || (language === "haproxy" && d === "'")) quote = d;
        j++;
      }
    }
    words.push(content.slice(i, Math.min(j, n)));
    i = j;
  }
  const last = words[words.length - 1];
  return { words, continues: last !== undefined && last.endsWith("\\") && !last.endsWith("\\\\") };
}

function braceDelta(words: readonly string[]): { opens: number; closes: number; leadingCloses: number } {
  let opens = 0;
  let closes = 0;
  let leadingCloses = 0;
  let leading = true;
  for (const w of words) {
    let inQuote = false;
    for (let k = 0; k < w.length; k++) {
      const c = w[k];
      // keepalived's word splitter has no escapes: `\{` is a word and a brace, `\"` opens a quoted string.
      if (c === '"') inQuote = !inQuote;
      if (inQuote) {
        leading = false;
        continue;
      }
      if (c === "{") {
        opens++;
        leading = false;
      } else if (c === "}") {
        // Closing braces net of the openings before them on the line.
        if (opens > 0) opens--;
        else {
          closes++;
          if (leading) leadingCloses++;
        }
      } else leading = false;
    }
  }
  return { opens, closes, leadingCloses };
}

/** The formatted text of every line (same number of lines as the input). */
/** Indentation stops growing past this depth: 10,000 nested braces must not produce gigabytes of blanks. */
const MAX_INDENT_LEVELS = 32;

const indentFor = (indent: string, level: number): string => indent.repeat(Math.min(level, MAX_INDENT_LEVELS));

export function formatLines(lines: readonly string[], language: Language, options: FormatOptions): string[] {
  const out: string[] = [];
  const sections = options.sectionKeywords ?? new Set<string>();
  let depth = 0;
  let inSection = false;
  let rawNext = false;
  const split = lines.map((l) => splitLine(l, language));
  const isCode = (k: number): boolean => split[k].words.length > 0;
  for (let i = 0; i < lines.length; i++) {
    const s = split[i];
    if (options.keep?.has(i)) {
      out.push(lines[i]);
      if (language === "haproxy") {
        if (s.words.length > 0 && sections.has(s.words[0])) inSection = true;
      } else if (!rawNext) {
        const d = braceDelta(s.words);
        depth = Math.max(0, depth + d.opens - d.closes);
      }
      rawNext = s.continues;
      continue;
    }
    if (rawNext) {
      // A continuation line of a keepalived definition: its spaces may be part of the value.
      out.push(lines[i]);
      rawNext = s.continues;
      continue;
    }
    if (s.words.length === 0 && !s.comment) {
      out.push("");
      continue;
    }
    const body = [...s.words, ...(s.comment ? [s.comment] : [])].join(" ");
    if (language === "haproxy") {
      if (s.words.length > 0) {
        if (sections.has(s.words[0])) {
          inSection = true;
          out.push(body);
        } else out.push((inSection ? options.indent : "") + body);
        continue;
      }
      // A comment line: indented like the next line with words (at the margin before a section or at the end).
      let k = i + 1;
      while (k < lines.length && !isCode(k)) k++;
      const nextIsSection = k >= lines.length || sections.has(split[k].words[0]);
      out.push((inSection && !nextIsSection ? options.indent : "") + body);
      continue;
    }
    // keepalived
    if (s.words.length > 0 && /^\$[A-Za-z_]\w*=/.test(s.words[0])) {
      // A definition's value is everything after '=', blanks included: only the indentation changes (and trailing
      // blanks, unless a backslash precedes them: `\<blank>` does not continue the line, `\` does).
      const content = lines[i].replace(/^[ \t]+/, "");
      const trimmed = trimBlanks(content);
      out.push(indentFor(options.indent, depth) + (trimmed.endsWith("\\") ? content : trimmed));
      rawNext = s.continues;
      continue;
    }
    const d = braceDelta(s.words);
    const level = Math.max(0, depth - d.leadingCloses);
    out.push(indentFor(options.indent, level) + body);
    depth = Math.max(0, depth + d.opens - d.closes);
    rawNext = s.continues;
  }
  // A byte order mark is only skipped at the very start of a file: never move one there by removing indentation.
  if (out.length > 0 && out[0].startsWith("\ufeff") !== lines[0].startsWith("\ufeff")) out[0] = lines[0];
  return out;
}

export function splitText(text: string): { lines: string[]; eol: string; afterLoneCr: Set<number> } {
  const m = /\r\n|\r|\n/.exec(text);
  const afterLoneCr = new Set<number>();
  let line = 0;
  for (const t of text.matchAll(/\r\n|\r|\n/g)) {
    // The part before a lone "\r" is not a line end either: its trailing blanks sit inside the line keepalived
    // reads (`@^id   \r...`), so both sides of it are kept.
    if (t[0] === "\r") afterLoneCr.add(line);
    line++;
    if (t[0] === "\r") afterLoneCr.add(line);
  }
  return { lines: text.split(/\r\n|\r|\n/), eol: m ? m[0] : "\n", afterLoneCr };
}

export function formatText(text: string, language: Language, options: FormatOptions): string {
  const { lines, afterLoneCr } = splitText(text);
  // Each line keeps its own terminator: keepalived ends lines at "\n" only (a lone "\r" is a blank inside the
  // line), so turning mixed endings into one kind would change what keepalived reads.
  const terminators = text.match(/\r\n|\r|\n/g) ?? [];
  const formatted = formatLines(lines, language, { ...options, keep: afterLoneCr });
  return formatted.map((l, i) => l + (terminators[i] ?? "")).join("");
}

/** Edits for the lines of `range` (all lines when absent) that formatting changes. */
export function formatEdits(text: string, language: Language, options: FormatOptions, range?: Range): LineEdit[] {
  const { lines, afterLoneCr } = splitText(text);
  const formatted = formatLines(lines, language, { ...options, keep: afterLoneCr });
  const first = range ? range.start.line : 0;
  let last = range ? range.end.line : lines.length - 1;
  if (range && range.end.character === 0 && range.end.line > range.start.line) last--;
  const edits: LineEdit[] = [];
  for (let i = first; i <= Math.min(last, lines.length - 1); i++) {
    if (formatted[i] !== lines[i])
      edits.push({
        range: { start: { line: i, character: 0 }, end: { line: i, character: lines[i].length } },
        newText: formatted[i],
      });
  }
  return edits;
}
