/**
 * keepalived's line reader (lib/parser.c `read_line()` and friends), done the way keepalived does it,
 * but with every character mapped back to its source:
 *   comments (`#`, `!` outside double quotes, `\#` / `\!` escapes), a trailing `\` kept as a token,
 *   `include GLOB` relative to the including file, `@ID` / `@^ID` conditional lines for one config-id,
 *   `$NAME=VALUE` definitions (multi-line with a trailing `\`), `$NAME` / `${NAME}` expansion,
 *   predefined `${_PWD}`, `${_INSTANCE}`, `${_RANDOM}`, `${_HASH}`, `${_BANG}`, and `~SEQ(...)` line repetition.
 * As read_line() at v2.2.7 does, a line is split at its first `{` or `}` outside double quotes (even inside a word):
 * the text before the brace is one line, the brace another, and the rest goes through the reader again (its `@ID`,
 * `$NAME`, `~SEQ` and `include` included). An `include` is recognised after `@ID` and `$NAME` are applied.
 * The output is the list of logical lines keepalived's tokeniser sees.
 */
import { posix as path } from "node:path";
import type { SyntaxIssue, SyntaxIssueKind } from "../issue.js";
import { LineIndex } from "../source.js";
import { MappedText } from "./mapped-text.js";

/** What the reader needs from the outside world. The CLI and the server implement it; the core never touches the disk. */
const NONE: ReadonlySet<string> = new Set();

export interface SourceHost {
  /** Text of a file, or undefined when it cannot be read. */
  readFile(file: string): string | undefined;
  /** Files matching an absolute glob pattern (brace expansion included), sorted. */
  glob(pattern: string): string[];
  /** True for an executable file or something that is not a regular file: keepalived skips those. */
  isSkippedInclude?(file: string): boolean;
  /**
   * What is at a path of a node tree, for the files a configuration references (certificates, maps, scripts):
   * undefined when nothing is there, else a file with a digest of its bytes, or a directory. The shell reads the
   * file for the digest only; its contents never reach the core.
   */
  fileFact?(file: string): FileFact | undefined;
}

export interface FileFact {
  kind: "file" | "directory";
  /** sha256 of the file's bytes (files only). */
  digest?: string;
}

export interface ReaderLimits {
  /** Deepest include nesting followed. */
  maxIncludeDepth: number;
  /** Most files read through includes for one root file. */
  maxIncludedFiles: number;
  /** Most logical lines produced (guards against `~SEQ` and definition blow-ups). */
  maxLines: number;
  /** Longest line after expansion (keepalived's own buffer is a few KiB). */
  maxLineLength: number;
}

export const defaultReaderLimits: ReaderLimits = {
  maxIncludeDepth: 16,
  maxIncludedFiles: 1000,
  maxLines: 200_000,
  maxLineLength: 64 * 1024,
};

export interface ReaderOptions {
  /** keepalived's config-id (`-i`, by default the first part of the host name): the node name. */
  configId?: string;
  /** Value of `${_INSTANCE}` (keepalived's instance name); empty when not given. */
  instance?: string;
  limits?: Partial<ReaderLimits>;
}

export interface LogicalLine {
  /** Index into `ReadResult.files`. */
  file: number;
  content: MappedText;
  /** The comment keepalived cut from the physical line, when there was one. */
  comment?: LineComment;
}

export interface LineComment {
  /** Source span of the comment, from its '#' or '!' to the end of the line. */
  start: number;
  end: number;
  /** The comment character touched the preceding word (`auth_pass ab#c`): part of a value was cut. */
  glued: boolean;
}

export interface Definition {
  name: string;
  value: string;
  file: number;
  /** Source span of `$NAME=...` (first line). */
  start: number;
  end: number;
}

export interface IncludeRecord {
  /** File holding the include line. */
  file: number;
  start: number;
  end: number;
  pattern: string;
  /** Files read through it (indexes into `files`). */
  matched: number[];
}

export interface SourceFile {
  path: string;
  text: string;
  index: LineIndex;
}

