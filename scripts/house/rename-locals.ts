/**
 * Renames short local names of one file with the TypeScript language service: every local (variable, parameter,
 * destructured name, as scripts/house/short-names.ts counts them: not the parameters of one-line lambdas) written
 * OLD becomes NEW, with all its references; a shorthand `{ OLD }` becomes `{ OLD: NEW }` so that keys keep their
 * names. A declaration is left alone when NEW already stands anywhere in its enclosing function (it could capture
 * or shadow another name); those are listed.
 *
 *   npx tsx scripts/house/rename-locals.ts FILE OLD=NEW... [OLD@LINE=NEW...]
 *
 * OLD@LINE renames only the local declared as OLD on that line (1-based, as short-names.ts --names lists them).
 *
 * Run `npm run typecheck` and the file's tests afterwards.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
import ts from "typescript";

interface Edit {
  start: number;
  end: number;
  text: string;
}

function isTinyLambda(node: ts.Node, source: ts.SourceFile): boolean {
  const line = (position: number): number => source.getLineAndCharacterOfPosition(position).line;
  return ts.isArrowFunction(node) && line(node.getStart(source)) === line(node.getEnd());
}

function boundNames(name: ts.BindingName): ts.Identifier[] {
  if (ts.isIdentifier(name)) return [name];
  return name.elements.flatMap((element) => (ts.isBindingElement(element) ? boundNames(element.name) : []));
}

function enclosingScope(node: ts.Node): ts.Node {
  for (let parent = node.parent; parent; parent = parent.parent) if (ts.isFunctionLike(parent)) return parent;
  return node.getSourceFile();
}

function identifiersIn(node: ts.Node): Set<string> {
  const found = new Set<string>();
  const visit = (child: ts.Node): void => {
    if (ts.isIdentifier(child)) found.add(child.text);
    ts.forEachChild(child, visit);
  };
  visit(node);
  return found;
}

/** The new name of a declared local: by `OLD@LINE` first, then by `OLD`. */
function wantedName(
  source: ts.SourceFile,
  name: ts.Identifier,
  renames: ReadonlyMap<string, string>,
): string | undefined {
  const line = source.getLineAndCharacterOfPosition(name.getStart(source)).line + 1;
  return renames.get(`${name.text}@${line}`) ?? renames.get(name.text);
}

/** The declarations of short locals named as the keys of `renames`. */
function declarations(source: ts.SourceFile, renames: ReadonlyMap<string, string>): ts.Identifier[] {
  const found: ts.Identifier[] = [];
  const visit = (node: ts.Node): void => {
    let names: ts.Identifier[] = [];
    if (ts.isParameter(node) && !isTinyLambda(node.parent, source)) names = boundNames(node.name);
    else if (ts.isVariableDeclaration(node) && enclosingScope(node) !== source) names = boundNames(node.name);
    found.push(...names.filter((name) => wantedName(source, name, renames) !== undefined));
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

function languageService(file: string, text: string): ts.LanguageService {
  const options: ts.CompilerOptions = { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.NodeNext, noLib: true };
  const host: ts.LanguageServiceHost = {
    getScriptFileNames: () => [file],
    getScriptVersion: () => "1",
    getScriptSnapshot: (name) => (name === file ? ts.ScriptSnapshot.fromString(text) : undefined),
    getCurrentDirectory: () => process.cwd(),
    getCompilationSettings: () => options,
    getDefaultLibFileName: (settings) => ts.getDefaultLibFilePath(settings),
    fileExists: (name) => name === file,
    readFile: (name) => (name === file ? text : undefined),
  };
  return ts.createLanguageService(host, ts.createDocumentRegistry());
}

export function renameLocals(file: string, text: string, renames: ReadonlyMap<string, string>): [string, string[]] {
  const service = languageService(file, text);
  const program = service.getProgram();
  const source = program?.getSourceFile(file);
  if (!source) throw new Error(`${file}: not read`);
  const edits = new Map<number, Edit>();
  const skipped: string[] = [];
  for (const name of declarations(source, renames)) {
    const wanted = wantedName(source, name, renames) ?? name.text;
    const line = source.getLineAndCharacterOfPosition(name.getStart(source)).line + 1;
    if (identifiersIn(enclosingScope(name)).has(wanted)) {
      skipped.push(`${name.text}@${line} (${wanted} is taken there)`);
      continue;
    }
    const places = service.findRenameLocations(file, name.getStart(source), false, false, {
      providePrefixAndSuffixTextForRename: true,
    });
    for (const place of places ?? []) {
      const start = place.textSpan.start;
      const edit = `${place.prefixText ?? ""}${wanted}${place.suffixText ?? ""}`;
      edits.set(start, { start, end: start + place.textSpan.length, text: edit });
    }
  }
  let out = text;
  for (const edit of [...edits.values()].sort((a, b) => b.start - a.start))
    out = out.slice(0, edit.start) + edit.text + out.slice(edit.end);
  return [out, skipped];
}

function main(): void {
  const [fileArgument, ...pairs] = process.argv.slice(2);
  const file = resolve(fileArgument);
  const renames = new Map(pairs.map((pair) => pair.split("=") as [string, string]));
  const [out, skipped] = renameLocals(file, readFileSync(file, "utf8"), renames);
  writeFileSync(file, out);
  for (const entry of skipped) console.log(`left: ${entry}`);
}

main();
