/** Ranges inside a haproxy.cfg word, for findings about a part of it (an address, a fetch, an argument). */
import type { Range } from "../../syntax/source.js";
import type { HpWord } from "../../syntax/haproxy/tree.js";

/**
 * Range of characters [offset, offset+length) of a word's value, when the written text maps onto it one to one
 * (as written, or inside one pair of quotes); else the whole word.
 */
export function rangeInWord(word: HpWord, offset: number, length: number): Range {
  let shift: number | undefined;
  if (word.text === word.value) shift = 0;
  else if (
    word.text.length === word.value.length + 2 &&
    /^(["']).*\1$/s.test(word.text) &&
    word.text.slice(1, -1) === word.value
  )
    shift = 1;
  if (shift === undefined || word.range.start.line !== word.range.end.line) return word.range;
  const line = word.range.start.line;
  const start = word.range.start.character + shift + offset;
  return { start: { line, character: start }, end: { line, character: start + Math.max(1, length) } };
}
