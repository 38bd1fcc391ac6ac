/** haproxy.cfg text -> syntax tree: Chevrotain lexer and parser, word decoding, `.if` evaluation and sections. */
import type { CstNode, IToken } from "chevrotain";
import type { SyntaxIssue } from "../issue.js";
import { LineIndex, type Range } from "../source.js";
import { debianFeatures, evaluateCondition, type ConditionContext } from "./condition.js";
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
  const bom = text.charCodeAt(0) === 0xfeff;
  const lexed = haproxyLexer.tokenize(bom ? " " + text.slice(1) : text);
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
  const stack: CondFrame[] = [];
  let current: HpSection | undefined;
  let commentIndex = 0;

  for (const tokens of rawLines) {
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
      return { text: t.image, value: d.value, quoted: d.quoted, env: d.env, range };
    });
    const range: Range = { start: words[0].range.start, end: words[words.length - 1].range.end };
    const line: HpLine = { keyword: words[0], args: words.slice(1), range };
    while (commentIndex < comments.length && comments[commentIndex].range.start.line < range.start.line) commentIndex++;
    if (commentIndex < comments.length && comments[commentIndex].range.start.line === range.start.line)
      line.comment = comments[commentIndex];

    const active = stack.length === 0 || stack[stack.length - 1].active;
    const kw = line.keyword.value;
    if (kw.startsWith(".") && !line.keyword.quoted) {
      if (!DIRECTIVES.has(kw)) {
        if (active)
          issue(
            line.keyword.range,
            `unknown directive '${kw}' (HAProxy knows .if, .elif, .else, .endif, .diag, .notice, .warning, .alert)`,
          );
        continue;
      }
      const directive: HpDirective = { kind: kw, line };
      doc.directives.push(directive);
      const condText = (): string =>
        line.args.map((w) => w.value.replace(/\$\{?[A-Za-z_][A-Za-z0-9_]*\}?/g, "")).join(" ");
      switch (kw) {
        case ".if": {
          let value = false;
          if (active) {
            const r = evaluateCondition(condText(), condition);
            if ("error" in r) issue(line.range, `.if: ${r.error}`);
            else value = r.value;
          }
          directive.taken = value;
          stack.push({ active: active && value, taken: value, parentActive: active, sawElse: false, line });
          break;
        }
        case ".elif": {
          const top = stack[stack.length - 1];
          if (!top) {
            issue(line.range, ".elif without a matching .if");
            break;
          }
          if (top.sawElse) issue(line.range, ".elif after .else");
          let value = false;
          if (top.parentActive && !top.taken) {
            const r = evaluateCondition(condText(), condition);
            if ("error" in r) issue(line.range, `.elif: ${r.error}`);
            else value = r.value;
          }
          directive.taken = value;
          top.active = top.parentActive && !top.taken && value;
          top.taken ||= value;
          break;
        }
        case ".else": {
          const top = stack[stack.length - 1];
          if (!top) {
            issue(line.range, ".else without a matching .if");
            break;
          }
          if (top.sawElse) issue(line.range, "a second .else in the same .if block");
          top.sawElse = true;
          top.active = top.parentActive && !top.taken;
          top.taken = true;
          break;
        }
        case ".endif":
          if (!stack.pop()) issue(line.range, ".endif without a matching .if");
          break;
        case ".alert":
          if (active) issue(line.range, `.alert stops HAProxy here: ${line.args.map((a) => a.value).join(" ")}`);
          break;
        default:
          break;
      }
      continue;
    }
    if (!active) {
      doc.inactive.push(range);
      continue;
    }
    if (sectionKeywords.has(kw) && !line.keyword.quoted) {
      current = { kind: kw, header: line, lines: [], range };
      if (line.args[0]) current.name = line.args[0];
      doc.sections.push(current);
      continue;
    }
    if (current) {
      current.lines.push(line);
      current.range = { start: current.range.start, end: range.end };
    } else {
      doc.outside.push(line);
    }
  }
  for (const open of stack) issue(open.line.range, ".if without a matching .endif");
  return doc;
}

/** The tokens of each line node, in order. */
function lineNodes(cst: CstNode): IToken[][] {
  const lines = (cst.children.line ?? []) as CstNode[];
  return lines.map((l) => (l.children.Word ?? []) as IToken[]);
}