/** An issue with the number of logical lines produced before it (to drop what keepalived never reads). */
export interface ReaderIssue extends SyntaxIssue {
  linesBefore: number;
}

export interface ReadResult {
  files: SourceFile[];
  lines: LogicalLine[];
  issues: ReaderIssue[];
  definitions: Definition[];
  includes: (IncludeRecord & { linesBefore: number })[];
  /** Spans of lines dropped by an `@ID`/`@^ID` condition for this config-id. */
  inactive: { file: number; start: number; end: number }[];
}

interface Def {
  name: string;
  /** Lines of the value (more than one for a multi-line definition). */
  lines: string[];
  multiline: boolean;
  fn?: (params: string[]) => string;
  maxParams: number;
}

const BLANK = /[ \t]/;

function isBlank(c: string | undefined): boolean {
  return c === " " || c === "\t";
}

function isNameStart(c: string | undefined): boolean {
  return c !== undefined && /[A-Za-z_]/.test(c);
}

function isNameChar(c: string | undefined): boolean {
  return c !== undefined && /[A-Za-z0-9_]/.test(c);
}

/** `include`, `includer`, `includem`, `includew`, `includeb`, `includea` followed by white space. */
export function includeKeywordLength(text: string): number {
  if (!text.startsWith("include")) return 0;
  const c7 = text[7];
  if (c7 === undefined) return 0;
  if (isBlank(c7)) return 7;
  if ("rmwba".includes(c7) && isBlank(text[8])) return 8;
  return 0;
}

/**
 * read_line()'s split at the first `{` or `}` outside double quotes: a brace that starts the line is a line of its
 * own (blanks after it dropped), otherwise the text before it is the line; what follows goes through the reader
 * again. A double quote that is never closed ends the search.
 */
export function splitAtBrace(line: MappedText): { head: MappedText; rest?: MappedText } {
  const text = line.text;
  let at = -1;
  if (text[0] === "{" || text[0] === "}") at = 0;
  else {
    for (let i = 0; i < text.length; i++) {
      const c = text[i];
      if (c === '"') {
        const close = text.indexOf('"', i + 1);
        if (close < 0) break;
        i = close;
      } else if (c === "{" || c === "}") {
        at = i;
        break;
      }
    }
  }
  if (at < 0) return { head: line };
  if (at === 0) {
    const rest = line.slice(1).trimStart().trimEnd();
    return rest.length > 0 ? { head: line.slice(0, 1), rest } : { head: line.slice(0, 1) };
  }
  return { head: line.slice(0, at).trimEnd(), rest: line.slice(at).trimEnd() };
}

export function readKeepalived(
  rootPath: string,
  rootText: string,
  host: SourceHost,
  options: ReaderOptions = {},
): ReadResult {
  return new Reader(host, options).run(rootPath, rootText);
}

class Reader {
  private readonly limits: ReaderLimits;
  private readonly files: SourceFile[] = [];
  private readonly lines: LogicalLine[] = [];
  private readonly issues: ReaderIssue[] = [];
  private readonly definitions: Definition[] = [];
  private readonly includes: ReadResult["includes"] = [];
  private readonly inactive: ReadResult["inactive"] = [];
  private readonly defs = new Map<string, Def>();
  /** Lines gone through process(), expansions included (a bound on the reader's work). */
  private processed = 0;
  private readonly stack: string[] = [];
  private includedCount = 0;
  /**
   * The expansion budget (maxLines logical lines, 4 * maxLines processed lines) is spent: from then on, what a line
   * expands into (~SEQ repetitions, multi-line definitions) is skipped, but the lines written in the files are still
   * read, so that what keepalived reports on them after the expansion is reported too.
   */
  private exhausted = false;
  /** The physical line whose expansion was last reported as cut (one report per line). */
  private cutReported: { file: number; start: number } | undefined;
  /** Start of the physical line being processed. */
  private physicalStart = 0;
  /** Comment of the physical line being processed (attached to the lines it produces). */
  private comment: LineComment | undefined;
  /** Open multi-line definition being filled. */
  private pendingDef: { def: Def; record: Definition } | undefined;

