/** Line-end variants shared by both tools: the text is the same, only how its lines end (or begin) changes. */
import type { SeededRandom } from "./seeded-random.js";
import { joinLines, splitLines, type Mutation } from "./variant.js";

/** Line ends: none at the end, CRLF, mixed, CR only, trailing blanks, tabs, a byte-order mark, an empty file. */
export const lineEndings = (random: SeededRandom, text: string): Mutation => {
  const { lines, finalNewline } = splitLines(text);
  const kind = random.pick([
    "no-final-newline",
    "crlf",
    "mixed",
    "cr",
    "trailing-blanks",
    "tabs",
    "bom",
    "empty",
    "blank-lines",
    "crlf-no-final",
  ]);
  const mutation = `line ends: ${kind}`;
  const out = (t: string): Mutation => ({ category: "line-endings", mutation, text: t });
  switch (kind) {
    case "no-final-newline":
      return out(lines.join("\n"));
    case "crlf":
      return out(lines.join("\r\n") + (finalNewline ? "\r\n" : ""));
    case "crlf-no-final":
      return out(lines.join("\r\n"));
    case "mixed":
      return out(
        lines.map((l, i) => l + (i === lines.length - 1 ? "" : random.chance(0.4) ? "\r\n" : "\n")).join("") + "\n",
      );
    case "cr":
      return out(lines.join("\r") + "\r");
    case "trailing-blanks":
      return out(
        joinLines(
          lines.map((l) => (random.chance(0.3) ? `${l}${random.pick([" ", "\t", "  \t"])}` : l)),
          finalNewline,
        ),
      );
    case "tabs":
      return out(
        joinLines(
          lines.map((l) => l.replace(/^ +/, (s) => "\t".repeat(Math.ceil(s.length / 4)))),
          finalNewline,
        ),
      );
    case "bom":
      return out(`\ufeff${joinLines(lines, finalNewline)}`);
    case "empty":
      return out(random.pick(["", "\n", "   \n", "# only a comment\n", "# no newline"]));
    default:
      return out(
        joinLines(
          lines.flatMap((l) => (random.chance(0.2) ? [l, random.pick(["", "   ", "\t"])] : [l])),
          finalNewline,
        ),
      );
  }
};
