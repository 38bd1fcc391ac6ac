/**
 * Shell text without its comments, so that a port or address mentioned in a comment is not taken for what a script
 * does.
 */
export function shellText(text: string): string {
  return text
    .split("\n")
    .map((line) => {
      if (/^\s*#/.test(line)) return "";
      // A '#' that starts a word begins a comment (not inside quotes: good enough for check scripts).
      let quote = "";
      for (let i = 0; i < line.length; i++) {
        const c = line[i];
        if (quote) {
          if (c === quote) quote = "";
        } else if (c === "'" || c === '"') quote = c;
        else if (c === "#" && (i === 0 || /\s/.test(line[i - 1]))) return line.slice(0, i);
      }
      return line;
    })
    .join("\n");
}
