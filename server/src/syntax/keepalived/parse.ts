/** keepalived.conf text -> syntax tree: line reader, Chevrotain lexer and parser, then the tree with source ranges. */
import type { CstNode, IToken } from "chevrotain";
import type { SyntaxIssue } from "../issue.js";
import type { Location, Range } from "../source.js";
import { readKeepalived, type ReaderOptions, type ReadResult, type SourceHost } from "./line-reader.js";
import { parseTokens } from "./parser.js";
import { keepalivedLexer, LBrace, Newline, Quoted, RBrace } from "./tokens.js";
import type { KaBlock, KaStatement, KaWord, KeepalivedDocument } from "./tree.js";

export type { SourceHost } from "./line-reader.js";

/** Blocks nested deeper than this are flattened (keepalived itself nests a handful of levels). */
export const MAX_BLOCK_DEPTH = 64;

export interface KeepalivedParseOptions extends ReaderOptions {}

/** A host that knows only the root file: includes match nothing. */
export const noIncludes: SourceHost = { readFile: () => undefined, glob: () => [] };

export function parseKeepalived(
  file: string,
  text: string,
  host: SourceHost = noIncludes,
  options: KeepalivedParseOptions = {},
): KeepalivedDocument {
  const read = readKeepalived(file, text, host, options);
  return new TreeBuilder(read, options.configId).build();
}

class TreeBuilder {
  /** Concatenated logical lines, each ended by a newline. */
  private readonly virtual: string;
  /** Start offset of each logical line in `virtual`. */
  private readonly lineStarts: number[] = [];
  private readonly issues: SyntaxIssue[];

  constructor(
    private readonly read: ReadResult,
    private readonly configId: string | undefined,
  ) {
    const parts: string[] = [];
    let offset = 0;
    for (const line of read.lines) {
      this.lineStarts.push(offset);
      parts.push(line.content.text, "\n");
      offset += line.content.length + 1;
    }
    this.virtual = parts.join("");
    this.issues = [...read.issues];
  }

  build(): KeepalivedDocument {
    const lexed = keepalivedLexer.tokenize(this.virtual);
    // The token patterns cover every character, so the lexer reports nothing; guard anyway.
    for (const err of lexed.errors)
      this.issueAtVirtual(
        err.offset,
        err.offset + err.length,
        "syntax-error",
        `unexpected character '${this.virtual.slice(err.offset, err.offset + 1)}'`,
      );
    const tokens = this.limitDepth(lexed.tokens);
    const cst = parseTokens(tokens);
    const statements = this.document(cst);
    const files = this.read.files;
    const loc = (file: number, start: number, end: number): Location => ({
      file: files[file].path,
      range: files[file].index.rangeOf(start, end),
    });
    return {
      file: files[0].path,
      files: files.map((f) => f.path),
      configId: this.configId,
      statements,
      issues: this.issues,
      definitions: this.read.definitions.map((d) => ({
        name: d.name,
        value: d.value,
        location: loc(d.file, d.start, d.end),
      })),
      includes: this.read.includes.map((i) => ({
        pattern: i.pattern,
        location: loc(i.file, i.start, i.end),
        matched: i.matched.map((m) => files[m].path),
      })),
      inactive: this.read.inactive.map((s) => loc(s.file, s.start, s.end)),
    };
  }

  /** Drop braces that would nest deeper than MAX_BLOCK_DEPTH (and their partners), reporting the first. */
  private limitDepth(tokens: IToken[]): IToken[] {
    let depth = 0;
    let max = 0;
    for (const t of tokens) {
      if (t.tokenType === LBrace) max = Math.max(max, ++depth);
      else if (t.tokenType === RBrace && depth > 0) depth--;
    }
    if (max <= MAX_BLOCK_DEPTH) return tokens;
    const out: IToken[] = [];
    depth = 0;
    let reported = false;
    for (const t of tokens) {
      if (t.tokenType === LBrace) {
        depth++;
        if (depth > MAX_BLOCK_DEPTH) {
          if (!reported) {
            this.issueAtVirtual(
              t.startOffset,
              t.startOffset + 1,
              "syntax-error",
              `blocks nested deeper than ${MAX_BLOCK_DEPTH} levels; deeper braces are ignored`,
            );
            reported = true;
          }
          continue;
        }
      } else if (t.tokenType === RBrace && depth > 0) {
        depth--;
        if (depth >= MAX_BLOCK_DEPTH) continue;
      }
      out.push(t);
    }
    return out;
  }

