/**
 * Chevrotain grammar of keepalived's block structure. It accepts every token sequence: a missing `}` or a
 * stray `}` is left for the tree builder to report, so a half-typed file still yields a full tree.
 */
import { CstParser, type CstNode, type IToken } from "chevrotain";
import { allTokens, LBrace, Newline, Quoted, RBrace, Word } from "./tokens.js";

class KeepalivedParser extends CstParser {
  constructor() {
    // skipValidations: the grammar is fixed and tiny; validating it (ambiguities, left recursion) on every start cost
    // a cold CLI run tens of milliseconds. Remove the flag once when changing the grammar to have it checked.
    super(allTokens, { recoveryEnabled: true, nodeLocationTracking: "none", skipValidations: true });
    this.performSelfAnalysis();
  }

  document = this.RULE("document", () => {
    this.MANY(() => {
      this.OR([
        { ALT: () => this.CONSUME(Newline) },
        { ALT: () => this.SUBRULE(this.statement) },
        { ALT: () => this.SUBRULE(this.block) },
        { ALT: () => this.CONSUME(RBrace, { LABEL: "strayClose" }) },
      ]);
    });
  });

  statement = this.RULE("statement", () => {
    this.AT_LEAST_ONE(() => {
      this.OR([
        { ALT: () => this.CONSUME(Word, { LABEL: "word" }) },
        { ALT: () => this.CONSUME(Quoted, { LABEL: "word" }) },
      ]);
    });
    this.MANY(() => this.CONSUME(Newline));
    this.OPTION(() => this.SUBRULE(this.block));
  });

  block = this.RULE("block", () => {
    this.CONSUME(LBrace);
    this.MANY(() => {
      this.OR([
        { ALT: () => this.CONSUME(Newline) },
        { ALT: () => this.SUBRULE(this.statement) },
        { ALT: () => this.SUBRULE(this.block, { LABEL: "orphan" }) },
      ]);
    });
    this.OPTION(() => this.CONSUME(RBrace));
  });
}

/** The one parser instance, reused for every parse. */
export const keepalivedParser = new KeepalivedParser();

export function parseTokens(tokens: IToken[]): CstNode {
  keepalivedParser.input = tokens;
  return keepalivedParser.document();
}
