/** The soak test's random source and the edits it makes to a document's text. */

export type Random = () => number;

/** A small deterministic PRNG (mulberry32). */
export function rng(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let mixed = state;
    mixed = Math.imul(mixed ^ (mixed >>> 15), mixed | 1);
    mixed ^= mixed + Math.imul(mixed ^ (mixed >>> 7), mixed | 61);
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4294967296;
  };
}

/** Tokens that break or bend the grammars: braces, quotes, escapes, expansions, conditionals. */
const GARBAGE = [
  "{",
  "}",
  '"',
  "\\",
  "#",
  "!",
  "$X=",
  "${X}",
  "~SEQ(",
  "include *",
  "\u0000",
  "\ufffd",
  "\r",
  "\t",
  "vrrp_instance",
  "backend",
  "server s 1.2.3.4:5 check",
  "@lb01",
  ".if",
  ".endif",
];

/**
 * The document's next text: one time in ten the original file back, one in ten a pile of garbage tokens, one in ten
 * empty; otherwise a local edit of the current text (insert, delete or replace a few characters or a token).
 */
export function newText(random: Random, current: string, original: string): string {
  const int = (n: number): number => Math.floor(random() * n);
  const kind = int(10);
  if (kind === 0) return original;
  if (kind === 1)
    return Array.from({ length: int(200) }, () => GARBAGE[int(GARBAGE.length)] + (random() < 0.3 ? "\n" : " ")).join(
      "",
    );
  if (kind === 2) return "";
  const at = int(current.length + 1);
  const cut = int(6);
  const inserted = random() < 0.5 ? GARBAGE[int(GARBAGE.length)] : String.fromCharCode(32 + int(95));
  const next = current.slice(0, at) + (kind < 6 ? inserted : "") + current.slice(at + (kind < 8 ? cut : 0));
  return next.length > 200_000 ? original : next;
}
