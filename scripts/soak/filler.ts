/**
 * Unrelated files for the soak's big-folder mode: a workspace folder as a real repository has it, where the
 * load-balancer configs sit among thousands of documents, manifests and scripts that discovery must pass over.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const KINDS = [
  { ext: "md", text: (n: number) => `# Note ${n}\n\nNothing for ha-lint here.\n` },
  { ext: "yaml", text: (n: number) => `name: item-${n}\nreplicas: ${n % 5}\n` },
  { ext: "json", text: (n: number) => `{ "id": ${n}, "enabled": ${n % 2 === 0} }\n` },
  { ext: "sh", text: (n: number) => `#!/bin/sh\necho ${n}\n` },
  { ext: "txt", text: (n: number) => `line ${n}\n` },
];

/** Writes `count` small files under `root/repo/`, 100 per folder, two folder levels deep. */
export function addFillerFiles(root: string, count: number): void {
  for (let n = 0; n < count; n++) {
    const folder = join(root, "repo", `area${Math.floor(n / 1000)}`, `part${Math.floor(n / 100) % 10}`);
    if (n % 100 === 0) mkdirSync(folder, { recursive: true });
    const kind = KINDS[n % KINDS.length];
    writeFileSync(join(folder, `file${n}.${kind.ext}`), kind.text(n));
  }
}
