/**
 * Bad input, for the CLI (in process) and the language server (in process, over the LSP harness): each gives a clear
 * message or finding, the right exit code, no stack trace, and an answer within a stated bound.
 * Set HA_LINT_TABLE=FILE to write the table (input, message, exit code, time) as Markdown.
 * The CLI's sentences about bad input (on stderr: a missing path, a FIFO, a refused file) are what the user reads, and
 * their text is the thing under test where a test checks it; findings and diagnostics are checked by rule and message
 * id (with their data), never by the wording of a rule's message.
 */
import { execFileSync, spawn, spawnSync } from "node:child_process";
import {
  chmodSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { runCli, type CliRun } from "../support/cli.js";
import { repoRoot, TestClient, uriOf } from "../lsp/harness.js";

let root: string;
const rows: { input: string; message: string; code: number; ms: number; server: string }[] = [];

const GOOD_KA = `vrrp_instance VI_1 {
    state MASTER
    interface eth0
    virtual_router_id 51
    priority 100
    advert_int 1
    virtual_ipaddress {
        192.0.2.10/24
    }
}
`;
const GOOD_HP = `global
    daemon

defaults
    mode http
    timeout connect 5s
    timeout client 30s
    timeout server 30s

frontend web
    bind :80
    default_backend app

backend app
    server s1 192.0.2.20:8080 check
`;

function dir(name: string): string {
  const d = join(root, name);
  mkdirSync(d, { recursive: true });
  return d;
}

/** One CLI run, timed; never a stack trace. */
async function cli(args: string[], boundMs: number): Promise<CliRun & { ms: number }> {
  const t = performance.now();
  const r = await runCli(["--no-color", ...args]);
  const ms = performance.now() - t;
  expect(r.stderr).not.toMatch(/\n\s+at .*\(.*:\d+:\d+\)/);
  expect(r.stderr).not.toContain("internal error");
  expect(ms, `bound ${boundMs} ms`).toBeLessThan(boundMs);
  return { ...r, ms };
}

function firstMessage(r: CliRun): string {
  const err = r.stderr.trim().split("\n")[0];
  if (err) return err.replace(root, "<tmp>");
  const line = r.stdout.split("\n").find((l) => /\b(error|warning|info)\b/.test(l));
  return (line ?? r.stdout.trim().split("\n").pop() ?? "").replace(root, "<tmp>").trim();
}

function record(input: string, r: CliRun & { ms: number }, server: string, pick?: RegExp): void {
  const chosen = pick
    ? (r.stderr + r.stdout)
        .split("\n")
        .find((l) => pick.test(l))
        ?.trim()
        .replace(root, "<tmp>")
    : undefined;
  rows.push({ input, message: chosen ?? firstMessage(r), code: r.code, ms: Math.round(r.ms), server });
}

/**
 * The real entry point (bin/<entry>) and its single-file bundle (dist-bundle/<bundle>) copied into `d`, where an
 * unprivileged user can read them (the checkout may not be readable to that user).
 */
function readableInstall(d: string, entry: string, bundle: string): void {
  chmodSync(root, 0o755);
  chmodSync(d, 0o755);
  mkdirSync(join(d, "bin"), { mode: 0o755 });
  mkdirSync(join(d, "dist-bundle"), { mode: 0o755 });
  copyFileSync(join(repoRoot, "bin", entry), join(d, "bin", entry));
  copyFileSync(join(repoRoot, "dist-bundle", bundle), join(d, "dist-bundle", bundle));
  writeFileSync(join(d, "package.json"), '{ "type": "module" }\n');
}

let client: TestClient;

/** Opens a file in the server (text given or from disk) and waits for its diagnostics; the server then still answers. */
async function serve(
  file: string,
  text?: string,
  boundMs = 10_000,
): Promise<{ codes: string[]; ids: string[]; data: unknown[]; messages: string[]; ms: number }> {
  const t = performance.now();
  await client.open(file, text);
  const p = await client.diagnostics(file, (d) => d.version === 1, boundMs);
  // The server is still up: a hover on the same file is answered.
  await client.connection.sendRequest("textDocument/hover", {
    textDocument: { uri: uriOf(file) },
    position: { line: 0, character: 0 },
  });
  const ms = performance.now() - t;
  await client.connection.sendNotification("textDocument/didClose", { textDocument: { uri: uriOf(file) } });
  // Each diagnostic as "<rule>:<messageId>" (the server puts the message id and its placeholders in its data).
  const ids = p.diagnostics.map(
    (d) => `${String(d.code)}:${String((d.data as { messageId?: string } | undefined)?.messageId)}`,
  );
  return {
    codes: p.diagnostics.map((d) => String(d.code)),
    ids,
    data: p.diagnostics.map((d) => (d.data as { data?: unknown } | undefined)?.data),
    messages: p.diagnostics.map((d) => String(d.message)),
    ms,
  };
}

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), "ha-lint-bad-"));
  client = await TestClient.start({ folders: [] });
});

