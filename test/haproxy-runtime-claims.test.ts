/**
 * What some HAProxy rules say HAProxy does at run time, proven with the machine's haproxy (2.6) on loopback: each
 * scenario starts `haproxy -db` on free ports of 127.0.0.0/8, talks to it, and ends it by its PID (and every helper
 * server it started), within a few seconds.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer, request, type Server } from "node:http";
import { connect, createServer as createTcpServer, type AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, test } from "vitest";

const haproxy = spawnSync("haproxy", ["-v"], { encoding: "utf8", env: { PATH: "/usr/sbin:/usr/bin:/sbin:/bin" } });
const available = haproxy.status === 0 && /HAProxy version 2\.6\./.test(haproxy.stdout);
const work = mkdtempSync(join(tmpdir(), "ha-lint-runtime-"));
const started: ChildProcess[] = [];
const servers: Server[] = [];

afterAll(() => {
  for (const child of started) if (child.exitCode === null && child.pid) child.kill("SIGKILL");
  for (const s of servers) s.close();
  rmSync(work, { recursive: true, force: true });
});

async function freePort(): Promise<number> {
  const probe = createTcpServer();
  await new Promise<void>((done) => probe.listen(0, "127.0.0.1", done));
  const port = (probe.address() as AddressInfo).port;
  await new Promise<void>((done) => probe.close(() => done()));
  return port;
}

/** Starts haproxy in the foreground on a configuration; resolves once `port` accepts on `host`, or with its exit. */
async function startHaproxy(
  text: string,
  wait: { host: string; port: number },
  env: Record<string, string> = {},
): Promise<{ child: ChildProcess; output: () => string; exited?: number | null }> {
  const file = join(work, `h${started.length}.cfg`);
  writeFileSync(file, text);
  const child = spawn("haproxy", ["-db", "-f", file], {
    env: { PATH: "/usr/sbin:/usr/bin:/sbin:/bin", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  started.push(child);
  let output = "";
  child.stdout!.on("data", (d) => (output += d));
  child.stderr!.on("data", (d) => (output += d));
  const deadline = Date.now() + 8000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) return { child, output: () => output, exited: child.exitCode };
    if (await accepts(wait.host, wait.port)) return { child, output: () => output };
    await new Promise((r) => setTimeout(r, 100));
  }
  return { child, output: () => output };
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || !child.pid) return Promise.resolve();
  return new Promise((done) => {
    const timer = setTimeout(() => {
      if (child.exitCode === null && child.pid) process.kill(child.pid, "SIGKILL");
    }, 3000);
    child.once("exit", () => {
      clearTimeout(timer);
      done();
    });
    process.kill(child.pid!, "SIGTERM");
  });
}

function accepts(host: string, port: number): Promise<boolean> {
  return new Promise((done) => {
    const socket = connect({ host, port });
    socket.setTimeout(500);
    socket.once("connect", () => {
      socket.destroy();
      done(true);
    });
    socket.once("error", () => done(false));
    socket.once("timeout", () => {
      socket.destroy();
      done(false);
    });
  });
}

function get(port: number, hostHeader = "example.org"): Promise<number> {
  return new Promise((done, fail) => {
    const req = request(
      { host: "127.0.0.1", port, path: "/", headers: { host: hostHeader }, agent: false, timeout: 3000 },
      (res) => {
        res.resume();
        res.on("end", () => done(res.statusCode ?? 0));
      },
    );
    req.on("error", fail);
    req.on("timeout", () => req.destroy(new Error("timeout")));
    req.end();
  });
}

/** A tiny HTTP server on loopback answering 200. */
async function upstream(): Promise<number> {
  const s = createServer((_req, res) => res.end("ok"));
  servers.push(s);
  await new Promise<void>((done) => s.listen(0, "127.0.0.1", done));
  return (s.address() as AddressInfo).port;
}

const DEFAULTS = "defaults\n    mode http\n    timeout connect 1s\n    timeout client 2s\n    timeout server 2s\n";

