#!/usr/bin/env node
// The single-file bundle (npm run build makes dist-bundle/) when present; the tsc output in dist/ otherwise.
import { existsSync } from "node:fs";

const bundle = new URL("../dist-bundle/cli.mjs", import.meta.url);
const { main } = await import(existsSync(bundle) ? bundle.href : "../dist/cli/main.js");

// A closed pipe (ha-lint ... | head) ends the output, not the process with a stack trace.
process.stdout.on("error", (error) => {
  if (error && error.code === "EPIPE") process.exit(process.exitCode ?? 0);
  throw error;
});

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    process.stderr.write(`ha-lint: internal error: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 2;
  },
);
