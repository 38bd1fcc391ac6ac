/**
 * How keepalived splits a logical line into words for its keyword handlers (lib/parser.c `alloc_strvec_r()` at
 * v2.2.7): words are separated by blanks (space, tab, form feed, vertical tab, CR, LF); a word that starts with a
 * double quote runs to the next double quote and loses both quotes; any other word ends at a blank or at a double
 * quote. A double quote that is never closed ends the line: keepalived reports 'Unmatched quote' and keeps only the
 * words before it. Single quotes are ordinary characters.
 */

export interface LineWord {
  /** Characters [from, to) of the logical line that the word covers (quotes included). */
  from: number;
  to: number;
  /** What keepalived hands to the handler. */
  value: string;
  quoted: boolean;
}

export interface LineWords {
  words: LineWord[];
  /** Index of a double quote that is never closed: the words stop before it. */
  unmatchedQuote?: number;
}

const BLANKS = " \t\f\n\r\v";

export function splitLineWords(text: string): LineWords {
  const words: LineWord[] = [];
  let at = 0;
  for (;;) {
    while (at < text.length && BLANKS.includes(text[at])) at++;
    if (at >= text.length) return { words };
    const from = at;
    if (text[at] === '"') {
      const close = text.indexOf('"', at + 1);
      if (close < 0) return { words, unmatchedQuote: at };
      words.push({ from, to: close + 1, value: text.slice(at + 1, close), quoted: true });
      at = close + 1;
      continue;
    }
    while (at < text.length && !BLANKS.includes(text[at]) && text[at] !== '"') at++;
    words.push({ from, to: at, value: text.slice(from, at), quoted: false });
  }
}