describe.runIf(available)("run-time claims, with haproxy 2.6 on loopback", () => {
  test("HP015: 'bind ${VIP}:port' with VIP unset listens on every address; with VIP set, only there", async () => {
    const port = await freePort();
    const cfg = `${DEFAULTS}frontend f\n    bind \${VIP}:${port}\n    http-request return status 200\n`;
    const unset = await startHaproxy(cfg, { host: "127.0.0.1", port });
    expect(unset.exited, unset.output()).toBeUndefined();
    expect(await accepts("127.0.0.2", port)).toBe(true);
    await stop(unset.child);
    const set = await startHaproxy(cfg, { host: "127.0.0.1", port }, { VIP: "127.0.0.1" });
    expect(set.exited, set.output()).toBeUndefined();
    expect(await accepts("127.0.0.2", port)).toBe(false);
    await stop(set.child);
  }, 30_000);

  test("HP002: a dynamic use_backend that names no backend, without default_backend: 503 from a frontend", async () => {
    const port = await freePort();
    const app = await upstream();
    const cfg = `${DEFAULTS}frontend f\n    bind 127.0.0.1:${port}\n    use_backend be_%[req.hdr(host),lower]\nbackend be_example.org\n    server s 127.0.0.1:${app}\n`;
    const h = await startHaproxy(cfg, { host: "127.0.0.1", port });
    expect(h.exited, h.output()).toBeUndefined();
    expect(await get(port, "example.org")).toBe(200);
    expect(await get(port, "other.example")).toBe(503);
    await stop(h.child);
  }, 30_000);

  test("HP002: in a listen section, a name that matches no backend falls to the listen's own servers", async () => {
    const port = await freePort();
    const app = await upstream();
    const cfg = `${DEFAULTS}listen l\n    bind 127.0.0.1:${port}\n    use_backend be_%[req.hdr(host),lower]\n    server s 127.0.0.1:${app}\n`;
    const h = await startHaproxy(cfg, { host: "127.0.0.1", port });
    expect(h.exited, h.output()).toBeUndefined();
    expect(await get(port, "other.example")).toBe(200);
    await stop(h.child);
  }, 30_000);

  test("HP004: a backend without servers answers 503", async () => {
    const port = await freePort();
    const cfg = `${DEFAULTS}frontend f\n    bind 127.0.0.1:${port}\n    default_backend empty\nbackend empty\n    balance roundrobin\n`;
    const h = await startHaproxy(cfg, { host: "127.0.0.1", port });
    expect(h.exited, h.output()).toBeUndefined();
    expect(await get(port)).toBe(503);
    await stop(h.child);
  }, 30_000);

  test("HA013/HA015: binding an address the node does not hold stops HAProxy at start-up", async () => {
    const port = await freePort();
    const cfg = `${DEFAULTS}frontend f\n    bind 203.0.113.77:${port}\n    http-request return status 200\n`;
    const h = await startHaproxy(cfg, { host: "127.0.0.1", port });
    expect(h.exited).not.toBeUndefined();
    expect(h.exited).not.toBe(0);
    expect(h.output()).toMatch(/cannot bind socket.*Cannot assign requested address/);
  }, 30_000);

  test("HP019: without a global maxconn HAProxy takes about half the file-descriptor limit", async () => {
    const file = join(work, "maxconn.cfg");
    const port = await freePort();
    writeFileSync(
      file,
      `global\n${DEFAULTS}frontend f\n    bind 127.0.0.1:${port}\n    http-request return status 200\n`,
    );
    const r = spawnSync("prlimit", ["--nofile=1024:4096", "timeout", "2", "haproxy", "-db", "-V", "-f", file], {
      encoding: "utf8",
      env: { PATH: "/usr/sbin:/usr/bin:/sbin:/bin" },
    });
    const set = /setting global\.maxconn to (\d+)/.exec(`${r.stdout}${r.stderr}`);
    expect(set, `${r.stdout}${r.stderr}`).not.toBeNull();
    expect(Number(set![1])).toBeGreaterThan(1990);
    expect(Number(set![1])).toBeLessThanOrEqual(2048);
  }, 30_000);

  test("HP006: a dead server without check keeps getting its share; with check it is taken out", async () => {
    const port = await freePort();
    const app = await upstream();
    const dead = await freePort();
    const backend = (check: string) =>
      `${DEFAULTS}    retries 0\nfrontend f\n    bind 127.0.0.1:${port}\n    default_backend b\nbackend b\n    balance roundrobin\n    server up 127.0.0.1:${app}${check}\n    server down 127.0.0.1:${dead}${check}\n`;
    const without = await startHaproxy(backend(""), { host: "127.0.0.1", port });
    const plain = await Promise.all([1, 2, 3, 4].map(() => get(port)));
    expect(plain.filter((s) => s !== 200).length).toBeGreaterThan(0);
    await stop(without.child);
    const checked = await startHaproxy(backend(" check inter 200 fall 1"), { host: "127.0.0.1", port });
    await new Promise((r) => setTimeout(r, 1000));
    const codes: number[] = [];
    for (let i = 0; i < 4; i++) codes.push(await get(port));
    expect(codes).toEqual([200, 200, 200, 200]);
    await stop(checked.child);
  }, 30_000);
});
