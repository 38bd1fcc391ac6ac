/** Short soak (1,000 operations) of the built language server over stdio: see scripts/soak.ts for the long one. */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { expect, test } from "vitest";
import { runSoak } from "../../scripts/soak.js";
import { repoRoot } from "../lsp/harness.js";

const built = existsSync(join(repoRoot, "dist/lsp/main.js"));

test.skipIf(built)("no server built: run npm run build", () => undefined);

test.runIf(built)(
  "1,000 random operations: the server stays up, answers every request, RSS stays within 20%",
  async () => {
    const r = await runSoak({ ops: 1000, seed: 1 });
    expect(r.errorSamples).toEqual([]);
    expect(r.errors).toBe(0);
    expect(r.serverAlive).toBe(true);
    expect(r.answered).toBe(r.requests);
    expect(r.requests).toBeGreaterThan(300);
    // Open files were deleted and renamed on disk, and both nodes' files edited in one burst, along the way.
    expect(r.diskChanges).toBeGreaterThan(0);
    expect(r.concurrentEdits).toBeGreaterThan(0);
    expect(r.diagnosticsReceived).toBeGreaterThan(0);
    expect(r.rssGrowth).toBeLessThanOrEqual(0.2);
    expect(r.stderr).not.toMatch(/analysis failed|Error:/);
  },
  120_000,
);

test.runIf(built)(
  "a workspace folder of 10,000 files: every request is answered while discovery walks the tree",
  async () => {
    const r = await runSoak({ ops: 300, seed: 2, folderFiles: 10_000, settleMs: 500 });
    expect(r.errorSamples).toEqual([]);
    expect(r.folderFiles).toBe(10_000);
    expect(r.serverAlive).toBe(true);
    expect(r.answered).toBe(r.requests);
    expect(r.diagnosticsReceived).toBeGreaterThan(0);
  },
  180_000,
);
