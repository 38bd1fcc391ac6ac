#!/usr/bin/env node
/**
 * Bundles the CLI and the language server into single ES modules with esbuild: dist-bundle/cli.mjs and
 * dist-bundle/lsp.mjs. One file to load instead of a few hundred modules is most of a cold start.
 * bin/ha-lint.js and bin/ha-lint-language-server.js load these when present and fall back to dist/.
 */
import { build } from "esbuild";
import { rmSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const outdir = join(root, "dist-bundle");
rmSync(outdir, { recursive: true, force: true });

// fdir (under tinyglobby) looks picomatch up in node_modules and loads it at start, for its glob() builder, which
// tinyglobby does not call (it passes its own filters): a module resolution and four files read on every cold run.
const fdirWithoutPicomatch = {
  name: "fdir-without-picomatch",
  setup(build) {
    build.onLoad({ filter: /[\\/]fdir[\\/]dist[\\/]index\.m?js$/ }, async (args) => {
      const source = await readFile(args.path, "utf8");
      const lookup = /__require\.resolve\("picomatch"\);\s*pm = __require\("picomatch"\);/;
      if (!lookup.test(source)) throw new Error(`${args.path}: the picomatch lookup is not where it was`);
      return { contents: source.replace(lookup, ""), loader: "js" };
    });
  },
};

const common = {
  plugins: [fdirWithoutPicomatch],
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  outdir,
  outExtension: { ".js": ".mjs" },
  sourcemap: "linked",
  legalComments: "none",
  // --no-minify: readable names for profiling (node --cpu-prof).
  minify: !process.argv.includes("--no-minify"),
  keepNames: false,
  logLevel: "warning",
  // CommonJS dependencies (vscode-languageserver, commander) call require() for Node built-ins.
  banner: {
    js: 'import { createRequire as __haLintRequire } from "node:module"; const require = __haLintRequire(import.meta.url);',
  },
};

await build({
  ...common,
  entryPoints: { cli: join(root, "server/src/cli/main.ts"), lsp: join(root, "server/src/lsp/bundle-entry.ts") },
  // Code shared by both entries stays in each: a run loads one file (no chunk splitting).
  splitting: false,
});
// The CLI once more as CommonJS, dist-bundle/cli.cjs: bin/code-cache.js compiles it with a V8 code cache (Node 20
// has none for ES modules). Compiling the 2 MB bundle was a third of a cold run on the seed pair.
await build({
  ...common,
  format: "cjs",
  outExtension: { ".js": ".cjs" },
  entryPoints: { cli: join(root, "server/src/cli/main.ts") },
  define: { "import.meta.url": "__haLintModuleUrl" },
  banner: { js: 'const __haLintModuleUrl = require("node:url").pathToFileURL(__filename).href;' },
});
process.stdout.write(`bundled dist-bundle/cli.mjs, dist-bundle/cli.cjs and dist-bundle/lsp.mjs\n`);