  /** Logical line holding a virtual offset. */
  private lineAt(offset: number): number {
    const starts = this.lineStarts;
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  /** Source location of virtual characters [start, end) (which lie on one logical line). */
  private locate(start: number, end: number): { file: number; start: number; end: number; line: number } {
    const li = this.lineAt(start);
    const line = this.read.lines[li];
    const base = this.lineStarts[li];
    const from = start - base;
    const to = Math.min(end - base, line.content.length);
    if (to <= from) {
      // A newline token: an empty range at the end of the line.
      const s = line.content.length > 0 ? line.content.spanOf(line.content.length - 1, line.content.length).end : 0;
      return { file: line.file, start: s, end: s, line: li };
    }
    const span = line.content.spanOf(from, to);
    return { file: line.file, start: span.start, end: span.end, line: li };
  }

  private location(start: number, end: number): Location {
    const l = this.locate(start, end);
    const f = this.read.files[l.file];
    return { file: f.path, range: f.index.rangeOf(l.start, l.end) };
  }

  private issueAtVirtual(
    start: number,
    end: number,
    kind: SyntaxIssue["kind"],
    message: string,
    severity: "error" | "warning" = "error",
  ): void {
    const loc = this.location(start, end);
    this.issues.push({ kind, message, file: loc.file, range: loc.range, severity });
  }

  private word(token: IToken): KaWord {
    const start = token.startOffset;
    const end = start + token.image.length;
    const l = this.locate(start, end);
    const line = this.read.lines[l.line].content;
    const base = this.lineStarts[l.line];
    let expanded = false;
    for (let i = start - base; i < end - base; i++) {
      if (line.ends[i] - line.starts[i] !== 1) {
        expanded = true;
        break;
      }
    }
    const f = this.read.files[l.file];
    const quoted = token.tokenType === Quoted;
    let value = token.image;
    if (quoted) value = value.endsWith('"') && value.length > 1 ? value.slice(1, -1) : value.slice(1);
    return {
      text: f.text.slice(l.start, l.end),
      value,
      quoted,
      expanded,
      file: f.path,
      range: f.index.rangeOf(l.start, l.end),
    };
  }

  private document(cst: CstNode): KaStatement[] {
    const items = this.ordered(cst);
    const out: KaStatement[] = [];
    for (const item of items) {
      if ("image" in item) {
        if (item.tokenType === RBrace) {
          this.issueAtVirtual(
            item.startOffset,
            item.startOffset + 1,
            "unbalanced-brace",
            "extra '}' with no block open; keepalived reports \"Extra '}' found\" and the structure after it changes",
          );
        }
        continue;
      }
      if (item.name === "statement") out.push(this.statement(item));
      else if (item.name === "block") this.orphanBlock(item, out);
    }
    return out;
  }

  private orphanBlock(node: CstNode, into: KaStatement[]): void {
    const open = (node.children.LBrace?.[0] as IToken | undefined) ?? undefined;
    if (open)
      this.issueAtVirtual(
        open.startOffset,
        open.startOffset + 1,
        "syntax-error",
        "'{' without a keyword before it; keepalived treats it as an unknown keyword",
      );
    const block = this.block(node);
    into.push(...block.statements);
  }

  private statement(node: CstNode): KaStatement {
    const tokens = (node.children.word ?? []) as IToken[];
    const words = tokens.map((t) => this.word(t));
    const keyword = words[0];
    const first = tokens[0];
    const last = tokens[tokens.length - 1];
    const li = this.lineAt(first.startOffset);
    const base = this.lineStarts[li];
    const lineText = this.read.lines[li].content.text.slice(
      first.startOffset - base,
      last.startOffset + last.image.length - base,
    );
    const blockNode = (node.children.block?.[0] as CstNode | undefined) ?? undefined;
    const statement: KaStatement = {
      keyword,
      args: words.slice(1),
      line: lineText,
      file: keyword.file,
      range: { start: keyword.range.start, end: words[words.length - 1].range.end },
    };
    this.checkTrailingBackslash(words[words.length - 1], last);
    const comment = this.read.lines[this.lineAt(last.startOffset)].comment;
    if (comment) {
      const f = this.read.files[this.read.lines[this.lineAt(last.startOffset)].file];
      statement.comment = {
        text: f.text.slice(comment.start, comment.end),
        range: f.index.rangeOf(comment.start, comment.end),
        glued: comment.glued,
      };
    }
    if (blockNode) {
      statement.block = this.block(blockNode);
      const end = statement.block.close ?? (statement.block.statements.length > 0 ? undefined : statement.block.open);
      const lastInner = statement.block.statements[statement.block.statements.length - 1];
      const endRange: Range | undefined =
        end?.file === statement.file ? end.range : lastInner?.file === statement.file ? lastInner.range : undefined;
      if (endRange) statement.range = { start: statement.range.start, end: endRange.end };
    }
    return statement;
  }

  private checkTrailingBackslash(word: KaWord, token: IToken): void {
    const m = /\\+$/.exec(token.image);
    if (!m || m[0].length % 2 === 0) return;
    const end = token.startOffset + token.image.length;
    this.issueAtVirtual(
      end - 1,
      end,
      "trailing-backslash",
      "a trailing '\\' continues only a $NAME= definition; here keepalived keeps it as part of the word and reads the next line on its own",
      "warning",
    );
    void word;
  }

  private block(node: CstNode): KaBlock {
    const open = node.children.LBrace[0] as IToken;
    const close = node.children.RBrace?.[0] as IToken | undefined;
    const statements: KaStatement[] = [];
    for (const item of this.ordered(node)) {
      if ("image" in item) continue;
      if (item.name === "statement") statements.push(this.statement(item));
      else if (item.name === "block") this.orphanBlock(item, statements);
    }
    const block: KaBlock = { open: this.location(open.startOffset, open.startOffset + 1), statements };
    if (close && !close.isInsertedInRecovery) block.close = this.location(close.startOffset, close.startOffset + 1);
    else {
      this.issues.push({
        kind: "unbalanced-brace",
        message:
          "this '{' is never closed; keepalived reports a missing '}' and everything after it lands inside this block",
        file: block.open.file,
        range: block.open.range,
        severity: "error",
      });
    }
    return block;
  }

  /** Children of a CST node in source order (tokens and sub-nodes), skipping newlines. */
  private ordered(node: CstNode): (IToken | CstNode)[] {
    const items: { offset: number; item: IToken | CstNode }[] = [];
    for (const [key, list] of Object.entries(node.children)) {
      for (const child of list) {
        if ("image" in child) {
          if (child.tokenType === Newline) continue;
          if (key === "LBrace" || (key === "RBrace" && node.name === "block")) continue;
          items.push({ offset: child.startOffset, item: child });
        } else {
          items.push({ offset: firstOffset(child), item: child });
        }
      }
    }
    items.sort((a, b) => a.offset - b.offset);
    return items.map((i) => i.item);
  }
}

function firstOffset(node: CstNode): number {
  let best = Number.POSITIVE_INFINITY;
  for (const list of Object.values(node.children)) {
    const c = list[0];
    if (!c) continue;
    const o = "image" in c ? c.startOffset : firstOffset(c);
    if (o < best) best = o;
  }
  return best;
}
