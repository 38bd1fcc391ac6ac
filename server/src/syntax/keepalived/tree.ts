/** The keepalived syntax tree: statements with words and nested blocks, each with its exact source range. */
import type { SyntaxIssue } from "../issue.js";
import type { Location, Range } from "../source.js";
import type { Definition, IncludeRecord } from "./line-reader.js";

export interface KaWord {
  /** The source text the word covers, as written (quotes and `$NAME` references included). */
  text: string;
  /** What keepalived uses: quotes removed, definitions and sequences expanded. */
  value: string;
  /** Written in double quotes. */
  quoted: boolean;
  /** Produced (in whole or part) by a `$NAME` expansion or a `~SEQ` repetition. */
  expanded: boolean;
  file: string;
  range: Range;
}

export interface KaBlock {
  /** The `{`; an empty place at the end of the keyword line when keepalived opened the block without one. */
  open: Location;
  /** keepalived opened the block although no `{` follows the keyword ('Missing '{' at beginning of ...'). */
  openMissing?: boolean;
  /** Missing when the block is never closed. */
  close?: Location;
  statements: KaStatement[];
}

export interface KaStatement {
  keyword: KaWord;
  args: KaWord[];
  /** The logical line keepalived hands to script parsers (after comments and expansion, up to a brace). */
  line: string;
  /** The comment keepalived cut from the statement's line; `glued` when it touched a word (`auth_pass ab#c`). */
  comment?: { text: string; range: Range; glued: boolean };
  file: string;
  /** From the first word to the last word, or to the closing brace of the block. */
  range: Range;
  block?: KaBlock;
}

/** Where keepalived stops reading and exits (a keyword without the word its handler needs). */
export interface ReadingStop {
  location: Location;
  keyword: string;
  /** keepalived's 1-based word position of the missing word. */
  position: number;
  message: string;
}

export interface KeepalivedDocument {
  /** The root file. */
  file: string;
  /** Every file read (the root first, then included files). */
  files: string[];
  /** The config-id the conditional lines were evaluated for. */
  configId?: string;
  statements: KaStatement[];
  issues: SyntaxIssue[];
  definitions: (Omit<Definition, "file" | "start" | "end"> & { location: Location })[];
  includes: (Omit<IncludeRecord, "file" | "start" | "end" | "matched"> & { location: Location; matched: string[] })[];
  /** Lines left out by `@ID` conditions for this config-id. */
  inactive: Location[];
  /** keepalived exits at this line without starting: nothing after it is read. */
  stopped?: ReadingStop;
}

/** Depth-first walk over statements with the chain of enclosing keywords. */
export function* walkStatements(
  statements: readonly KaStatement[],
  parents: readonly KaStatement[] = [],
): Generator<{ statement: KaStatement; parents: readonly KaStatement[] }> {
  for (const statement of statements) {
    yield { statement, parents };
    if (statement.block) yield* walkStatements(statement.block.statements, [...parents, statement]);
  }
}
