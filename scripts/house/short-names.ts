/**
 * One- and two-letter local names in server/src and client/src, read with the TypeScript compiler API. A local is a variable,
 * parameter, destructured name or catch binding declared inside a function or block; the parameters of a tiny
 * lambda (an arrow function on one line, `(a, b) => a.x - b.x`) and the loop counters i, j, k are fine and not
 * counted as short.
 *
 *   npx tsx scripts/house/short-names.ts [--files N] [--under server/src] [--names]
 *
 * Prints the ratio of short locals to all locals, and the N files with the most short locals (with --names, their
 * short names and lines). test/house.test.ts holds the share under SHORT_NAME_BOUND_PERCENT.
 */
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";

const repoRoot = resolve(import.meta.dirname, "../..");
const LOOP_COUNTERS = new Set(["i", "j", "k"]);

/** The folders measured by default: the hand-written TypeScript of the server and the client. */
export const MEASURED = ["server/src", "client/src"];

/**
 * The share test/house.test.ts allows (percent of locals; 19.1% before session 6, 11.0% after session 7); lower it
 * as names are written out.
 */
export const SHORT_NAME_BOUND_PERCENT = 11.2;

export interface NameCount {
  file: string;
  locals: number;
  short: string[];
}

function argument(name: string): string | undefined {
  const index = process.argv.indexOf(name);
  return index >= 0 ? process.argv[index + 1] : undefined;
}

function typescriptFiles(under: string): string[] {
  const listed = execFileSync("git", ["ls-files", under], { cwd: repoRoot, encoding: "utf8" });
  return listed.split("\n").filter((file) => /\.ts$/.test(file) && !file.endsWith(".cases.ts"));
}

function lineOf(source: ts.SourceFile, position: number): number {
  return source.getLineAndCharacterOfPosition(position).line;
}

/** An arrow function written on one line: its parameters may be letters. */
function isTinyLambda(node: ts.Node, source: ts.SourceFile): boolean {
  return ts.isArrowFunction(node) && lineOf(source, node.getStart(source)) === lineOf(source, node.getEnd());
}

function isInsideFunction(node: ts.Node): boolean {
  for (let parent = node.parent; parent; parent = parent.parent) if (ts.isFunctionLike(parent)) return true;
  return false;
}

/** The identifiers a declaration binds: `x`, or every name of `{ a, b: [c] }`. */
function boundNames(name: ts.BindingName): ts.Identifier[] {
  if (ts.isIdentifier(name)) return [name];
  return name.elements.flatMap((element) => (ts.isBindingElement(element) ? boundNames(element.name) : []));
}

export function countNames(file: string, text: string): NameCount {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const count: NameCount = { file, locals: 0, short: [] };
  const visit = (node: ts.Node): void => {
    let names: ts.Identifier[] = [];
    if (ts.isParameter(node) && !isTinyLambda(node.parent, source)) names = boundNames(node.name);
    else if (ts.isVariableDeclaration(node) && isInsideFunction(node)) names = boundNames(node.name);
    for (const name of names) {
      count.locals++;
      const written = name.text;
      if (written.length <= 2 && !written.startsWith("_") && !LOOP_COUNTERS.has(written))
        count.short.push(`${written}@${lineOf(source, name.getStart(source)) + 1}`);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return count;
}

/** The short locals of the folders, file by file, and their share of all locals. */
export function shortNameShare(folders: readonly string[] = MEASURED): {
  locals: number;
  short: number;
  percent: number;
  counts: NameCount[];
} {
  const counts = folders
    .flatMap(typescriptFiles)
    .map((file) => countNames(file, readFileSync(join(repoRoot, file), "utf8")));
  const locals = counts.reduce((sum, count) => sum + count.locals, 0);
  const short = counts.reduce((sum, count) => sum + count.short.length, 0);
  return { locals, short, percent: locals === 0 ? 0 : (100 * short) / locals, counts };
}

function main(): void {
  const under = argument("--under");
  const folders = under ? [under] : MEASURED;
  const shown = Number(argument("--files") ?? 15);
  const { locals, short, percent, counts } = shortNameShare(folders);
  for (const count of [...counts].sort((a, b) => b.short.length - a.short.length).slice(0, shown)) {
    console.log(`${String(count.short.length).padStart(4)} / ${String(count.locals).padEnd(4)} ${count.file}`);
    if (process.argv.includes("--names")) console.log(`       ${count.short.join(" ")}`);
  }
  const where = folders.join(" and ");
  console.log(`${short} of ${locals} locals in ${where} have a one- or two-letter name (${percent.toFixed(1)}%)`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
