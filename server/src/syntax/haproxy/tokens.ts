/**
 * Tokens of haproxy.cfg (HAProxy `parse_line()`): words made of plain, escaped, "weak" and 'strong' quoted pieces;
 * comments; line ends.
 */
import { createToken, Lexer } from "chevrotain";

/** HAProxy reads lines with fgets(): only LF ends a line (a CR before it is dropped). */
export const Newline = createToken({ name: "Newline", pattern: /\r?\n/, line_breaks: true });
/** parse_line() stops at a CR: what follows a CR that is not part of CRLF, up to the next LF, is never read. */
export const UnreadAfterCarriageReturn = createToken({
  name: "UnreadAfterCarriageReturn",
  pattern: /\r[^\n]*/,
  group: Lexer.SKIPPED,
  line_breaks: true,
});
export const Blank = createToken({ name: "Blank", pattern: /[ \t\f\v]+/, group: Lexer.SKIPPED });
/** `#` outside quotes, unescaped, starts a comment anywhere on the line. */
export const Comment = createToken({ name: "Comment", pattern: /#[^\r\n]*/, group: "comments" });
/**
 * One argument: a run of plain characters, backslash escapes, "double-quoted" (escapes and `$VAR` expanded) and
 * 'single-quoted' (literal) pieces. An unterminated quote runs to the end of the line; the tree builder reports it.
 * Inside double quotes, the default of `${NAME-default}` runs to the next `}` whatever it holds (quotes and blanks
 * included), as parse_line() reads it.
 */
export const Word = createToken({
  name: "Word",
  pattern:
    /(?:[^ \t\f\v\r\n"'\\#]|\\[^\r\n]?|"(?:\$\{[A-Za-z_.][A-Za-z0-9_]*(?:\[\*\])?-[^}\r\n]*\}|[^"\\\r\n]|\\[^\r\n]?)*"?|'[^'\r\n]*'?)+/,
  line_breaks: false,
});

export const allTokens = [Newline, UnreadAfterCarriageReturn, Blank, Comment, Word];

export const haproxyLexer = new Lexer(allTokens, { positionTracking: "onlyOffset", ensureOptimizations: false });
