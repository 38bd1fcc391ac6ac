/** haproxy.cfg text -> syntax tree: Chevrotain lexer and parser, word decoding, `.if` evaluation and sections. */
import type { CstNode, IToken } from "chevrotain";
import type { SyntaxIssue } from "../issue.js";
import { haproxyOwnVariable } from "../../schema/haproxy-own-variable-state.js";
import { atLeast } from "../../schema/versions.js";
import { LineIndex, type Range } from "../source.js";
import { debianFeatures, evaluateCondition, type ConditionContext } from "./condition.js";
import { readLines } from "./line-reading.js";
import { parseTokens } from "./parser.js";
import { haproxyLexer } from "./tokens.js";
import type { HaproxyDocument, HpComment, HpDirective, HpLine, HpSection, HpWord } from "./tree.js";
import { decodeWord, type DecodeContext } from "./words.js";

export interface HaproxyParseOptions {
  /** Target version ("2.6", "3.2", ...) for `.if version_atleast()`; default "2.6". */
  version?: string;
  /** Words that open a section in the target version. */
  sectionKeywords?: ReadonlySet<string>;
  /** Build features for `.if feature()`; default: Debian's 2.6 build. */
  features?: ReadonlySet<string>;
  /** Environment variables known to the analysis. */
  env?: Readonly<Record<string, string>>;
  /**
   * The full target version (2.6.12, 3.2.26) for the variables HAProxy sets itself (HAPROXY_*): one the version sets
   * nowhere expands to nothing, as in HAProxy. Default: `version`.
   */
  haproxyVersion?: string;
}

/** Sections of HAProxy 2.6 (cfgparse.c REGISTER_CONFIG_SECTION). */
export const sections26: ReadonlySet<string> = new Set([
  "global",
  "defaults",
  "frontend",
  "backend",
  "listen",
  "userlist",
  "peers",
  "mailers",
  "resolvers",
  "program",
  "http-errors",
  "ring",
  "cache",
  "fcgi-app",
  "log-forward",
  "namespace_list",
]);

const DIRECTIVES = new Set([".if", ".elif", ".else", ".endif", ".diag", ".notice", ".warning", ".alert"]);

interface CondFrame {
  /** Lines of this frame are read. */
  active: boolean;
  /** Some branch of this .if was taken already. */
  taken: boolean;
  /** The enclosing frame is active. */
  parentActive: boolean;
  sawElse: boolean;
  line: HpLine;
}

/** What reading a file keeps track of, line after line. */
interface HaproxyReading {
  file: string;
  index: LineIndex;
  options: HaproxyParseOptions;
  doc: HaproxyDocument;
  condition: ConditionContext;
  stack: CondFrame[];
  current: HpSection | undefined;
  comments: HpComment[];
  commentIndex: number;
  /** HAProxy stopped reading: "abort" skips its end-of-file checks too, "break" does not. */
  stopped: { how: "abort" | "break"; line: number; range: Range } | undefined;
  /** Records a syntax issue; `code` names the problem for the rules and the tests, `message` says it. */
  issue: (range: Range, code: string, message: string) => void;
}

function stopReading(state: HaproxyReading, how: "abort" | "break", range: Range, code: string, message: string): void {
  state.issue(range, code, message);
  state.stopped = { how, line: range.start.line, range };
}

/** HAProxy's own variables as the target version sets them (schema/haproxy-own-variable-state.ts). */
function ownVariables(options: HaproxyParseOptions): NonNullable<DecodeContext["haproxyOwn"]> {
  const version = options.haproxyVersion ?? options.version ?? "2.6";
  return (name) => haproxyOwnVariable(name, version)?.state;
}

/** Whether parse_line() skips the quote and blanks after a variable it does not find (2.9.0 and later). */
function skipsQuoteAfterUnset(options: HaproxyParseOptions): boolean {
  return atLeast("haproxy", options.haproxyVersion ?? options.version ?? "2.6", "2.9");
}

