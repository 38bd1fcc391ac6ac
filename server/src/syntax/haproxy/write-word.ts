/** Writing a value back as one haproxy.cfg word (for fixes): bare when it can be, double-quoted otherwise. */

/** Characters that end or change a bare word: blanks, quotes, the escape, a comment, variables. */
const BARE = /^[^\s"'\\#$]+$/;

export function haproxyWord(value: string): string {
  if (BARE.test(value)) return value;
  // Inside double quotes a backslash escapes '"', '\' and '$' (which would otherwise expand a variable).
  return `"${value.replace(/[\\"$]/g, (c) => `\\${c}`)}"`;
}
