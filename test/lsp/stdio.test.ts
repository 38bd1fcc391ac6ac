/** The shipped bin, spawned over stdio, answers like the in-process server. */
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { expect, test } from "vitest";
import { fixture, repoRoot, TestClient } from "./harness.js";

const bin = join(repoRoot, "bin/ha-lint-language-server.js");
const bundled = join(repoRoot, "client/dist/server.mjs");

const servers: [string, string, boolean][] = [
  ["the npm bin (dist/)", bin, existsSync(join(repoRoot, "dist/lsp/main.js"))],
  // Built by `npm run package`; the VS Code end-to-end test builds it too.
  ["the server bundled into the extension", bundled, existsSync(bundled)],
];

test.skipIf(servers.some((s) => s[2]))("no server built: run npm run build (npm ci does)", () => undefined);

test.each(servers.filter((s) => s[2]))(
  "%s over stdio publishes HA001 for the seed PostgreSQL pair",
  async (_name, script) => {
    const started = Date.now();
    const child = spawn(process.execPath, [script, "--stdio"], { stdio: ["pipe", "pipe", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
    try {
      const seed = fixture("seed-postgres");
      const client = await TestClient.start({ folders: [seed], stream: { input: child.stdout, output: child.stdin } });
      expect(client.init.serverInfo?.name).toBe("ha-lint-language-server");
      const p = await client.openAndWait(join(seed, "lb01/keepalived.conf"));
      expect(p.diagnostics.map((d) => d.code)).toContain("HA001");
      const hover = (await client.connection.sendRequest("textDocument/hover", {
        textDocument: { uri: p.uri },
        position: { line: 14, character: 6 },
      })) as { contents: { value: string } };
      expect(hover.contents.value).toContain("Effective priorities");
      await client.stop();
      expect(await exited).toBe(0);
    } finally {
      if (child.exitCode === null && child.pid) process.kill(child.pid);
    }
    expect(stderr).toBe("");
    expect(Date.now() - started).toBeLessThan(10_000);
  },
);
