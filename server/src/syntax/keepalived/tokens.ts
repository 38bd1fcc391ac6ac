/** Tokens of keepalived's configuration after its line reader: words, quoted words, braces and line ends. */
import { createToken, Lexer } from "chevrotain";

export const Newline = createToken({ name: "Newline", pattern: /\n/, line_breaks: true });
export const Blank = createToken({ name: "Blank", pattern: /[ \t\r\f\v]+/, group: Lexer.SKIPPED });
export const LBrace = createToken({ name: "LBrace", pattern: /\{/ });
export const RBrace = createToken({ name: "RBrace", pattern: /\}/ });
/** `"..."` groups words; keepalived drops the quotes (`alloc_strvec_r`). An unterminated quote runs to the end of the line. */
export const Quoted = createToken({ name: "Quoted", pattern: /"[^"\n]*"?/ });
/** Anything else up to a blank, a quote or a brace. */
export const Word = createToken({ name: "Word", pattern: /[^ \t\r\f\v\n"{}]+/ });

export const allTokens = [Newline, Blank, LBrace, RBrace, Quoted, Word];

/** One lexer for every parse (its tables are built once). */
export const keepalivedLexer = new Lexer(allTokens, { positionTracking: "onlyOffset", ensureOptimizations: false });
