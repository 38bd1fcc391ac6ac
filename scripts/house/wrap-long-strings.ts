/**
 * Wraps the string literals that make lines longer than the print width (Prettier never breaks a string) into
 * concatenations of pieces split at blanks: `"a long text"` becomes `"a long " + "text"`, the same value. Case
 * tables (*.cases.ts) are left alone, and so are strings whose place would change meaning when split (`"x".length`,
 * type positions, keys); rule messages too with --skip-messages. A template literal is cut only in its text, never
 * inside a `${...}`: each piece is a template literal again.
 *
 *   npx tsx scripts/house/wrap-long-strings.ts [--width 120] [--skip-messages] FILE...
 *
 * Run `npx prettier --write` on the files afterwards (it lays the pieces out), and this script again until it
 * changes nothing: a piece's final indentation is only known once Prettier has placed it.
 */
import { readFileSync, writeFileSync } from "node:fs";
import ts from "typescript";

const MIN_PIECE = 30;
const LOOSER_OPERATORS = new Set<ts.SyntaxKind>([
  ts.SyntaxKind.EqualsToken,
  ts.SyntaxKind.PlusEqualsToken,
  ts.SyntaxKind.QuestionQuestionToken,
  ts.SyntaxKind.BarBarToken,
  ts.SyntaxKind.AmpersandAmpersandToken,
]);

function argument(name: string): string | undefined {
  const index = process.argv.indexOf(name);
  return index >= 0 ? process.argv[index + 1] : undefined;
}

/** Where a literal is a whole value, so that a `+` concatenation in its place means the same. */
type Literal = ts.StringLiteral | ts.NoSubstitutionTemplateLiteral | ts.TemplateExpression;

function isLiteral(node: ts.Node): node is Literal {
  return ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node) || ts.isTemplateExpression(node);
}

function isSplittablePlace(node: Literal): boolean {
  const parent = node.parent;
  if (ts.isPropertyAssignment(parent)) return parent.initializer === node;
  if (ts.isVariableDeclaration(parent)) return parent.initializer === node;
  if (ts.isCallExpression(parent) || ts.isNewExpression(parent)) return parent.arguments?.includes(node) ?? false;
  if (ts.isConditionalExpression(parent)) return parent.whenTrue === node || parent.whenFalse === node;
  // `+` binds tighter than these: `a = "x" + "y"`, `a ?? "x" + "y"` keep their meaning.
  if (ts.isBinaryExpression(parent)) return LOOSER_OPERATORS.has(parent.operatorToken.kind);
  return ts.isArrayLiteralExpression(parent) || ts.isReturnStatement(parent) || ts.isArrowFunction(parent);
}

const skipMessages = process.argv.includes("--skip-messages");

/** Inside the `messages` object of a rule or a legacy rule's `message:`. */
function isInMessages(node: ts.Node, file: string): boolean {
  for (let parent = node.parent; parent; parent = parent.parent) {
    if (!ts.isPropertyAssignment(parent)) continue;
    const name = parent.name.getText();
    if (name === "messages" || (name === "message" && file.includes("/rules/"))) return true;
  }
  return false;
}

/** Offsets in a literal's source text where it may be cut: after a blank (or a `\n`) of its text, never in `${}`. */
function cutPoints(node: Literal, source: ts.SourceFile): { blanks: number[]; newlines: number[] } {
  const start = node.getStart(source);
  const raw = node.getText(source);
  const texts: [number, number][] = [];
  if (ts.isTemplateExpression(node)) {
    texts.push([node.head.getStart(source) - start, node.head.getEnd() - start]);
    for (const span of node.templateSpans)
      texts.push([span.literal.getStart(source) - start, span.literal.getEnd() - start]);
  } else texts.push([0, raw.length]);
  const blanks: number[] = [];
  const newlines: number[] = [];
  for (const [from, to] of texts)
    for (let index = from + 1; index < to - 1; index++) {
      if (raw[index] === " " && raw[index - 1] !== "\\" && raw[index - 1] !== "{") blanks.push(index + 1);
      if (raw[index] === "n" && raw[index - 1] === "\\" && raw[index - 2] !== "\\") newlines.push(index + 1);
    }
  return { blanks, newlines };
}

/** The literal's source text cut so that each piece fits in `room` (a configuration after a `\n`, prose at blanks). */
function pieces(raw: string, points: { blanks: number[]; newlines: number[] }, room: number): string[] {
  const quote = raw[0];
  const out: string[] = [];
  let from = 1;
  while (raw.length - 1 - from > room) {
    const fits = (cut: number): boolean => cut - from >= MIN_PIECE && cut - from <= room;
    const newline = [...points.newlines].reverse().find(fits);
    const cut = newline ?? [...points.blanks].reverse().find(fits);
    if (cut === undefined) break;
    out.push(raw.slice(from, cut));
    from = cut;
  }
  out.push(raw.slice(from, raw.length - 1));
  const close = quote === "`" ? "`" : quote;
  return out.map((piece) => `${quote}${piece}${close}`);
}

export function wrapLongStrings(file: string, text: string, width: number): string {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const lines = text.split("\n");
  const edits: { start: number; end: number; text: string }[] = [];
  const visit = (node: ts.Node): void => {
    if (isLiteral(node) && isSplittablePlace(node)) {
      const start = node.getStart(source);
      const { line, character } = source.getLineAndCharacterOfPosition(start);
      const endLine = source.getLineAndCharacterOfPosition(node.getEnd()).line;
      const raw = node.getText(source);
      if (
        line === endLine &&
        lines[line].length > width &&
        character + raw.length > width &&
        !(skipMessages && isInMessages(node, file))
      ) {
        // Prettier puts the pieces on their own lines, indented one step more than the line that holds the value.
        const indent = lines[line].length - lines[line].trimStart().length + 2;
        const room = Math.max(MIN_PIECE, width - indent - 4);
        const parts = pieces(raw, cutPoints(node, source), room);
        if (parts.length > 1) edits.push({ start, end: node.getEnd(), text: parts.join(" +\n") });
        return;
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  let out = text;
  for (const edit of edits.sort((a, b) => b.start - a.start))
    out = out.slice(0, edit.start) + edit.text + out.slice(edit.end);
  return out;
}

function main(): void {
  const width = Number(argument("--width") ?? 120);
  const files = process.argv
    .slice(2)
    .filter((entry, index, all) => !entry.startsWith("--") && all[index - 1] !== "--width");
  let changed = 0;
  for (const file of files) {
    if (file.endsWith(".cases.ts")) continue;
    const text = readFileSync(file, "utf8");
    const wrapped = wrapLongStrings(file, text, width);
    if (wrapped !== text) {
      writeFileSync(file, wrapped);
      changed++;
    }
  }
  console.log(`${changed} of ${files.length} files changed`);
}

main();
