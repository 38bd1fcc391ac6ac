/**
 * Wraps comments that make lines longer than the print width: a one-line `/** ... *\/` becomes a block comment of
 * several lines, and a `// ...` line (alone on its line) becomes several `//` lines. Words are never split.
 *
 *   npx tsx scripts/house/wrap-long-comments.ts [--width 120] FILE...
 */
import { readFileSync, writeFileSync } from "node:fs";

function argument(name: string): string | undefined {
  const index = process.argv.indexOf(name);
  return index >= 0 ? process.argv[index + 1] : undefined;
}

/** The words of `text` in lines of at most `room` characters. */
function wrapWords(text: string, room: number): string[] {
  const out: string[] = [];
  let current = "";
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (current !== "" && current.length + 1 + word.length > room) {
      out.push(current);
      current = word;
    } else current = current === "" ? word : `${current} ${word}`;
  }
  if (current !== "") out.push(current);
  return out;
}

export function wrapLongComments(text: string, width: number): string {
  return text
    .split("\n")
    .flatMap((line) => {
      if (line.length <= width) return [line];
      const block = /^(\s*)\/\*\* (.*) \*\/$/.exec(line);
      if (block) {
        const [, indent, body] = block;
        const wrapped = wrapWords(body, width - indent.length - 3).map((part) => `${indent} * ${part}`);
        return [`${indent}/**`, ...wrapped, `${indent} */`];
      }
      const slashes = /^(\s*)\/\/ (.*)$/.exec(line);
      if (slashes) {
        const [, indent, body] = slashes;
        return wrapWords(body, width - indent.length - 3).map((part) => `${indent}// ${part}`);
      }
      return [line];
    })
    .join("\n");
}

function main(): void {
  const width = Number(argument("--width") ?? 120);
  const files = process.argv
    .slice(2)
    .filter((entry, index, all) => entry !== "--width" && all[index - 1] !== "--width");
  let changed = 0;
  for (const file of files) {
    const text = readFileSync(file, "utf8");
    const wrapped = wrapLongComments(text, width);
    if (wrapped !== text) {
      writeFileSync(file, wrapped);
      changed++;
    }
  }
  console.log(`${changed} of ${files.length} files changed`);
}

main();