afterAll(async () => {
  await client?.stop();
  rmSync(root, { recursive: true, force: true });
  if (process.env.HA_LINT_TABLE) {
    const lines = [
      "| input | CLI message (first line) | exit | CLI ms | server |",
      "|---|---|---|---|---|",
      ...rows.map((r) => `| ${r.input} | ${r.message.replace(/\|/g, "\\|")} | ${r.code} | ${r.ms} | ${r.server} |`),
    ];
    writeFileSync(process.env.HA_LINT_TABLE, lines.join("\n") + "\n");
  }
});

describe("bad input", () => {
  test("binary file: refused with a message (exit 2); the server publishes one diagnostic saying so", async () => {
    const d = dir("binary");
    const bytes = Buffer.alloc(64 * 1024);
    let x = 12345;
    for (let i = 0; i < bytes.length; i++) bytes[i] = (x = (x * 1103515245 + 12345) & 0x7fffffff) >> 16;
    writeFileSync(join(d, "haproxy.cfg"), bytes);
    const r = await cli([join(d, "haproxy.cfg")], 5000);
    expect(r.code).toBe(2);
    // The CLI's sentence for this bad input is what the user reads: its text is under test here.
    expect(r.stderr).toContain("looks like a binary file");
    const s = await serve(join(d, "haproxy.cfg"), bytes.toString("utf8"));
    expect(s.ids).toEqual(["input:binary"]);
    record(
      "binary file (64 KiB random bytes, haproxy.cfg)",
      r,
      `1 diagnostic 'looks like a binary file', ${Math.round(s.ms)} ms`,
    );
  });

  test("50 MB file: refused quickly (exit 2); the server refuses it as well and does not hang", async () => {
    const d = dir("big");
    const f = join(d, "keepalived.conf");
    const line = "# padding padding padding padding padding padding padding padding padding\n";
    const text = line.repeat(Math.ceil((50 * 1024 * 1024) / line.length));
    writeFileSync(f, text);
    const r = await cli([f], 2000);
    expect(r.code).toBe(2);
    // The CLI's sentence for this bad input is what the user reads: its text is under test here.
    expect(r.stderr).toMatch(/is 50 MB; ha-lint reads configuration files up to 10 MB/);
    const s = await serve(f, text, 20_000);
    expect(s.ids).toEqual(["input:tooLarge"]);
    expect(s.data).toEqual([{ megabytes: 50, limitMegabytes: 10 }]);
    expect(s.ms).toBeLessThan(20_000);
    record(
      "50 MB file (keepalived.conf)",
      r,
      `1 diagnostic 'this file is 50 MB; ... up to 10 MB', ${Math.round(s.ms)} ms`,
    );
  }, 60_000);

  test("invalid UTF-8: analysed with U+FFFD, and the CLI says so", async () => {
    const d = dir("utf8");
    const f = join(d, "keepalived.conf");
    writeFileSync(
      f,
      Buffer.concat([Buffer.from(GOOD_KA.replace("VI_1", "VI_")), Buffer.from([0xff, 0xfe, 0xc3]), Buffer.from("\n")]),
    );
    const r = await cli([f], 5000);
    // The CLI's note on this bad input is what the user reads: its text is under test here.
    expect(r.stderr).toContain("not valid UTF-8; the invalid bytes are read as U+FFFD");
    // keepalived reads the bytes as an unknown keyword and goes on: a KA018 warning, so exit 0
    expect(r.stdout).toContain("KA018");
    expect(r.code).toBe(0);
    const s = await serve(f, readFileSync(f, "utf8"));
    expect(s.codes.length).toBeGreaterThan(0);
    record("invalid UTF-8 (bytes FF FE C3)", r, `diagnostics (${s.codes.join(", ")})`);
  });

  test("UTF-8 BOM: read as the daemons read it, part of the first word (neither skips it)", async () => {
    // haproxy -c 2.6.12: "unknown keyword '\ufeffglobal' out of section"; keepalived -t 2.2.7: "Unknown keyword
    // '\ufeffglobal_defs'" (readcfgfile() and read_line() keep the bytes), checked on both binaries.
    const d = dir("bom");
    writeFileSync(join(d, "keepalived.conf"), "\ufeff" + GOOD_KA);
    writeFileSync(join(d, "haproxy.cfg"), "\ufeff" + GOOD_HP);
    const r = await cli(["-f", "json", d], 5000);
    const report = JSON.parse(r.stdout) as { findings: { rule: string; file: string; line: number }[] };
    const onFirstLine = (name: string): string[] =>
      report.findings.filter((f) => f.file.endsWith(name) && f.line === 1).map((f) => f.rule);
    expect(onFirstLine("haproxy.cfg")).toContain("HP017");
    expect(onFirstLine("keepalived.conf")).toContain("KA018");
    const s = await serve(join(d, "haproxy.cfg"), "\ufeff" + GOOD_HP);
    expect(s.codes).toContain("HP017");
    record(
      "UTF-8 BOM (both files)",
      await cli([d], 5000),
      `the first keyword unknown, as the daemons say (${s.codes.join(", ")})`,
    );
  });

  test("CRLF and mixed line endings: same findings as LF", async () => {
    const lf = dir("lf");
    writeFileSync(join(lf, "keepalived.conf"), GOOD_KA);
    writeFileSync(join(lf, "haproxy.cfg"), GOOD_HP);
    const crlf = dir("crlf");
    writeFileSync(join(crlf, "keepalived.conf"), GOOD_KA.replace(/\n/g, "\r\n"));
    writeFileSync(
      join(crlf, "haproxy.cfg"),
      GOOD_HP.replace(/\n/g, (_m, i: number) => (i % 3 ? "\r\n" : "\n")),
    );
    const rules = (run: CliRun): string[] =>
      (JSON.parse(run.stdout) as { findings: { rule: string; range: unknown }[] }).findings.map(
        (f) => `${f.rule} ${JSON.stringify(f.range)}`,
      );
    const a = await cli(["-f", "json", lf], 5000);
    const b = await cli(["-f", "json", crlf], 5000);
    expect(rules(b)).toEqual(rules(a));
    const s = await serve(join(crlf, "haproxy.cfg"), readFileSync(join(crlf, "haproxy.cfg"), "utf8"));
    const t = await serve(join(lf, "haproxy.cfg"));
    expect(s.codes).toEqual(t.codes);
    record("CRLF / mixed CRLF+LF", await cli([crlf], 5000), `same diagnostics as LF (${s.codes.join(", ") || "none"})`);
  });

  test("NUL bytes inside a text config: analysed, the line with the NUL gets a finding", async () => {
    const d = dir("nul");
    const f = join(d, "keepalived.conf");
    writeFileSync(f, GOOD_KA.replace("priority 100", "priority 1\u000000"));
    const r = await cli([f], 5000);
    // The CLI's note on this bad input is what the user reads: its text and place are under test here.
    expect(r.stderr).toMatch(/keepalived\.conf:5:15: NUL byte: keepalived and HAProxy stop reading the line here/);
    const s = await serve(f);
    expect(s.ids[0]).toBe("input:nulByte");
    record("NUL byte in a value (priority 1\\0 00)", r, `diagnostics (${s.codes.join(", ")})`);
  });

  test("empty file: no findings, exit 0", async () => {
    const d = dir("empty");
    writeFileSync(join(d, "haproxy.cfg"), "");
    const r = await cli([join(d, "haproxy.cfg")], 5000);
    expect(r.code).toBe(0);
    const s = await serve(join(d, "haproxy.cfg"), "");
    expect(s.codes).toEqual([]);
    record("empty haproxy.cfg", r, "empty diagnostics");
  });

  test("a path that does not exist: exit 2 with a message", async () => {
    const f = join(root, "nowhere", "keepalived.conf");
    const r = await cli([f], 5000);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("no such file or directory");
    // The server analyses the editor's buffer of a file not (yet) on disk.
    const s = await serve(f, GOOD_KA);
    expect(s.codes).toBeDefined();
    record("path that does not exist", r, `buffer analysed (${s.codes.join(", ") || "no diagnostics"})`);
  });

  test("unreadable: a FIFO and a directory named like config files (root reads chmod 000 files, so these stand in)", async () => {
    const d = dir("fifo");
    execFileSync("mkfifo", [join(d, "haproxy.cfg")]);
    const r = await cli([join(d, "haproxy.cfg")], 5000);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("is not a regular file");
    record("unreadable: FIFO named haproxy.cfg", r, "-");
    // In a folder: a FIFO keepalived.conf beside a good haproxy.cfg, and an include of it. Nothing blocks.
    writeFileSync(join(d, "keepalived.conf.d"), "");
    const k = dir("fifo-include");
    execFileSync("mkfifo", [join(k, "sysctl.conf")]);
    execFileSync("mkfifo", [join(k, "part.conf")]);
    writeFileSync(join(k, "keepalived.conf"), GOOD_KA + "include part.conf\n");
    const r2 = await cli([k], 5000);
    expect(r2.code).toBe(0);
    record("FIFO included (include part.conf) and FIFO sysctl.conf", r2, "-");
    const dd = dir("isdir");
    mkdirSync(join(dd, "keepalived.conf"));
    const r3 = await cli([join(dd, "keepalived.conf")], 5000);
    expect(r3.code).toBe(2);
    expect(r3.stderr).toContain("no keepalived or HAProxy configuration found");
    record("directory named keepalived.conf", r3, "-");
    const s = await serve(join(k, "keepalived.conf"));
    expect(s.ids).toContain("KA021:noMatch");
    record("server: folder with FIFOs", r2, `answers, diagnostics (${s.codes.join(", ")})`);
  });

  test("unreadable file (mode 000, read by an unprivileged user): a clear message and exit 2", () => {
    const bundle = join(repoRoot, "dist-bundle/cli.mjs");
    if (!existsSync(bundle)) return; // npm run build makes it; the FIFO test above covers the in-process path
    const d = dir("unreadable");
    readableInstall(d, "ha-lint.js", "cli.mjs");
    const file = join(d, "haproxy.cfg");
    writeFileSync(file, GOOD_HP);
    chmodSync(file, 0o000);
    const asRoot = process.getuid?.() === 0;
    if (asRoot && spawnSync("setpriv", ["--version"]).status !== 0) return;
    const argv = [process.execPath, join(d, "bin/ha-lint.js"), "--no-color", file];
    const t = performance.now();
    const r = asRoot
      ? spawnSync("setpriv", ["--reuid=65534", "--regid=65534", "--clear-groups", ...argv], {
          encoding: "utf8",
          timeout: 20_000,
        })
      : spawnSync(argv[0], argv.slice(1), { encoding: "utf8", timeout: 20_000 });
    const ms = performance.now() - t;
    expect(r.stderr).toContain("permission denied (EACCES)");
    expect(r.stderr).not.toMatch(/\n\s+at .*:\d+:\d+/);
    expect(r.status).toBe(2);
    record(
      "unreadable file (mode 000, run as an unprivileged user)",
      { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr, ms },
      "-",
    );
  });

  test("server: files of the workspace folder it cannot read are reported on the file, not left out in silence", async () => {
    const d = dir("server-unreadable");
    writeFileSync(join(d, "keepalived.conf"), GOOD_KA);
    execFileSync("mkfifo", [join(d, "haproxy.cfg")]);
    const folderClient = await TestClient.start({ folders: [d] });
    try {
      const t = performance.now();
      // File discovery lists regular files only: the FIFO is never opened (a read would block), the folder answers.
      await folderClient.open(join(d, "keepalived.conf"));
      await folderClient.diagnostics(join(d, "keepalived.conf"), (x) => x.version === 1, 10_000);
      expect(folderClient.latest.has(uriOf(join(d, "haproxy.cfg")))).toBe(false);
      rows.push({
        input: "server: FIFO haproxy.cfg in the workspace folder",
        message: "-",
        code: 0,
        ms: 0,
        server: `not listed (regular files only), folder analysed, ${Math.round(performance.now() - t)} ms`,
      });
    } finally {
      await folderClient.stop();
    }
    // A mode-000 file, with the server running as an unprivileged user (root reads anything).
    const server = join(repoRoot, "dist-bundle/lsp.mjs");
    if (process.getuid?.() !== 0 || !existsSync(server) || spawnSync("setpriv", ["--version"]).status !== 0) return;
    const u = dir("server-eacces");
    readableInstall(u, "ha-lint-language-server.js", "lsp.mjs");
    const ws = dir("server-eacces/ws");
    chmodSync(ws, 0o755);
    writeFileSync(join(ws, "keepalived.conf"), GOOD_KA);
    writeFileSync(join(ws, "haproxy.cfg"), GOOD_HP);
    chmodSync(join(ws, "keepalived.conf"), 0o644);
    chmodSync(join(ws, "haproxy.cfg"), 0o000);
    const child = spawn(
      "setpriv",
      [
        "--reuid=65534",
        "--regid=65534",
        "--clear-groups",
        process.execPath,
        join(u, "bin/ha-lint-language-server.js"),
        "--stdio",
      ],
      { stdio: ["pipe", "pipe", "pipe"] },
    );
    const unprivileged = await TestClient.start({
      folders: [ws],
      stream: { input: child.stdout, output: child.stdin },
    });
    try {
      const t = performance.now();
      await unprivileged.open(join(ws, "keepalived.conf"));
      const p = await unprivileged.diagnostics(join(ws, "haproxy.cfg"), (x) => x.diagnostics.length > 0, 15_000);
      expect(p.diagnostics[0].data).toMatchObject({ messageId: "permissionDenied", data: { code: "EACCES" } });
      rows.push({
        input: "server: mode-000 haproxy.cfg in the workspace folder (server run as an unprivileged user)",
        message: "-",
        code: 0,
        ms: 0,
        server: `1 diagnostic 'cannot be read: permission denied (EACCES); it is not checked', ${Math.round(performance.now() - t)} ms`,
      });
    } finally {
      await unprivileged.stop().catch(() => undefined);
      if (child.exitCode === null) child.kill();
    }
  }, 60_000);

  test("directory symlink loop: bounded, no hang", async () => {
    const d = dir("loop");
    symlinkSync(".", join(d, "again"));
    symlinkSync(join(d, "b"), join(d, "a"));
    symlinkSync(join(d, "a"), join(d, "b"));
    writeFileSync(join(d, "keepalived.conf"), GOOD_KA + "include again/*.conf\ninclude a/*.conf\n");
    const r = await cli([d], 10_000);
    expect([0, 1]).toContain(r.code);
    const s = await serve(join(d, "keepalived.conf"));
    record(
      "directory symlink loop (again -> ., a <-> b) + include again/*.conf",
      r,
      `answers (${s.codes.join(", ") || "no diagnostics"})`,
    );
  });

  test("include cycle: a finding, never followed round and round", async () => {
    const d = dir("cycle");
    writeFileSync(join(d, "keepalived.conf"), GOOD_KA + "include a.conf\n");
    writeFileSync(join(d, "a.conf"), "include b.conf\n");
    writeFileSync(join(d, "b.conf"), "include a.conf\n");
    const r = await cli([d], 5000);
    // keepalived itself reads on (exit 0 after 'Too many open files'): a warning, not an error.
    expect(r.code).toBe(0);
    const json = await cli(["-f", "json", d], 5000);
    const findings = (JSON.parse(json.stdout) as { findings: { rule: string; messageId?: string }[] }).findings;
    expect(findings.map((f) => `${f.rule}:${f.messageId}`)).toContain("KA034:includeCycle");
    const s = await serve(join(d, "keepalived.conf"));
    expect(s.messages.join()).toBeDefined();
    record("include cycle (a.conf <-> b.conf)", r, "include cycle reported in b.conf; answers");
  });

  test("include glob matching 3,000 files: stops at 1,000 with a finding on ha-lint's own limit", async () => {
    const d = dir("many");
    mkdirSync(join(d, "conf.d"));
    for (let i = 0; i < 3000; i++) writeFileSync(join(d, "conf.d", `f${i}.conf`), `# part ${i}\n`);
    writeFileSync(join(d, "keepalived.conf"), GOOD_KA + "include conf.d/*.conf\n");
    const r = await cli([d], 20_000);
    // ha-lint's limit, not a problem of the files: an info finding.
    expect(r.code).toBe(0);
    const s = await serve(join(d, "keepalived.conf"), undefined, 20_000);
    expect(s.ids).toContain("KA034:readerLimit");
    // The limit it names is the subject here: the data says which one.
    expect(s.data[s.ids.indexOf("KA034:readerLimit")]).toMatchObject({ limit: "included-files" });
    record("include conf.d/*.conf matching 3,000 files", r, `include-limit diagnostic, ${Math.round(s.ms)} ms`);
  }, 60_000);

  test("include reaching outside the analysed tree: not read unless --include-outside", async () => {
    const outside = dir("outside");
    writeFileSync(join(outside, "secret.conf"), "vrrp_instance LEAKED_FROM_OUTSIDE {\n    priority 100\n}\n");
    const d = dir("tree/node");
    writeFileSync(join(d, "keepalived.conf"), GOOD_KA + "include ../../outside/*.conf\ninclude /etc/*\n");
    const r = await cli(["-f", "json", d], 5000);
    expect(r.stdout).not.toContain("LEAKED_FROM_OUTSIDE");
    expect(r.stdout).not.toContain("/etc/passwd");
    expect(r.stderr).toContain("outside the analysed folders");
    const allowed = await cli(["-f", "json", "--include-outside", d], 10_000);
    expect(allowed.stdout).toContain("LEAKED_FROM_OUTSIDE");
    const s = await serve(join(d, "keepalived.conf"));
    // Not a message check: no text of the file outside may reach the editor.
    expect(s.messages.join()).not.toContain("LEAKED_FROM_OUTSIDE");
    record("include ../../outside/*.conf and include /etc/*", r, "not read (include matches no file)");
  });

  test("10,000 braces after unknown keywords: read as keepalived does, findings bounded, bounded time", async () => {
    const d = dir("deep");
    const f = join(d, "keepalived.conf");
    const text = "vrrp_instance VI_1 {\n" + "a {\n".repeat(10_000) + "}\n".repeat(10_000) + "}\n";
    writeFileSync(f, text);
    const r = await cli([f], 15_000);
    expect(r.code).toBe(1);
    const s = await serve(f, text, 20_000);
    expect(s.codes.length).toBeGreaterThan(0);
    const fmt = (await client.connection.sendRequest("textDocument/formatting", {
      textDocument: { uri: uriOf(f) },
      options: { tabSize: 4, insertSpaces: true },
    })) as unknown[] | null;
    expect(fmt).toBeDefined();
    // Only keywords that take a block open one: every '{' after the unknown 'a' is ignored, as keepalived does.
    expect(s.ids).toContain("KA019:unexpectedOpen");
    expect(s.ids).toContain("KA019:more");
    record(
      "10,000 nested braces",
      r,
      `diagnostics (${[...new Set(s.codes)].join(", ")}), ${Math.round(s.ms)} ms`,
      /keepalived ignores this/,
    );
  }, 60_000);

  test("a 1 MB single line: bounded time, a finding, no crash", async () => {
    const d = dir("longline");
    const f = join(d, "haproxy.cfg");
    const text = "global\n    description " + "x".repeat(1024 * 1024) + "\n";
    writeFileSync(f, text);
    const r = await cli([f], 10_000);
    const k = join(d, "keepalived.conf");
    const ktext = "global_defs {\n    router_id " + "y ".repeat(512 * 1024) + "\n}\n";
    writeFileSync(k, ktext);
    const rk = await cli([k], 15_000);
    expect([0, 1]).toContain(r.code);
    expect([0, 1]).toContain(rk.code);
    const sh = await serve(f, text, 20_000);
    const s = await serve(k, ktext, 20_000);
    record(
      "1 MB single line (haproxy.cfg description)",
      r,
      `diagnostics (${[...new Set(sh.codes)].join(", ") || "none"}), ${Math.round(sh.ms)} ms`,
    );
    record(
      "1 MB single line (keepalived router_id of 512 Ki words)",
      rk,
      `diagnostics (${[...new Set(s.codes)].join(", ") || "none"}), ${Math.round(s.ms)} ms`,
    );
  }, 60_000);
});
