/**
 * keepalived.conf text -> syntax tree, the way keepalived 2.2.7 reads it: the line reader (read_line(), which also
 * splits lines at braces), the word splitter (alloc_strvec_r()) and a block builder driven by the keyword table, as
 * lib/parser.c process_stream() and alloc_value_block() are. Only a keyword that takes a block opens one: a `{` after
 * any other keyword is ignored ('Unexpected '{' - ignoring') and the next `}` closes the enclosing block. Braces are
 * also counted on their own, as read_line() counts them ('Extra '}' found', 'There are N missing '}'s'). A keyword
 * whose handler needs a word the line does not have stops keepalived (null_strvec(): 'is missing a parameter'):
 * the tree ends there, as keepalived's reading does.
 */
import type { SyntaxIssue } from "../issue.js";
import type { Location } from "../source.js";
import { keepalivedKeywords, ROOT_BLOCK, type KeepalivedKeywords } from "../../schema/keepalived-keywords.js";
import {
  readKeepalived,
  type LogicalLine,
  type ReaderIssue,
  type ReaderOptions,
  type ReadResult,
  type SourceHost,
} from "./line-reader.js";
import { missingParameterStops } from "./missing-parameter.js";
import type { KaBlock, KaStatement, KaWord, KeepalivedDocument, ReadingStop } from "./tree.js";
import { splitLineWords, type LineWord } from "./words.js";

/**
 * List blocks whose keyword takes a name before the block: vsg_handler() (check_parser.c, v2.2.7 to v2.3.4) keeps
 * the name and hands alloc_value_block() the line without it, so only a word after the name is "extra".
 */
const NAMED_LIST_BLOCKS: ReadonlySet<string> = new Set(["virtual_server_group"]);

export type { SourceHost } from "./line-reader.js";

export interface KeepalivedParseOptions extends ReaderOptions {
  /** The keepalived version whose keyword table decides which keywords open blocks ("2.2", "2.3", "2.4"). */
  version?: string;
}

/** A host that knows only the root file: includes match nothing. */
export const noIncludes: SourceHost = { readFile: () => undefined, glob: () => [] };

export function parseKeepalived(
  file: string,
  text: string,
  host: SourceHost = noIncludes,
  options: KeepalivedParseOptions = {},
): KeepalivedDocument {
  const read = readKeepalived(file, text, host, options);
  return new TreeBuilder(read, options.configId, keepalivedKeywords(options.version ?? "2.2")).build();
}

/** The word positions at which a missing word stops this version of keepalived, by "block keyword". */
function stopsOf(version: string): Readonly<Record<string, readonly number[]>> {
  const known = Object.keys(missingParameterStops).sort(compareVersions);
  const exact = missingParameterStops[version];
  if (exact) return exact;
  // A version no binary was probed for takes the table of the closest older one.
  const older = known.filter((v) => compareVersions(v, version) <= 0);
  return missingParameterStops[older[older.length - 1] ?? known[0]] ?? {};
}

function compareVersions(a: string, b: string): number {
  const [am, an] = a.split(".").map(Number);
  const [bm, bn] = b.split(".").map(Number);
  return am - bm || an - bn;
}

interface LineView {
  line: LogicalLine;
  words: LineWord[];
}

interface BlockRead {
  statements: KaStatement[];
  open?: Location;
  close?: Location;
}

class TreeBuilder {
  private readonly views: LineView[];
  private readonly issues: SyntaxIssue[] = [];
  private readonly stops: Readonly<Record<string, readonly number[]>>;
  private at = 0;
  private stop: { index: number; reading: ReadingStop } | undefined;
  /** `{` lines keepalived ignores, with the block they stand in and the `}` that then closes that block. */
  private readonly ignoredOpens: { place: Location; where: string; closedAt?: Location }[] = [];
  /** `}` lines read at the top level. */
  private readonly topCloses: Location[] = [];
  /** Blocks keepalived opened and never closed: their `{`. */
  private readonly unclosed: { place: Location; keyword: string }[] = [];
  /** The lines (indexes of `views`) this reading takes at the top level: statements, ignored `{`, `}`. */
  private readonly rootLines = new Set<number>();

  constructor(
    private readonly read: ReadResult,
    private readonly configId: string | undefined,
    private readonly keywords: KeepalivedKeywords,
  ) {
    this.stops = stopsOf(keywords.version);
    this.views = read.lines.map((line) => ({ line, words: splitLineWords(line.content.text).words }));
  }

