/**
 * Ctrl-C in the middle of a lab run: `ha-lint lab` (its own process, on the keepalived of a Debian root when this
 * machine has one, so the chroot's mounts are part of it) gets SIGINT while the daemons run a scenario. It must end
 * every daemon it started, remove its namespaces, leave no mount and no folder (in /tmp or inside the root), and exit
 * with 130. Runs only as root with keepalived and ip; HA_LINT_LAB=0 skips it.
 */
import { execFileSync, spawn } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, existsSync, rmSync, mkdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { describe, expect, test } from "vitest";
import { availableKeepaliveds } from "../../server/src/lab/keepalived-binary.js";
import { labClusters } from "./clusters.js";

const canRun =
  process.env.HA_LINT_LAB !== "0" &&
  process.platform === "linux" &&
  process.getuid?.() === 0 &&
  availableKeepaliveds().length > 0;

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
const namespaces = (): string[] =>
  execFileSync("ip", ["netns", "list"], { encoding: "utf8" })
    .split("\n")
    .map((l) => l.split(/\s+/)[0])
    .filter(Boolean);
const commandLines = (): { pid: number; cmd: string }[] =>
  readdirSync("/proc")
    .filter((p) => /^\d+$/.test(p))
    .flatMap((p) => {
      try {
        return [{ pid: Number(p), cmd: readFileSync(`/proc/${p}/cmdline`, "utf8").replace(/\0/g, " ") }];
      } catch {
        return [];
      }
    });
const mounts = (): string[] =>
  readFileSync("/proc/self/mountinfo", "utf8")
    .split("\n")
    .map((l) => l.split(" ")[4] ?? "");

describe.runIf(canRun)("lab: Ctrl-C", () => {
  test("SIGINT during a scenario ends every daemon, namespace, mount and folder of the run", async () => {
    const binary = availableKeepaliveds().find((b) => b.root) ?? availableKeepaliveds()[0];
    const dir = mkdtempSync(join(tmpdir(), "ha-lint-interrupt-"));
    try {
      const cluster = labClusters.find((c) => c.name === "neg-weight-enough")!;
      for (const [file, text] of Object.entries(cluster.files)) {
        const path = join(dir, file.replace(/^\/lab\/[^/]+\//, ""));
        mkdirSync(dirname(path), { recursive: true });
        writeFileSync(path, text);
      }
      const child = spawn(
        process.execPath,
        [
          "--import",
          "tsx",
          join(import.meta.dirname, "lab-child.ts"),
          "lab",
          dir,
          "-q",
          "--keepalived-version",
          binary.version,
        ],
        { cwd: join(import.meta.dirname, "../.."), stdio: ["ignore", "pipe", "pipe"] },
      );
      let stderr = "";
      child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
      const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
      // Wait until the daemons run the scenarios (their own log exists: the reading phase writes another one).
      let labDir: string | undefined;
      const until = Date.now() + 120_000;
      while (Date.now() < until && !labDir) {
        await sleep(500);
        for (const { cmd } of commandLines()) {
          const m = /-f (\/\S*ha-lint-lab-[^/\s]+)\/c0\/lb01\/keepalived\.conf/.exec(cmd);
          if (m && cmd.includes("keepalived") && existsSync(join(m[1], "c0/lb01/keepalived.log"))) labDir = m[1];
        }
      }
      expect(labDir, stderr).toBeDefined();
      await sleep(3000);
      const ours = namespaces().filter((n) => n.startsWith(`hl-${child.pid}-`));
      expect(ours.length).toBeGreaterThan(0);
      expect(
        commandLines().filter((p) => p.cmd.includes(labDir!) && p.cmd.includes("keepalived")).length,
      ).toBeGreaterThan(0);

      child.kill("SIGINT");
      const code = await Promise.race([exited, sleep(60_000).then(() => "timeout" as const)]);
      expect(code, stderr).toBe(130);
      expect(stderr).toContain("SIGINT: removing the lab namespaces and daemons");
      expect(namespaces().filter((n) => n.startsWith(`hl-${child.pid}-`))).toEqual([]);
      expect(commandLines().filter((p) => p.cmd.includes(labDir!))).toEqual([]);
      expect(existsSync(labDir!)).toBe(false);
      expect(mounts().filter((m) => m.includes("ha-lint-lab-"))).toEqual([]);
      if (binary.root) expect(existsSync(join(binary.root, labDir!))).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 240_000);
});
