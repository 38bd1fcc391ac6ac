#!/usr/bin/env node
/**
 * Builds the VS Code extension as one self-contained .vsix (client/ha-lint.vsix):
 * esbuild bundles the client (CommonJS, vscode external) and the language server (ESM) into client/dist/,
 * the TextMate grammars and the rule pages are copied beside them, then @vscode/vsce packages client/.
 */
import { execFileSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, readdirSync, renameSync, rmSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const client = join(root, "client");
// Built into a staging folder, then swapped in: a test may be running client/dist/server.mjs meanwhile.
const finalDist = join(client, "dist");
const dist = join(client, `dist.staging-${process.pid}`);
const out = join(client, "ha-lint.vsix");
const started = Date.now();

if (!existsSync(join(client, "node_modules/vscode-languageclient"))) {
  execFileSync("npm", ["ci", "--no-audit", "--no-fund"], { cwd: client, stdio: "inherit" });
}

rmSync(dist, { recursive: true, force: true });
mkdirSync(dist, { recursive: true });

await build({
  entryPoints: [join(client, "src/extension.ts")],
  outfile: join(dist, "extension.js"),
  bundle: true,
  platform: "node",
  target: "node20",
  format: "cjs",
  external: ["vscode"],
  minify: true,
  logLevel: "warning",
});

await build({
  stdin: {
    contents: 'import { main } from "./main.js";\nmain();\n',
    resolveDir: join(root, "server/src/lsp"),
    sourcefile: "server-entry.ts",
    loader: "ts",
  },
  outfile: join(dist, "server.mjs"),
  bundle: true,
  platform: "node",
  target: "node20",
  format: "esm",
  // CommonJS dependencies (ajv, vscode-languageserver) call require(): give the ESM bundle one.
  banner: {
    js: 'import { createRequire as __haLintCreateRequire } from "node:module"; const require = __haLintCreateRequire(import.meta.url);',
  },
  minify: true,
  logLevel: "warning",
});

mkdirSync(join(dist, "grammars"), { recursive: true });
for (const f of readdirSync(join(root, "grammars")))
  if (f.endsWith(".json")) cpSync(join(root, "grammars", f), join(dist, "grammars", f));
cpSync(join(root, "docs/rules"), join(dist, "docs/rules"), { recursive: true });
// The completion snippets, for VS Code's "Insert Snippet" too (contributes.snippets).
cpSync(join(root, "server/src/lsp/snippets"), join(dist, "snippets"), { recursive: true });

rmSync(finalDist, { recursive: true, force: true });
renameSync(dist, finalDist);

rmSync(out, { force: true });
const vsce = join(root, "node_modules/@vscode/vsce/vsce");
execFileSync(
  process.execPath,
  [vsce, "package", "--no-dependencies", "--allow-missing-repository", "--skip-license", "--out", out],
  { cwd: client, stdio: "inherit" },
);
process.stderr.write(`package-vsix: wrote ${out} in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
