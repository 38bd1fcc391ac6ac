/** Chevrotain grammar of haproxy.cfg: a file is lines, a line is words. Sections are recognised by the tree builder. */
import { CstParser, type CstNode, type IToken } from "chevrotain";
import { allTokens, Newline, Word } from "./tokens.js";

class HaproxyParser extends CstParser {
  constructor() {
    // skipValidations: the grammar is fixed and tiny; validating it (ambiguities, left recursion) on every start cost
    // a cold CLI run tens of milliseconds. Remove the flag once when changing the grammar to have it checked.
    super(allTokens, { recoveryEnabled: true, nodeLocationTracking: "none", skipValidations: true });
    this.performSelfAnalysis();
  }

  document = this.RULE("document", () => {
    this.MANY(() => {
      this.OR([{ ALT: () => this.CONSUME(Newline) }, { ALT: () => this.SUBRULE(this.line) }]);
    });
  });

  line = this.RULE("line", () => {
    this.AT_LEAST_ONE(() => this.CONSUME(Word));
  });
}

/** The one parser instance, reused for every parse. */
export const haproxyParser = new HaproxyParser();

export function parseTokens(tokens: IToken[]): CstNode {
  haproxyParser.input = tokens;
  return haproxyParser.document();
}
