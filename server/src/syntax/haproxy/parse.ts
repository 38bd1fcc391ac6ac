/** haproxy.cfg text -> syntax tree: Chevrotain lexer and parser, word decoding, `.if` evaluation and sections. */
import type { CstNode, IToken } from "chevrotain";
import type { SyntaxIssue } from "../issue.js";
import { LineIndex, type Range } from "../source.js";
import { debianFeatures, evaluateCondition, type ConditionContext } from "./condition.js";
import { readLines } from "./line-reading.js";
import { parseTokens } from "./parser.js";
import { haproxyLexer } from "./tokens.js";
import type { HaproxyDocument, HpComment, HpDirective, HpLine, HpSection, HpWord } from "./tree.js";
import { decodeWord } from "./words.js";

export interface HaproxyParseOptions {
  /** Target version ("2.6", "3.2", ...) for `.if version_atleast()`; default "2.6". */
  version?: string;
  /** Words that open a section in the target version. */
  sectionKeywords?: ReadonlySet<string>;
  /** Build features for `.if feature()`; default: Debian's 2.6 build. */
  features?: ReadonlySet<string>;
  /** Environment variables known to the analysis. */
  env?: Readonly<Record<string, string>>;
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

export function parseHaproxy(file: string, text: string, options: HaproxyParseOptions = {}): HaproxyDocument {
  const index = new LineIndex(text);
  const issues: SyntaxIssue[] = [];
  const issue = (range: Range, message: string, severity: "error" | "warning" = "error"): void => {
    issues.push({ kind: "syntax-error", message, file, range, severity });
  };
  // HAProxy reads a UTF-8 byte order mark as part of the first word (it knows no BOM).
  if (text.charCodeAt(0) === 0xfeff)
    issue(
      index.rangeOf(0, 1),
      "the file starts with a UTF-8 byte order mark: HAProxy reads it as part of the first word, so that word is not the keyword it looks like; save the file without BOM",
    );
  const reading = readLines(text);
  if (reading.problem?.kind === "stray-nul")
    issue(
      index.rangeOf(reading.problem.start, reading.problem.end + 1),
      `NUL byte in this line: HAProxy reads the line up to it, then stops reading the file ('Stray NUL character at position ${reading.problem.position}'), so nothing after this line is read`,
    );
  const lexed = haproxyLexer.tokenize(reading.readable);
  for (const err of lexed.errors) issue(index.rangeOf(err.offset, err.offset + err.length), `unexpected character`);
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
  const stack: CondFrame[] = [];
  let current: HpSection | undefined;
  let commentIndex = 0;

  /** HAProxy stopped reading: "abort" skips its end-of-file checks too, "break" does not. */
  let stopped: { how: "abort" | "break"; line: number; range: Range } | undefined;
  const stop = (how: "abort" | "break", range: Range, message: string): void => {
    issue(range, message);
    stopped = { how, line: range.start.line, range };
  };

  for (const tokens of rawLines) {
    if (stopped) break;
    const words: HpWord[] = tokens.map((t) => {
      const range = index.rangeOf(t.startOffset, t.startOffset + t.image.length);
      const d = decodeWord(t.image, {
        env: options.env,
        pseudo: { ".LINE": String(range.start.line + 1), ".FILE": file, ".SECTION": current?.kind ?? "" },
      });
      if (d.error) {
        const s = t.startOffset + d.error.offset;
        issue(index.rangeOf(s, s + Math.max(1, d.error.length)), d.error.message);
      }
      const word: HpWord = { text: t.image, value: d.value, quoted: d.quoted, env: d.env, range };
      if (d.unsetValue !== undefined) word.unsetValue = d.unsetValue;
      return word;
    });
    const range: Range = { start: words[0].range.start, end: words[words.length - 1].range.end };
    const line: HpLine = { keyword: words[0], args: words.slice(1), range };
    while (commentIndex < comments.length && comments[commentIndex].range.start.line < range.start.line) commentIndex++;
    if (commentIndex < comments.length && comments[commentIndex].range.start.line === range.start.line)
      line.comment = comments[commentIndex];

    const active = stack.length === 0 || stack[stack.length - 1].active;
    const kw = line.keyword.value;
    // readcfgfile() looks at the words as parse_line() decoded them: a quoted ".if" is a directive too.
    if (kw.startsWith(".")) {
      const directive: HpDirective = { kind: kw, line };
      if (DIRECTIVES.has(kw)) doc.directives.push(directive);
      const condText = (): string => line.args.map((w) => w.unsetValue ?? w.value).join(" ");
      const extra = (n: number): HpWord | undefined => line.args[n];
      switch (kw) {
        case ".if": {
          let value = false;
          if (active) {
            const r = evaluateCondition(condText(), condition);
            if ("error" in r) {
              stop("abort", line.range, `.if: ${r.error}; HAProxy stops reading the file here`);
              break;
            }
            value = r.value;
          }
          directive.taken = value;
          stack.push({ active: active && value, taken: value, parentActive: active, sawElse: false, line });
          break;
        }
        case ".elif": {
          const top = stack[stack.length - 1];
          if (!top) {
            stop("abort", line.range, "lone '.elif' with no matching '.if'; HAProxy stops reading the file here");
            break;
          }
          if (top.sawElse) {
            stop("abort", line.range, "'.elif' after '.else'; HAProxy stops reading the file here");
            break;
          }
          let value = false;
          if (top.parentActive && !top.taken) {
            const r = evaluateCondition(condText(), condition);
            if ("error" in r) {
              stop("abort", line.range, `.elif: ${r.error}; HAProxy stops reading the file here`);
              break;
            }
            value = r.value;
          }
          directive.taken = value;
          top.active = top.parentActive && !top.taken && value;
          top.taken ||= value;
          break;
        }
        case ".else":
        case ".endif": {
          const unexpected = extra(0);
          if (unexpected) {
            stop(
              "break",
              unexpected.range,
              `unexpected argument '${unexpected.value}' for '${kw}'; HAProxy stops reading the file here`,
            );
            break;
          }
          const top = stack[stack.length - 1];
          if (kw === ".endif") {
            if (!stack.pop())
              stop("break", line.range, "lone '.endif' with no matching '.if'; HAProxy stops reading the file here");
            break;
          }
          if (!top) {
            stop("abort", line.range, "lone '.else' with no matching '.if'; HAProxy stops reading the file here");
            break;
          }
          if (top.sawElse) {
            stop("abort", line.range, "'.else' after '.else'; HAProxy stops reading the file here");
            break;
          }
          top.sawElse = true;
          top.active = top.parentActive && !top.taken;
          top.taken = true;
          break;
        }
        default: {
          if (!active) break;
          if (!DIRECTIVES.has(kw)) {
            stop(
              "break",
              line.keyword.range,
              `unknown directive '${kw}' (HAProxy knows .if, .elif, .else, .endif, .diag, .notice, .warning, .alert); HAProxy stops reading the file here`,
            );
            break;
          }
          const unexpected = extra(1);
          if (unexpected) {
            issue(
              unexpected.range,
              `unexpected argument '${unexpected.value}' for '${kw}': put the message in quotes if it has spaces`,
            );
            break;
          }
          if (kw === ".alert") stop("abort", line.range, `.alert stops HAProxy here: ${line.args[0]?.value ?? ""}`);
          break;
        }
      }
      continue;
    }
    if (!active) {
      doc.inactive.push(range);
      continue;
    }
    if (sectionKeywords.has(kw)) {
      current = { kind: kw, header: line, lines: [], range };
      nameSection(current);
      const refusal = PROXY_SECTIONS.has(kw) ? proxyHeaderStop(current, doc.sections) : undefined;
      doc.sections.push(current);
      if (refusal) stop("abort", refusal.range, refusal.message);
      continue;
    }
    if (current) {
      current.lines.push(line);
      current.range = { start: current.range.start, end: range.end };
    } else {
      doc.outside.push(line);
    }
  }
  if (stopped) {
    doc.unreadAfter = stopped.line;
    // After an abort nothing else is checked; after a stop, a missing LF counts only on the line it stopped at.
    if (
      stopped.how === "abort" ||
      (doc.missingFinalNewline && doc.missingFinalNewline.range.start.line !== stopped.line)
    )
      delete doc.missingFinalNewline;
    if (stopped.how === "abort") return doc;
  }
  // HAProxy notices an open .if at the end of what it read and names the last line it read.
  const last = stopped ? stopped.range : index.rangeOf(reading.lastLineStart, reading.readable.length);
  for (const open of stack)
    issue(
      last,
      `the '.if' at line ${open.line.range.start.line + 1} has no '.endif': HAProxy stops at the end of the file ('non-terminated '.if' block')`,
    );
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
): { range: Range; message: string } | undefined {
  const header = section.header;
  if (section.kind !== "defaults") {
    if (!section.name)
      return {
        range: header.range,
        message: `'${section.kind}' expects a name ('${section.kind} <name>'); HAProxy stops reading the file here`,
      };
    const args = header.args;
    if (args.length > 1 && !(args[1].value === "from" && args.length === 3)) section.notCreated = true;
  }
  const from = section.from;
  if (from && !section.notCreated && !earlier.some((s) => s.kind === "defaults" && s.name?.value === from.value))
    return {
      range: from.range,
      message: `defaults section '${from.value}' not found: 'from' names a defaults section written before this line; HAProxy stops reading the file here`,
    };
  return undefined;
}

/** The tokens of each line node, in order. */
function lineNodes(cst: CstNode): IToken[][] {
  const lines = (cst.children.line ?? []) as CstNode[];
  return lines.map((l) => (l.children.Word ?? []) as IToken[]);
}