  build(): KeepalivedDocument {
    const root = this.keywordBlock(ROOT_BLOCK, 0, false);
    const lastRead = this.stop ? this.stop.index : this.views.length - 1;
    const braceIssues = [...this.braceIssues(), ...this.skippingIssues()];
    const readerIssues = this.read.issues.filter((i) => this.stop === undefined || i.linesBefore <= lastRead);
    const files = this.read.files;
    const loc = (file: number, start: number, end: number): Location => ({
      file: files[file].path,
      range: files[file].index.rangeOf(start, end),
    });
    const document: KeepalivedDocument = {
      file: files[0].path,
      files: files.map((f) => f.path),
      configId: this.configId,
      statements: root.statements,
      issues: this.ordered([...readerIssues.map(withoutOrder), ...this.issues, ...braceIssues]),
      definitions: this.read.definitions.map((d) => ({
        name: d.name,
        value: d.value,
        location: loc(d.file, d.start, d.end),
      })),
      includes: this.read.includes
        .filter((i) => this.stop === undefined || i.linesBefore <= lastRead)
        .map((i) => ({
          pattern: i.pattern,
          location: loc(i.file, i.start, i.end),
          matched: i.matched.map((m) => files[m].path),
        })),
      inactive: this.read.inactive.map((s) => loc(s.file, s.start, s.end)),
    };
    if (this.stop) document.stopped = this.stop.reading;
    return document;
  }

  /** Issues in reading order of the files (the root first), then by place. */
  private ordered(issues: SyntaxIssue[]): SyntaxIssue[] {
    const rank = new Map(this.read.files.map((f, i) => [f.path, i]));
    return issues.sort(
      (a, b) =>
        (rank.get(a.file) ?? 0) - (rank.get(b.file) ?? 0) ||
        a.range.start.line - b.range.start.line ||
        a.range.start.character - b.range.start.character,
    );
  }

  // ------------------------------------------------------------------ places

  private location(view: LineView, from: number, to: number): Location {
    const file = this.read.files[view.line.file];
    const span = view.line.content.spanOf(from, to);
    return { file: file.path, range: file.index.rangeOf(span.start, span.end) };
  }

  private wordLocation(view: LineView, word: LineWord): Location {
    return this.location(view, word.from, word.to);
  }

  private lineLocation(view: LineView): Location {
    return this.location(view, 0, view.line.content.length);
  }

  private issue(
    kind: SyntaxIssue["kind"],
    place: Location,
    message: string,
    severity: SyntaxIssue["severity"],
    code: string,
    data?: SyntaxIssue["data"],
  ): SyntaxIssue {
    const issue: SyntaxIssue = { kind, code, message, file: place.file, range: place.range, severity };
    if (data) issue.data = data;
    this.issues.push(issue);
    return issue;
  }

  private word(view: LineView, token: LineWord): KaWord {
    const content = view.line.content;
    const expanded = !content.isVerbatim(token.from, token.to);
    const file = this.read.files[view.line.file];
    const span = content.spanOf(token.from, token.to);
    return {
      text: file.text.slice(span.start, span.end),
      value: token.value,
      quoted: token.quoted,
      expanded,
      file: file.path,
      range: file.index.rangeOf(span.start, span.end),
    };
  }

  private statement(view: LineView, tokens: readonly LineWord[]): KaStatement {
    const words = tokens.map((t) => this.word(view, t));
    const keyword = words[0];
    const first = tokens[0];
    const last = tokens[tokens.length - 1];
    const statement: KaStatement = {
      keyword,
      args: words.slice(1),
      line: view.line.content.text.slice(first.from, last.to),
      file: keyword.file,
      range: { start: keyword.range.start, end: words[words.length - 1].range.end },
    };
    this.checkTrailingBackslash(view, last);
    const comment = view.line.comment;
    if (comment) {
      const f = this.read.files[view.line.file];
      statement.comment = {
        text: f.text.slice(comment.start, comment.end),
        range: f.index.rangeOf(comment.start, comment.end),
        glued: comment.glued,
      };
    }
    return statement;
  }

  private checkTrailingBackslash(view: LineView, token: LineWord): void {
    const m = /\\+$/.exec(view.line.content.text.slice(token.from, token.to));
    if (!m || m[0].length % 2 === 0) return;
    this.issue(
      "trailing-backslash",
      this.location(view, token.to - 1, token.to),
      "a trailing '\\' continues only a $NAME= definition; here keepalived keeps it as part of the word and reads " +
        "the next line on its own",
      "warning",
      "trailing-backslash",
    );
  }

