#!/usr/bin/env node
// The single-file bundle (npm run build makes dist-bundle/) when present, compiled with a V8 code cache from its
// CommonJS build (bin/code-cache.js); the tsc output in dist/ otherwise.
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { isMainThread } from "node:worker_threads";

const cjs = fileURLToPath(new URL("../dist-bundle/cli.cjs", import.meta.url));
const bundle = new URL("../dist-bundle/cli.mjs", import.meta.url);
let saveCodeCache = () => {};
let cli;
if (existsSync(cjs)) {
  const { loadWithCodeCache } = await import("./code-cache.js");
  const loaded = loadWithCodeCache(cjs);
  cli = loaded.exports;
  // Worker threads read the cache; the main thread alone writes it.
  if (isMainThread) saveCodeCache = loaded.save;
} else cli = await import(existsSync(bundle) ? bundle.href : "../dist/cli/main.js");
const { main } = cli;
// A closed pipe (ha-lint ... | head) ends the output, not the process with a stack trace.
process.stdout.on("error", (error) => {
  if (error && error.code === "EPIPE") process.exit(process.exitCode ?? 0);
  throw error;
});

// A worker thread of a parallel lint (server/src/cli/parallel-lint.ts) analyses its part and ends.
if (cli.isShardWorker()) cli.runShardWorker();
else runMain();

function runMain() {
  main(process.argv.slice(2), { workerScript: new URL(import.meta.url) }).then(
    (code) => {
      process.exitCode = code;
      saveCodeCache();
    },
    (error) => {
      process.stderr.write(`ha-lint: internal error: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = 2;
    },
  );
}