  constructor(
    private readonly host: SourceHost,
    private readonly options: ReaderOptions,
  ) {
    this.limits = { ...defaultReaderLimits, ...options.limits };
  }

  run(rootPath: string, rootText: string): ReadResult {
    this.defineStandard(rootPath);
    this.readFile(rootPath, rootText);
    return {
      files: this.files,
      lines: this.lines,
      issues: this.issues,
      definitions: this.definitions,
      includes: this.includes,
      inactive: this.inactive,
    };
  }

  private defineStandard(rootPath: string): void {
    const fixed = (name: string, value: string): void => {
      this.defs.set(name, { name, lines: [value], multiline: false, maxParams: 0 });
    };
    this.defs.set("_PWD", {
      name: "_PWD",
      lines: [path.dirname(rootPath)],
      multiline: false,
      maxParams: 0,
      fn: () => path.dirname(this.stack[this.stack.length - 1] ?? rootPath),
    });
    fixed("_INSTANCE", this.options.instance ?? "");
    // keepalived draws a random number; a linter must be deterministic, so it takes the lower bound.
    this.defs.set("_RANDOM", {
      name: "_RANDOM",
      lines: ["0"],
      multiline: false,
      maxParams: 2,
      fn: (params) => (params.length > 0 ? params[0] : "0"),
    });
    fixed("_HASH", "#");
    fixed("_BANG", "!");
  }

  private issue(
    kind: SyntaxIssueKind,
    file: number,
    start: number,
    end: number,
    message: string,
    severity: "error" | "warning" = "error",
    code: string,
    data?: SyntaxIssue["data"],
  ): void {
    const f = this.files[file];
    const range = f.index.rangeOf(start, end);
    const issue: ReaderIssue = { kind, code, message, file: f.path, range, severity, linesBefore: this.lines.length };
    if (data) issue.data = data;
    this.issues.push(issue);
  }

  private readFile(filePath: string, text: string): number {
    const fileIndex = this.files.length;
    this.files.push({ path: filePath, text, index: new LineIndex(text) });
    this.stack.push(filePath);
    let pos = 0;
    // A UTF-8 byte order mark stays part of the first word, as lib/parser.c read_line() keeps the bytes: keepalived
    // 2.2.7, 2.3.3 and 2.3.4 report "Unknown keyword '\ufeffglobal_defs'" for such a file.
    while (pos <= text.length) {
      let eol = text.indexOf("\n", pos);
      if (eol < 0) eol = text.length;
      let end = eol;
      while (end > pos && text[end - 1] === "\r") end--;
      this.physicalLine(fileIndex, MappedText.fromSource(text.slice(pos, end), pos));
      if (eol >= text.length) break;
      pos = eol + 1;
    }
    if (this.pendingDef && this.pendingDef.record.file === fileIndex) this.pendingDef = undefined;
    this.stack.pop();
    return fileIndex;
  }

  private physicalLine(file: number, raw: MappedText): void {
    this.comment = undefined;
    this.physicalStart = raw.spanOf(0, 0).start;
    if (raw.length === 0) {
      // An empty line ends a multi-line definition.
      this.pendingDef = undefined;
      return;
    }
    const line = this.childrenReading(file, this.decomment(file, raw));
    if (this.pendingDef) {
      this.continueDefinition(this.pendingDef, line);
      return;
    }
    if (line.length === 0) return;
    this.process(file, line, 0);
  }