  /** The block statement's range runs to its closing brace (or its last statement in the same file). */
  private extendRange(statement: KaStatement): void {
    const block = statement.block;
    if (!block) return;
    const end = block.close ?? (block.statements.length > 0 ? undefined : block.open);
    const lastInner = block.statements[block.statements.length - 1];
    const endRange =
      end?.file === statement.file ? end.range : lastInner?.file === statement.file ? lastInner.range : undefined;
    if (endRange) statement.range = { start: statement.range.start, end: endRange.end };
  }

  // ------------------------------------------------------------------ process_stream()

  /** Statements of a block of keywords, up to the `}` that closes it (process_stream()). */
  private keywordBlock(blockId: string, level: number, needOpen: boolean, owner = ""): BlockRead {
    const read: BlockRead = { statements: [] };
    const where = blockId === ROOT_BLOCK ? "the top level" : `the ${blockId.split("/").pop()} block`;
    const ignored: { place: Location; where: string; closedAt?: Location }[] = [];
    while (this.at < this.views.length && !this.stop) {
      const view = this.views[this.at++];
      const tokens = view.words;
      if (tokens.length === 0) continue;
      if (level === 0) this.rootLines.add(this.at - 1);
      const first = tokens[0].value;
      if (needOpen) {
        needOpen = false;
        if (first === "{") {
          read.open = this.wordLocation(view, tokens[0]);
          continue;
        }
        this.issue(
          "block-structure",
          this.wordLocation(view, tokens[0]),
          "Missing '{' at beginning of configuration block",
          "warning",
          "missing-open",
          { keyword: owner, list: 0 },
        );
      } else if (first === "{") {
        const entry = { place: this.wordLocation(view, tokens[0]), where };
        ignored.push(entry);
        this.ignoredOpens.push(entry);
        continue;
      }
      if (first === "}") {
        const here = this.wordLocation(view, tokens[0]);
        if (level > 0) {
          read.close = here;
          for (const entry of ignored) entry.closedAt = here;
          return read;
        }
        this.topCloses.push(here);
        continue;
      }
      const statement = this.statement(view, tokens);
      read.statements.push(statement);
      const spec = this.keywords.keyword(blockId, first);
      if (!spec) continue;
      let open = true;
      if (spec.block && statement.args.length > 0 && statement.args[statement.args.length - 1].value === "{") {
        // Only a quoted "{" can still stand on the keyword line (read_line() splits at every other brace).
        statement.args.pop();
        open = false;
      }
      if (this.stopsHere(blockId, view, statement)) return read;
      if (!spec.block) continue;
      const inner = this.keywords.block(spec.block)?.kind === "list" ? this.listBlock(statement) : undefined;
      const sub = inner ?? this.keywordBlock(spec.block, level + 1, open, statement.keyword.value);
      const block: KaBlock = {
        open: sub.open ?? this.afterKeyword(statement),
        statements: sub.statements,
      };
      if (!sub.open) block.openMissing = true;
      if (sub.close) block.close = sub.close;
      else if (sub.open && !this.stop) this.unclosed.push({ place: sub.open, keyword: statement.keyword.value });
      statement.block = block;
      this.extendRange(statement);
    }
    return read;
  }

  /** An empty place at the end of a block keyword's line, standing for a `{` that is not there. */
  private afterKeyword(statement: KaStatement): Location {
    const last = statement.args[statement.args.length - 1] ?? statement.keyword;
    return { file: last.file, range: { start: last.range.end, end: last.range.end } };
  }

  // ------------------------------------------------------------------ alloc_value_block()

  /** The lines of a list block (virtual_ipaddress, unicast_peer, track_script ...): each line one entry. */
  private listBlock(owner: KaStatement): BlockRead {
    const read: BlockRead = { statements: [] };
    let needOpen = true;
    const named = NAMED_LIST_BLOCKS.has(owner.keyword.value);
    const wordsBeforeBlock = named ? owner.args.slice(1) : owner.args;
    if (named && wordsBeforeBlock.length > 0) {
      this.stopAtNamedListWord(owner, wordsBeforeBlock[0]);
      return read;
    }
    if (wordsBeforeBlock.length > 0) {
      const extra = wordsBeforeBlock[0];
      this.issue(
        "block-structure",
        { file: extra.file, range: extra.range },
        `Block ${owner.keyword.value} has extra parameters ${extra.value} ...`,
        "warning",
        "extra-words",
        { keyword: owner.keyword.value, word: extra.value },
      );
    }
    while (this.at < this.views.length && !this.stop) {
      const view = this.views[this.at++];
      let tokens = view.words;
      if (tokens.length === 0) continue;
      if (needOpen) {
        needOpen = false;
        if (tokens[0].value === "{") {
          read.open = this.wordLocation(view, tokens[0]);
          if (tokens.length === 1) continue;
          tokens = tokens.slice(1);
        } else {
          this.issue(
            "block-structure",
            this.wordLocation(view, tokens[0]),
            `'{' missing from beginning of block ${owner.keyword.value}`,
            "warning",
            "missing-open",
            { keyword: owner.keyword.value, list: 1 },
          );
        }
      }
      const last = tokens[tokens.length - 1];
      if (last.value === "}") {
        read.close = this.wordLocation(view, last);
        if (tokens.length > 1) read.statements.push(this.statement(view, tokens.slice(0, -1)));
        return read;
      }
      read.statements.push(this.statement(view, tokens));
    }
    if (read.open && !this.stop) this.unclosed.push({ place: read.open, keyword: owner.keyword.value });
    return read;
  }