/** The words of a line as parse_line() decodes them (quotes, escapes, environment variables), and its comment. */
function decodeLine(state: HaproxyReading, tokens: IToken[]): HpLine {
  const { index, options, file, comments } = state;
  const current = state.current;
  const haproxyOwn = ownVariables(options);
  const skipQuoteAfterUnset = skipsQuoteAfterUnset(options);
  const words: HpWord[] = [];
  for (let next = 0; next < tokens.length;) {
    const start = tokens[next].startOffset;
    let last = next;
    let text = tokens[next].image;
    const decode = (): ReturnType<typeof decodeWord> =>
      decodeWord(text, {
        env: options.env,
        pseudo: {
          ".LINE": String(index.rangeOf(start, start).start.line + 1),
          ".FILE": file,
          ".SECTION": current?.kind ?? "",
        },
        haproxyOwn,
        skipQuoteAfterUnset,
      });
    let d = decode();
    // `"${UNSET}" next`: the word goes on with the next one (the quote and the blanks are skipped).
    while (d.gluesNext && last + 1 < tokens.length) {
      last++;
      text = index.text.slice(start, tokens[last].startOffset + tokens[last].image.length);
      d = decode();
    }
    next = last + 1;
    const range = index.rangeOf(start, start + text.length);
    if (d.error) {
      const s = start + d.error.offset;
      state.issue(index.rangeOf(s, s + Math.max(1, d.error.length)), d.error.code, d.error.message);
    }
    const word: HpWord = { text, value: d.value, quoted: d.quoted, env: d.env, range };
    if (d.unsetValue !== undefined) word.unsetValue = d.unsetValue;
    words.push(word);
  }
  const range: Range = { start: words[0].range.start, end: words[words.length - 1].range.end };
  const line: HpLine = { keyword: words[0], args: words.slice(1), range };
  while (state.commentIndex < comments.length && comments[state.commentIndex].range.start.line < range.start.line)
    state.commentIndex++;
  if (state.commentIndex < comments.length && comments[state.commentIndex].range.start.line === range.start.line)
    line.comment = comments[state.commentIndex];
  return line;
}

const conditionText = (line: HpLine): string => line.args.map((w) => w.unsetValue ?? w.value).join(" ");

function readIf(state: HaproxyReading, line: HpLine, directive: HpDirective, active: boolean): void {
  let value = false;
  if (active) {
    const r = evaluateCondition(conditionText(line), state.condition);
    if ("error" in r) {
      stopReading(state, "abort", line.range, "if-condition", `.if: ${r.error}; HAProxy stops reading the file here`);
      return;
    }
    value = r.value;
  }
  directive.taken = value;
  state.stack.push({ active: active && value, taken: value, parentActive: active, sawElse: false, line });
}

function readElif(state: HaproxyReading, line: HpLine, directive: HpDirective): void {
  const top = state.stack[state.stack.length - 1];
  if (!top) {
    const message = "lone '.elif' with no matching '.if'; HAProxy stops reading the file here";
    stopReading(state, "abort", line.range, "lone-elif", message);
    return;
  }
  if (top.sawElse) {
    const message = "'.elif' after '.else'; HAProxy stops reading the file here";
    stopReading(state, "abort", line.range, "elif-after-else", message);
    return;
  }
  let value = false;
  if (top.parentActive && !top.taken) {
    const r = evaluateCondition(conditionText(line), state.condition);
    if ("error" in r) {
      const message = `.elif: ${r.error}; HAProxy stops reading the file here`;
      stopReading(state, "abort", line.range, "elif-condition", message);
      return;
    }
    value = r.value;
  }
  directive.taken = value;
  top.active = top.parentActive && !top.taken && value;
  top.taken ||= value;
}

function readElseOrEndif(state: HaproxyReading, line: HpLine, kw: string): void {
  const unexpected = line.args[0];
  if (unexpected) {
    stopReading(
      state,
      "break",
      unexpected.range,
      "directive-argument",
      `unexpected argument '${unexpected.value}' for '${kw}'; HAProxy stops reading the file here`,
    );
    return;
  }
  const top = state.stack[state.stack.length - 1];
  if (kw === ".endif") {
    if (!state.stack.pop())
      stopReading(
        state,
        "break",
        line.range,
        "lone-endif",
        "lone '.endif' with no matching '.if'; HAProxy stops reading the file here",
      );
    return;
  }
  if (!top) {
    const message = "lone '.else' with no matching '.if'; HAProxy stops reading the file here";
    stopReading(state, "abort", line.range, "lone-else", message);
    return;
  }
  if (top.sawElse) {
    stopReading(
      state,
      "abort",
      line.range,
      "else-after-else",
      "'.else' after '.else'; HAProxy stops reading the file here",
    );
    return;
  }
  top.sawElse = true;
  top.active = top.parentActive && !top.taken;
  top.taken = true;
}