  /**
   * The line as keepalived's VRRP and checker processes read it. The parent writes each decommented line to a copy
   * of the configuration (lib/parser.c read_line(), write_conf_copy) and the children read that copy, so decomment()
   * runs twice: an escaped `\#` or `\!` outside quotes is a plain `#`/`!` in the copy, and there starts a comment
   * (`interval 2\!` is interval 2, checked on 2.2.7, 2.3.3 and 2.3.4). The second pass reports nothing of its own:
   * a quote it could complain about was reported by the first.
   */
  private childrenReading(file: number, once: MappedText): MappedText {
    if (!/\\[#!]/.test(this.lastDecommentInput)) return once;
    const comment = this.comment;
    const issues = this.issues.length;
    const twice = this.decomment(file, once);
    this.issues.length = issues;
    if (comment && (!this.comment || comment.start < this.comment.start)) this.comment = comment;
    return twice;
  }

  /** The text the last decomment() call read (for childrenReading()). */
  private lastDecommentInput = "";

  /** keepalived `decomment()`: strip leading blanks and the comment, turn `\#`/`\!` into `#`/`!`, keep a trailing `\`. */
  private decomment(file: number, input: MappedText): MappedText {
    const line = input.trimStart();
    const t = line.text;
    this.lastDecommentInput = t;
    let quote = false;
    let skip = -1;
    let cont = -1;
    const dropped: number[] = [];
    let quoteStart = -1;
    for (let p = 0; p < t.length; p++) {
      const c = t[p];
      if (c === '"') {
        if (skip < 0) {
          quote = !quote;
          if (quote) quoteStart = p;
        }
        continue;
      }
      if (c === "\\") {
        if (p + 1 < t.length) {
          if (!quote && (t[p + 1] === "#" || t[p + 1] === "!")) dropped.push(p);
          p++;
          continue;
        }
        cont = p;
        break;
      }
      if (!quote && skip < 0 && (c === "!" || c === "#")) skip = p;
    }
    if (skip >= 0 && skip < t.length) {
      const span = line.spanOf(skip, t.length);
      const before = t[skip - 1];
      // The comment cuts a word only when it touches one: not after a blank, a brace (read_line() splits there
      // anyway) or the closing quote of a quoted word.
      const cutsWord = skip > 0 && before !== " " && before !== "\t" && !'{}"'.includes(before);
      this.comment = { start: span.start, end: span.end, glued: cutsWord };
    }
    if (quote) {
      const span = line.spanOf(quoteStart, t.length);
      this.issue(
        "syntax-error",
        file,
        span.start,
        span.end,
        "unterminated double quote: keepalived drops this word and the rest of the line ('Unterminated quote', 'Unmatched quote'); on a script line the whole command",
        "error",
        "unterminated-quote",
      );
    }
    let cut = t.length;
    if (cont >= 0) cut = cont;
    if (skip >= 0 && skip < cut) cut = skip;
    let out = line
      .slice(0, cut)
      .without(dropped.filter((i) => i < cut))
      .trimEnd();
    if (cont >= 0) out = out.concat(line.slice(cont, cont + 1));
    return out;
  }

  private continueDefinition(pending: { def: Def; record: Definition }, line: MappedText): void {
    let text = line.text;
    let more = false;
    if (text.endsWith("\\")) {
      more = true;
      text = text.slice(0, -1).replace(/[ \t]+$/, "");
    }
    if (text.length > 0) pending.def.lines.push(text);
    pending.record.value = pending.def.lines.join("\n");
    if (!more) this.pendingDef = undefined;
  }

  /** `@ID rest` / `@^ID rest`: the rest of the line when it applies to this config-id, else undefined. */
  private conditional(file: number, line: MappedText): MappedText | undefined {
    const t = line.text;
    const rev = t[1] === "^";
    const ofs = rev ? 2 : 1;
    let sp = ofs;
    while (sp < t.length && !isBlank(t[sp])) sp++;
    const span = line.spanOf(0, line.length);
    if (sp >= t.length) {
      this.inactive.push({ file, start: span.start, end: span.end });
      return undefined;
    }
    const id = t.slice(ofs, sp);
    const matches = this.options.configId !== undefined && id === this.options.configId;
    if (matches === rev) {
      this.inactive.push({ file, start: span.start, end: span.end });
      return undefined;
    }
    return line.slice(sp).trimStart();
  }

  private include(file: number, line: MappedText, kwLen: number): void {
    const keyword = line.text.slice(0, kwLen);
    const arg = line.slice(kwLen).trimStart();
    const span = line.spanOf(0, line.length);
    const pattern = arg.text;
    const record: IncludeRecord = { file, start: span.start, end: span.end, pattern, matched: [] };
    this.includes.push({ ...record, linesBefore: this.lines.length });
    if (this.stack.length > this.limits.maxIncludeDepth) {
      this.issue(
        "reader-limit",
        file,
        span.start,
        span.end,
        `includes are nested deeper than ${this.limits.maxIncludeDepth} levels, ha-lint's limit: it does not read '${pattern}' (keepalived would)`,
        "warning",
        "include-depth",
      );
      return;
    }
    const dir = path.dirname(this.files[file].path);
    const absolute = path.isAbsolute(pattern) ? pattern : path.join(dir, pattern);
    let matches: string[];
    try {
      matches = this.host.glob(absolute);
    } catch {
      matches = [];
    }
    const argSpan = arg.spanOf(0, arg.length);
    if (matches.length === 0) {
      this.issue(
        "include-no-match",
        file,
        argSpan.start,
        argSpan.end,
        `include '${pattern}' matches no file`,
        "warning",
        "no-match",
        { keyword, pattern },
      );
      return;
    }
    for (const m of matches) {
      if (this.stack.includes(m)) {
        this.issue(
          "include-cycle",
          file,
          argSpan.start,
          argSpan.end,
          `include '${pattern}' reads '${m}', which is already being read: keepalived follows the cycle until it runs out of file descriptors ('open problem (Too many open files) - skipping'), so it reads these files hundreds of times (ha-lint reads them once)`,
          "warning",
          "include-cycle",
          { pattern, file: m },
        );
        continue;
      }
      if (this.host.isSkippedInclude?.(m)) {
        this.issue(
          "include-skipped",
          file,
          argSpan.start,
          argSpan.end,
          `Configuration file '${m}' is not a regular non-executable file - skipping`,
          "warning",
          "skipped",
          { keyword, pattern, file: m },
        );
        continue;
      }
      if (this.includedCount >= this.limits.maxIncludedFiles) {
        this.issue(
          "reader-limit",
          file,
          argSpan.start,
          argSpan.end,
          `more than ${this.limits.maxIncludedFiles} files included, ha-lint's limit: it does not read the rest of '${pattern}' (keepalived would)`,
          "warning",
          "included-files",
        );
        return;
      }
      const text = this.host.readFile(m);
      if (text === undefined) {
        this.issue(
          "include-no-match",
          file,
          argSpan.start,
          argSpan.end,
          `included file '${m}' cannot be read`,
          "warning",
          "unreadable",
          { keyword, pattern, file: m },
        );
        continue;
      }
      this.includedCount++;
      record.matched.push(this.readFile(m, text));
    }
  }

  /**
   * One line through `read_line()` after comments: `@ID`, definitions, `~SEQ`, parameter expansion, then `include`,
   * then the split at the first brace. The text after the brace goes through the same steps again.
   */
  private process(file: number, input: MappedText, depth: number, within: ReadonlySet<string> = NONE): void {
    let next: MappedText | undefined = input;
    while (next !== undefined) {
      const line = this.expandLine(file, next, depth, within);
      next = undefined;
      if (line === undefined || line.length === 0) return;
      const kwLen = includeKeywordLength(line.text);
      if (kwLen > 0) {
        this.include(file, line, kwLen);
        return;
      }
      const split = splitAtBrace(line);
      this.emit(file, split.head, split.rest === undefined, depth);
      next = split.rest;
    }
  }

  /** `@ID`, `$NAME=` definitions, `~SEQ` and `$NAME` expansion: the line to use, or undefined when it was consumed. */
  private expandLine(
    file: number,
    input: MappedText,
    depth: number,
    within: ReadonlySet<string>,
  ): MappedText | undefined {
    let line = input;
    // Past the budget, expansions are skipped (a definition that contains itself on several lines doubles the work at
    // every level); the lines written in the file (depth 0) are still read.
    if (depth > 0 && this.exhausted) return this.cutExpansion(file, line);
    if (++this.processed > 4 * this.limits.maxLines && depth > 0) {
      this.exhausted = true;
      return this.cutExpansion(file, line, `definitions expand into more than ${4 * this.limits.maxLines} lines`);
    }
    if (depth > 64)
      return this.skipLine(
        file,
        line,
        "definitions expand into each other more than 64 levels deep, ha-lint's limit; it does not check this line",
        "definition-depth",
      );
    for (let round = 0; ; round++) {
      if (line.length === 0) return undefined;
      if (round > 256)
        return this.skipLine(
          file,
          line,
          "a definition refers to itself: ha-lint stops expanding after 256 rounds and does not check this line (keepalived expands it until its line buffer is full, logs 'would exceed maximum line length' and uses what it has)",
          "self-reference",
        );
      if (line.text[0] === "@") {
        const rest = this.conditional(file, line);
        if (!rest) return undefined;
        line = rest;
      }
      if (line.text[0] === "$" && this.tryDefinition(file, line)) return undefined;
      if (line.text.startsWith("~SEQ")) {
        this.sequence(file, line, depth);
        return undefined;
      }
      if (line.text.startsWith("~LST")) {
        const span = line.spanOf(0, line.length);
        this.issue(
          "reader-limit",
          file,
          span.start,
          span.end,
          "ha-lint does not evaluate ~LST lists: the lines it would generate are not checked",
          "warning",
          "list-not-evaluated",
        );
        return undefined;
      }
      if (line.text[0] === "~") break;
      if (!line.text.includes("$")) break;
      const expanded = this.expand(file, line);
      if (!expanded) break;
      const first = this.decomment(file, expanded.first);
      if (first.length > this.limits.maxLineLength) {
        const span = line.spanOf(0, line.length);
        this.issue(
          "reader-limit",
          file,
          span.start,
          span.end,
          `line longer than ${this.limits.maxLineLength} characters after expansion, ha-lint's limit; it does not check this line`,
          "warning",
          "line-length",
        );
        return undefined;
      }
      // Lines 2.. of a multi-line definition follow the expanded line.
      if (expanded.rest.length > 0 && expanded.multiline !== undefined) {
        const name = expanded.multiline;
        if (within.has(name)) {
          const span = line.spanOf(0, line.length);
          this.issue(
            "syntax-error",
            file,
            span.start,
            span.end,
            `multi-line definition $${name} contains itself: keepalived expands it without end (keepalived -t does not finish); ha-lint skips the line`,
            "error",
            "definition-loop",
            { name },
          );
          return undefined;
        }
        const inner = new Set(within).add(name);
        this.process(file, first, depth + 1, inner);
        for (const more of expanded.rest) this.process(file, more, depth + 1, inner);
        return undefined;
      }
      line = first;
      if (!(line.text[0] === "@" || line.text.includes("$"))) break;
    }
    return line;
  }

  /** A line ha-lint does not check because one of its own limits is reached: a reader-limit warning over all of it. */
  private skipLine(file: number, line: MappedText, message: string, code: string): undefined {
    const span = line.spanOf(0, line.length);
    this.issue("reader-limit", file, span.start, span.end, message, "warning", code);
    return undefined;
  }

  /**
   * Skips what is left of the expansion of the current physical line, once the budget is spent; the first cut of each
   * physical line is reported (with the budget that ran out, the first time).
   */
  private cutExpansion(file: number, line: MappedText, budget?: string): undefined {
    const here = { file, start: this.physicalStart };
    if (this.cutReported?.file === here.file && this.cutReported.start === here.start) return undefined;
    this.cutReported = here;
    const span = line.spanOf(0, line.length);
    const why = budget ? `${budget}, ha-lint's limit` : "ha-lint's expansion limit was reached earlier in the file";
    this.issue(
      "reader-limit",
      file,
      span.start,
      span.end,
      `${why}: it does not check the rest of what this line expands into (keepalived does) and reads on at the next line`,
      "warning",
      "expansion-limit",
      budget ? { budget } : undefined,
    );
    return undefined;
  }

  /** One logical line; the comment of the physical line goes with its last piece. */
  private emit(file: number, line: MappedText, last: boolean, depth: number): void {
    if (line.length === 0) return;
    // Lines written in the files are always kept (their number is bounded by the files' size); expanded ones up to
    // the budget.
    if (depth > 0 && (this.exhausted || this.lines.length >= this.limits.maxLines)) {
      const first = !this.exhausted;
      this.exhausted = true;
      this.cutExpansion(file, line, first ? `more than ${this.limits.maxLines} lines after expansion` : undefined);
      return;
    }
    const comment = last ? this.comment : undefined;
    this.lines.push(comment ? { file, content: line, comment } : { file, content: line });
  }

  /** `$NAME=VALUE` (keepalived `check_definition()`). */
  private tryDefinition(file: number, line: MappedText): boolean {
    const t = line.text;
    if (!isNameStart(t[1])) return false;
    let p = 2;
    // Only name characters may stand before the '=': a blank there makes the line no definition (`$x = 2` is the
    // unknown keyword '$x' on 2.2.7, 2.3.3 and 2.3.4; check_definition() returns at the first other character).
    while (p < t.length && t[p] !== "=") {
      if (!isNameChar(t[p])) return false;
      p++;
    }
    const name = t.slice(1, p);
    let q = p;
    if (t[q] !== "=") return false;
    q++;
    while (q < t.length && BLANK.test(t[q])) q++;
    let value = t.slice(q);
    let multiline = false;
    if (value.endsWith("\\")) {
      multiline = true;
      value = value.slice(0, -1).replace(/[ \t]+$/, "");
    }
    const span = line.spanOf(0, line.length);
    const def: Def = { name, lines: value.length > 0 || !multiline ? [value] : [], multiline, maxParams: 0 };
    const record: Definition = { name, value, file, start: span.start, end: span.end };
    this.defs.set(name, def);
    this.definitions.push(record);
    if (multiline) this.pendingDef = { def, record };
    return true;
  }

  /**
   * One pass of keepalived `replace_param()`: replace the first definitions found, rescanning replaced text.
   * Returns undefined when nothing was replaced.
   */
  private expand(
    file: number,
    line: MappedText,
  ): { first: MappedText; rest: MappedText[]; multiline?: string } | undefined {
    let cur = line;
    let pos = 0;
    let found = false;
    let rest: MappedText[] = [];
    let multiline: string | undefined;
    let guard = 0;
    while (pos < cur.length) {
      const at = cur.text.indexOf("$", pos);
      if (at < 0 || at + 1 >= cur.length) break;
      const ref = this.findReference(cur.text, at);
      if (!ref) {
        pos = at + 1;
        continue;
      }
      if (++guard > 256 || cur.length > this.limits.maxLineLength) {
        const span = line.spanOf(0, line.length);
        this.issue(
          "reader-limit",
          file,
          span.start,
          span.end,
          "a definition refers to itself: ha-lint stops expanding after 256 replacements and does not check this line (keepalived expands it until its line buffer is full, logs 'would exceed maximum line length' and uses what it has)",
          "warning",
          "self-reference",
        );
        return { first: MappedText.synthetic("", span.start, span.end), rest: [] };
      }
      found = true;
      const { def, end, params } = ref;
      const span = cur.spanOf(at, end);
      const value = def.fn ? def.fn(params) : (def.lines[0] ?? "");
      const replacement = MappedText.synthetic(value, span.start, span.end);
      if (def.multiline && !def.fn) {
        rest = def.lines.slice(1).map((l) => MappedText.synthetic(l, span.start, span.end));
        multiline = def.name;
      }
      cur = cur.slice(0, at).concat(replacement, cur.slice(end));
      pos = at;
      if (value.trimStart().startsWith("~")) break;
    }
    return found ? { first: cur, rest, ...(multiline !== undefined ? { multiline } : {}) } : undefined;
  }

  /** keepalived `find_definition()` at a `$`: `$NAME` followed by a blank, ',', ')' or the end, or `${NAME}` / `${NAME params}`. */
  private findReference(text: string, dollar: number): { def: Def; end: number; params: string[] } | undefined {
    let p = dollar + 1;
    const braces = text[p] === "{";
    if (braces) p++;
    if (!isNameStart(text[p])) return undefined;
    const nameStart = p;
    while (isNameChar(text[p])) p++;
    const name = text.slice(nameStart, p);
    let params: string[] = [];
    let end: number;
    if (braces) {
      const paramStart = p;
      while (p < text.length && (text[p] === " " || /[0-9]/.test(text[p]))) p++;
      const paramText = text.slice(paramStart, p);
      if (paramText.trim().length > 0) {
        if (paramText.endsWith(" ")) return undefined;
        params = paramText.trim().split(/ +/);
      }
      if (text[p] !== "}") return undefined;
      end = p + 1;
    } else {
      const c = text[p];
      if (c !== undefined && c !== " " && c !== "\t" && c !== "," && c !== ")") return undefined;
      end = p;
    }
    const def = this.defs.get(name);
    if (!def) return undefined;
    // A multi-line definition may only stand at the end of a line.
    if (def.multiline && end !== text.length) return undefined;
    if (params.length > 0 && def.maxParams === 0) return undefined;
    return { def, end, params };
  }

  /** `~SEQ(var, end)`, `~SEQ(var, start, end)`, `~SEQ(var, start, step, end)`; `~SEQx` gives hexadecimal values. */
  private sequence(file: number, line: MappedText, depth: number): void {
    const t = line.text;
    const span = line.spanOf(0, line.length);
    const bad = (why: string): void => {
      this.issue(
        "syntax-error",
        file,
        span.start,
        span.end,
        `invalid ~SEQ: ${why}; keepalived reports 'Invalid ~SEQ specification' and the line produces nothing`,
        "warning",
        "invalid-seq",
        { why },
      );
    };
    let p = 4;
    const hex = t[p] === "x";
    if (hex) p++;
    while (isBlank(t[p])) p++;
    if (t[p] !== "(") return bad("expected '(' after ~SEQ");
    const close = t.indexOf(")", p);
    if (close < 0) return bad("missing ')'");
    const inner = t.slice(p + 1, close);
    const parts = inner.split(",").map((s) => s.trim());
    const variable = parts.shift() ?? "";
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(variable)) return bad(`'${variable}' is not a variable name`);
    const numbers: number[] = [];
    for (const part of parts) {
      const expandedPart = this.expandPlain(part);
      const n = Number.parseInt(expandedPart, expandedPart.startsWith("0x") ? 16 : 10);
      if (!Number.isFinite(n) || !/^-?(0x[0-9a-fA-F]+|[0-9]+)$/.test(expandedPart))
        return bad(`'${part}' is not a number`);
      numbers.push(n);
    }
    let start: number;
    let step: number;
    let last: number;
    if (numbers.length === 1) {
      last = numbers[0];
      step = last < 1 ? -1 : 1;
      start = last < 0 ? -1 : 1;
    } else if (numbers.length === 2) {
      [start, last] = numbers;
      step = start <= last ? 1 : -1;
    } else if (numbers.length === 3) {
      [start, step, last] = numbers;
      if (step === 0 || (start < last && step < 0) || (start > last && step > 0))
        return bad("the step does not lead from start to end");
    } else {
      return bad("expected 1 to 3 numbers after the variable");
    }
    if (hex && (start < 0 || last < 0)) return bad("~SEQx takes only positive numbers");
    const body = line.slice(close + 1).trimStart();
    // A long sequence is valid to keepalived: the expansion budget (emit(), expandLine()) cuts it, not an error.
    for (let v = start; step > 0 ? v <= last : v >= last; v += step) {
      if (this.exhausted) return;
      const value = hex ? v.toString(16) : String(v);
      this.defs.set(variable, { name: variable, lines: [value], multiline: false, maxParams: 0 });
      this.process(file, body, depth + 1);
    }
  }

  /** Expand `$NAME`/`${NAME}` in a plain string (for `~SEQ` arguments). */
  private expandPlain(s: string): string {
    let out = s;
    for (let i = 0; i < 16 && out.includes("$"); i++) {
      const at = out.indexOf("$");
      const ref = this.findReference(out, at);
      if (!ref) break;
      out = out.slice(0, at) + (ref.def.fn ? ref.def.fn(ref.params) : (ref.def.lines[0] ?? "")) + out.slice(ref.end);
    }
    return out;
  }
}