  // ------------------------------------------------------------------ null_strvec()

  /** Whether keepalived's handler for this keyword stops on a missing word; then the reading ends here. */
  private stopsHere(blockId: string, view: LineView, statement: KaStatement): boolean {
    const positions = this.stops[`${blockId} ${statement.keyword.value}`];
    const missing = statement.args.length + 2;
    if (!positions?.includes(missing)) return false;
    const keyword = statement.keyword.value;
    const after = statement.args[statement.args.length - 1]?.value ?? keyword;
    const message =
      `*** Configuration line starting \`${keyword}\` is missing a parameter after keyword \`${after}\` at word ` +
      `position ${missing}`;
    const place: Location = { file: statement.file, range: statement.range };
    const data = { keyword, after, position: missing, cutBy: this.cutByBrace(view) ?? "" };
    this.issue("missing-parameter", place, message, "error", "missing-parameter", data);
    this.stop = { index: this.views.indexOf(view), reading: { location: place, keyword, position: missing, message } };
    return true;
  }

  /**
   * A word after the name of a named list block: vsg_handler() hands alloc_value_block() a line whose first slot is
   * empty, so the "extra parameters" report asks strvec_slot() for that slot and null_strvec() stops keepalived (exit
   * code 2, 'Configuration line starting `***MISSING ***` is missing a parameter at word position 1').
   */
  private stopAtNamedListWord(owner: KaStatement, word: KaWord): void {
    const keyword = owner.keyword.value;
    const message = "*** Configuration line starting `***MISSING ***` is missing a parameter at word position 1";
    const place: Location = { file: owner.file, range: owner.range };
    const data = { keyword, after: keyword, position: 1, word: word.value, cutBy: "" };
    this.issue("missing-parameter", place, message, "error", "missing-parameter", data);
    this.stop = { index: this.at - 1, reading: { location: place, keyword, position: 1, message } };
  }

  /**
   * The brace read_line() split off the physical line right after this logical line, when words followed it there
   * (`priority {100}`: the value went to a line of its own); undefined when nothing but the brace followed.
   */
  private cutByBrace(view: LineView): string | undefined {
    const index = this.views.indexOf(view);
    const brace = this.views[index + 1];
    const after = this.views[index + 2];
    if (!brace || !after || !this.samePhysicalLine(view, brace) || !this.samePhysicalLine(brace, after))
      return undefined;
    const text = brace.line.content.text;
    return text === "{" || text === "}" ? text : undefined;
  }

  private samePhysicalLine(a: LineView, b: LineView): boolean {
    if (a.line.file !== b.line.file || a.line.content.length === 0 || b.line.content.length === 0) return false;
    const end = a.line.content.endOf(a.line.content.length - 1);
    const start = b.line.content.startOf(0);
    return start >= end && !this.read.files[a.line.file].text.slice(end, start).includes("\n");
  }

  // ------------------------------------------------------------------ read_line() block_depth

