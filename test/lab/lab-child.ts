/** `ha-lint` from the sources, as a process of its own (the interrupt test sends it signals). */
import { main } from "../../server/src/cli/main.js";

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`ha-lint: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 2;
  },
);