/** .diag, .notice, .warning, .alert (and an unknown directive, which stops the reading). */
function readMessageDirective(state: HaproxyReading, line: HpLine, kw: string, active: boolean): void {
  if (!active) return;
  if (!DIRECTIVES.has(kw)) {
    stopReading(
      state,
      "break",
      line.keyword.range,
      "unknown-directive",
      `unknown directive '${kw}' (HAProxy knows .if, .elif, .else, .endif, .diag, .notice, .warning, .alert); ` +
        `HAProxy stops reading the file here`,
    );
    return;
  }
  const unexpected = line.args[1];
  if (unexpected) {
    state.issue(
      unexpected.range,
      "message-argument",
      `unexpected argument '${unexpected.value}' for '${kw}': put the message in quotes if it has spaces`,
    );
    return;
  }
  if (kw === ".alert")
    stopReading(state, "abort", line.range, "alert", `.alert stops HAProxy here: ${line.args[0]?.value ?? ""}`);
}

/** A line whose first word starts with a dot: a conditional block directive or a message. */
function readDirective(state: HaproxyReading, line: HpLine, active: boolean): void {
  const kw = line.keyword.value;
  const directive: HpDirective = { kind: kw, line };
  if (DIRECTIVES.has(kw)) state.doc.directives.push(directive);
  if (kw === ".if") readIf(state, line, directive, active);
  else if (kw === ".elif") readElif(state, line, directive);
  else if (kw === ".else" || kw === ".endif") readElseOrEndif(state, line, kw);
  else readMessageDirective(state, line, kw, active);
}

/** A section header opens a section; any other line belongs to the current section, or to none. */
function placeLine(state: HaproxyReading, line: HpLine, sectionKeywords: ReadonlySet<string>): void {
  const { doc } = state;
  const kw = line.keyword.value;
  const range = line.range;
  if (sectionKeywords.has(kw)) {
    const section: HpSection = { kind: kw, header: line, lines: [], range };
    state.current = section;
    nameSection(section);
    const refusal = PROXY_SECTIONS.has(kw) ? proxyHeaderStop(section, doc.sections) : undefined;
    doc.sections.push(section);
    if (refusal) stopReading(state, "abort", refusal.range, refusal.code, refusal.message);
    return;
  }
  const current = state.current;
  if (current) {
    current.lines.push(line);
    current.range = { start: current.range.start, end: range.end };
  } else {
    doc.outside.push(line);
  }
}

/** What HAProxy checks at the end of what it read: a missing final LF, and .if blocks left open. */
function finishReading(state: HaproxyReading, reading: ReturnType<typeof readLines>): void {
  const { doc, stopped, index } = state;
  if (stopped) {
    doc.unreadAfter = stopped.line;
    // After an abort nothing else is checked; after a stop, a missing LF counts only on the line it stopped at.
    if (
      stopped.how === "abort" ||
      (doc.missingFinalNewline && doc.missingFinalNewline.range.start.line !== stopped.line)
    )
      delete doc.missingFinalNewline;
    if (stopped.how === "abort") return;
  }
  // HAProxy notices an open .if at the end of what it read and names the last line it read.
  const last = stopped ? stopped.range : index.rangeOf(reading.lastLineStart, reading.readable.length);
  for (const open of state.stack)
    state.issue(
      last,
      "unterminated-if",
      `the '.if' at line ${open.line.range.start.line + 1} has no '.endif': HAProxy stops at the end of the file ` +
        `('non-terminated '.if' block')`,
    );
}