  /**
   * Brace problems: read_line() counts braces on their own ('Extra '}' found' on the line; 'There are N missing
   * '}'s or extra '{'s' at the end, on no line), process_stream() ignores a `{` after a keyword that takes none and
   * takes a `}` at the top level for a keyword. Each is reported once, at the brace it concerns.
   */
  /**
   * What keepalived's other processes read at the top level. Each process runs the handlers of its own blocks only
   * (the VRRP process vrrp_instance, vrrp_script ...; the checker virtual_server ...; the parent neither) and skips
   * every other top-level block by counting braces (lib/parser.c process_stream(), skip_sublevel, at v2.2.7, v2.3.3
   * and v2.3.4): from the `{` after its keyword to the `}` that brings the count back to 0. A list block written
   * without its `{` (`unicast_peer` then an address line) makes that count end at the list's `}`, one block early,
   * and the lines after it are read at the top level: 'Unknown keyword' for each word there, 'Unexpected '{' -
   * ignoring' for a `{`, even though the process that runs the block reads them as meant. Reported here only for
   * the lines this reading does not take at the top level itself (those are reported as usual). global_defs is read
   * by every process and is counted the same way.
   */
  private skippingIssues(): SyntaxIssue[] {
    const out: SyntaxIssue[] = [];
    let depth = 0;
    let skipped = "";
    let endedAt: Location | undefined;
    for (let i = 0; i < this.views.length; i++) {
      const view = this.views[i];
      const tokens = view.words;
      if (tokens.length === 0) continue;
      const first = tokens[0].value;
      if (depth === -1) {
        depth = first === "{" ? 1 : 0;
        if (depth === 1) continue;
      }
      if (depth > 0) {
        for (const token of tokens) {
          if (token.value === "{") depth++;
          else if (token.value === "}" && --depth === 0) {
            endedAt = this.wordLocation(view, token);
            break;
          }
        }
        continue;
      }
      const spec = first === "{" || first === "}" ? undefined : this.keywords.keyword(ROOT_BLOCK, first);
      if (spec?.block) {
        skipped = first;
        depth = tokens[tokens.length - 1].value === "{" && tokens.length > 1 ? 1 : -1;
        continue;
      }
      if (spec || this.rootLines.has(i)) continue;
      const place = this.wordLocation(view, tokens[0]);
      const data = { word: first, keyword: skipped, closeLine: endedAt ? endedAt.range.start.line + 1 : 0 };
      if (first === "{")
        out.push({
          kind: "block-structure",
          message: "Unexpected '{' - ignoring",
          ...at(place),
          severity: "warning",
          code: "skipped-open",
          data,
        });
      else
        out.push({
          kind: "block-structure",
          message: `Unknown keyword '${first}'`,
          ...at(place),
          severity: "warning",
          code: "skipped-unknown",
          data,
        });
    }
    return out;
  }

  private braceIssues(): SyntaxIssue[] {
    const out: SyntaxIssue[] = [];
    const open: Location[] = [];
    const extra = new Set<string>();
    const key = (l: Location): string => `${l.file}:${l.range.start.line}:${l.range.start.character}`;
    const top = new Set(this.topCloses.map(key));
    // keepalived's parent and checker read on after a missing parameter stops the VRRP process: the count runs to
    // the end of the file
    for (let i = 0; i < this.views.length; i++) {
      const view = this.views[i];
      const text = view.line.content.text;
      if (text === "{") open.push(this.lineLocation(view));
      else if (text === "}" && open.pop() === undefined) {
        const place = this.lineLocation(view);
        extra.add(key(place));
        out.push({
          kind: "unbalanced-brace",
          message: "Extra '}' found",
          ...at(place),
          severity: "warning",
          code: "extra-close",
          data: { top: top.has(key(place)) ? 1 : 0 },
        });
      }
    }
    const missing = this.stop ? 0 : open.length;
    const counted = missing > 0 ? `; at the end: There are ${missing} missing '}'s or extra '{'s` : "";
    for (const entry of this.ignoredOpens)
      out.push({
        kind: "block-structure",
        message: `Unexpected '{' - ignoring${counted}`,
        ...at(entry.place),
        severity: "warning",
        code: "unexpected-open",
        data: { where: entry.where, closeLine: entry.closedAt ? entry.closedAt.range.start.line + 1 : 0, missing },
      });
    for (const place of this.topCloses) {
      if (extra.has(key(place))) continue;
      out.push({
        kind: "block-structure",
        message: "Unknown keyword '}'",
        ...at(place),
        severity: "warning",
        code: "close-at-top",
      });
    }
    for (const block of this.unclosed)
      out.push({
        kind: "unbalanced-brace",
        message: `There are ${missing} missing '}'s or extra '{'s`,
        ...at(block.place),
        severity: "warning",
        code: "unclosed",
        data: { keyword: block.keyword, missing },
      });
    return out;
  }
}

function at(loc: Location): { file: string; range: Location["range"] } {
  return { file: loc.file, range: loc.range };
}

function withoutOrder(issue: ReaderIssue): SyntaxIssue {
  const { linesBefore: _order, ...rest } = issue;
  void _order;
  return rest;
}
