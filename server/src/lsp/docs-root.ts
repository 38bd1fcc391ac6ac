/** Where the rule pages are: next to the package (npm, repository) or bundled beside the server (.vsix). */
import { existsSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";

let found: string | null | undefined;

export function docsRoot(): string | undefined {
  if (found !== undefined) return found ?? undefined;
  found = null;
  let here: string;
  try {
    here = dirname(fileURLToPath(import.meta.url));
  } catch {
    return undefined;
  }
  for (const candidate of [resolve(here, "../.."), resolve(here, "../../.."), here, resolve(here, "..")]) {
    if (existsSync(resolve(candidate, "docs/rules"))) {
      found = candidate;
      break;
    }
  }
  return found ?? undefined;
}