export function parseHaproxy(file: string, text: string, options: HaproxyParseOptions = {}): HaproxyDocument {
  const index = new LineIndex(text);
  const issues: SyntaxIssue[] = [];
  const issue = (range: Range, code: string, message: string, data?: SyntaxIssue["data"]): void => {
    issues.push({ kind: "syntax-error", code, message, file, range, severity: "error", ...(data ? { data } : {}) });
  };
  // HAProxy reads a UTF-8 byte order mark as part of the first word (it knows no BOM).
  if (text.charCodeAt(0) === 0xfeff)
    issue(
      index.rangeOf(0, 1),
      "byte-order-mark",
      "the file starts with a UTF-8 byte order mark: HAProxy reads it as part of the first word, so that word is " +
        "not the keyword it looks like; save the file without BOM",
    );
  const reading = readLines(text);
  if (reading.problem?.kind === "stray-nul")
    issue(
      index.rangeOf(reading.problem.start, reading.problem.end + 1),
      "stray-nul",
      `NUL byte in this line: HAProxy reads the line up to it, then stops reading the file ('Stray NUL character ` +
        `at position ${reading.problem.position}'), so nothing after this line is read`,
      { position: reading.problem.position },
    );
  const lexed = haproxyLexer.tokenize(reading.readable);
  for (const err of lexed.errors)
    issue(index.rangeOf(err.offset, err.offset + err.length), "unexpected-character", `unexpected character`);
  const comments: HpComment[] = (lexed.groups.comments ?? []).map((t) => ({
    text: t.image,
    range: index.rangeOf(t.startOffset, t.startOffset + t.image.length),
  }));
  const cst = parseTokens(lexed.tokens);
  const rawLines = lineNodes(cst);

  const condition: ConditionContext = {
    version: options.version ?? "2.6",
    features: options.features ?? debianFeatures,
    env: options.env,
  };
  const sectionKeywords = options.sectionKeywords ?? sections26;
  const doc: HaproxyDocument = { file, sections: [], outside: [], directives: [], comments, inactive: [], issues };
  if (options.env) doc.env = options.env;
  if (reading.problem?.kind === "missing-lf") {
    const { start, end, line, position, nul } = reading.problem;
    doc.missingFinalNewline = { range: index.rangeOf(start, end), line, position, ...(nul ? { nul } : {}) };
  }
  const state: HaproxyReading = {
    file,
    index,
    options,
    doc,
    condition,
    stack: [],
    current: undefined,
    comments,
    commentIndex: 0,
    stopped: undefined,
    issue,
  };
  for (const tokens of rawLines) {
    if (state.stopped) break;
    const line = decodeLine(state, tokens);
    const active = state.stack.length === 0 || state.stack[state.stack.length - 1].active;
    // readcfgfile() looks at the words as parse_line() decoded them: a quoted ".if" is a directive too.
    if (line.keyword.value.startsWith(".")) readDirective(state, line, active);
    else if (!active) doc.inactive.push(line.range);
    else placeLine(state, line, sectionKeywords);
  }
  finishReading(state, reading);
  return doc;
}

/**
 * The name and `from` of a section line, as cfg_parse_listen() reads them: `defaults from NAME` is an anonymous
 * defaults section inheriting from NAME; otherwise the first word is the name and `from NAME` may follow it.
 */
function nameSection(section: HpSection): void {
  const args = section.header.args;
  if (section.kind === "defaults" && args[0]?.value === "from" && args[1] && !args[2]) {
    section.from = args[1];
    return;
  }
  if (args[0]) section.name = args[0];
  if (args[1]?.value === "from" && args[2]) section.from = args[2];
}

const PROXY_SECTIONS = new Set(["frontend", "backend", "listen", "defaults"]);

/**
 * What cfg_parse_listen() does with a proxy section line before anything else: a frontend, backend or listen line
 * with more than a name and `from NAME` does not create the section (its lines are then refused one by one), and a
 * missing name or a `from` naming no earlier defaults section stops the reading of the file (ERR_ABORT).
 */
function proxyHeaderStop(
  section: HpSection,
  earlier: readonly HpSection[],
): { range: Range; code: string; message: string } | undefined {
  const header = section.header;
  if (section.kind !== "defaults") {
    if (!section.name)
      return {
        range: header.range,
        code: "missing-section-name",
        message: `'${section.kind}' expects a name ('${section.kind} <name>'); HAProxy stops reading the file here`,
      };
    const args = header.args;
    if (args.length > 1 && !(args[1].value === "from" && args.length === 3)) section.notCreated = true;
  }
  const from = section.from;
  if (from && !section.notCreated && !earlier.some((s) => s.kind === "defaults" && s.name?.value === from.value))
    return {
      range: from.range,
      code: "defaults-not-found",
      message:
        `defaults section '${from.value}' not found: 'from' names a defaults section written before this line; ` +
        `HAProxy stops reading the file here`,
    };
  return undefined;
}

/** The tokens of each line node, in order. */
function lineNodes(cst: CstNode): IToken[][] {
  const lines = (cst.children.line ?? []) as CstNode[];
  return lines.map((l) => (l.children.Word ?? []) as IToken[]);
}
