/**
 * Functions over a length bound in the hand-written TypeScript of server/ and client/, read with the TypeScript
 * compiler API: every function declaration, method, accessor, constructor, function expression and arrow function,
 * measured from its first to its last line. A function's lines include those of the functions nested in it.
 *
 *   npx tsx scripts/house/function-lengths.ts [--max 120] [--top N]
 *
 * Lists the functions over --max (longest first) and exits 1 when there is one; --top N lists the N longest anyway.
 */
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";

const repoRoot = resolve(import.meta.dirname, "../..");

export interface FunctionLength {
  file: string;
  name: string;
  line: number;
  lines: number;
}

function argument(name: string): string | undefined {
  const index = process.argv.indexOf(name);
  return index >= 0 ? process.argv[index + 1] : undefined;
}

function typescriptFiles(): string[] {
  const listed = execFileSync("git", ["ls-files", "server", "client"], { cwd: repoRoot, encoding: "utf8" });
  return listed.split("\n").filter((file) => /\.(ts|mts|cts)$/.test(file) && !file.includes("node_modules/"));
}

/** The name a reader would look for: the declared name, or the variable, property or call the function is given to. */
function functionName(node: ts.FunctionLikeDeclaration, source: ts.SourceFile): string {
  if (node.name) return node.name.getText(source);
  const parent = node.parent;
  if (ts.isVariableDeclaration(parent) || ts.isPropertyAssignment(parent) || ts.isPropertyDeclaration(parent))
    return parent.name.getText(source);
  if (ts.isCallExpression(parent)) return `(callback of ${parent.expression.getText(source).slice(0, 40)})`;
  if (ts.isExportAssignment(parent)) return "(default export)";
  return "(anonymous)";
}

function isFunctionLike(node: ts.Node): node is ts.FunctionLikeDeclaration {
  return (
    ts.isFunctionDeclaration(node) ||
    ts.isMethodDeclaration(node) ||
    ts.isGetAccessorDeclaration(node) ||
    ts.isSetAccessorDeclaration(node) ||
    ts.isConstructorDeclaration(node) ||
    ts.isFunctionExpression(node) ||
    ts.isArrowFunction(node)
  );
}

export function functionLengths(file: string, text: string): FunctionLength[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const found: FunctionLength[] = [];
  const visit = (node: ts.Node): void => {
    if (isFunctionLike(node) && node.body) {
      const first = source.getLineAndCharacterOfPosition(node.getStart(source)).line;
      const last = source.getLineAndCharacterOfPosition(node.getEnd()).line;
      found.push({ file, name: functionName(node, source), line: first + 1, lines: last - first + 1 });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** Every function of the hand-written TypeScript of server/ and client/, longest first. */
export function allFunctionLengths(): FunctionLength[] {
  return typescriptFiles()
    .flatMap((file) => functionLengths(file, readFileSync(join(repoRoot, file), "utf8")))
    .sort((a, b) => b.lines - a.lines);
}

function main(): void {
  const max = Number(argument("--max") ?? 120);
  const top = Number(argument("--top") ?? 0);
  const all = allFunctionLengths();
  const over = all.filter((entry) => entry.lines > max);
  const shown = top > over.length ? all.slice(0, top) : over;
  for (const entry of shown)
    console.log(`${String(entry.lines).padStart(5)}  ${entry.file}:${entry.line}  ${entry.name}`);
  console.log(`${over.length} of ${all.length} functions over ${max} lines; the longest has ${all[0]?.lines ?? 0}`);
  if (over.length > 0) process.exitCode = 1;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
