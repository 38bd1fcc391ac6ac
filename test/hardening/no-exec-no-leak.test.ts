/**
 * Nothing executes, nothing leaks: the analyser never runs a script, notify or check command (CLI and server); the CLI
 * and the server make no network request; no report format and no server message shows a password.
 */
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import dns from "node:dns";
import http from "node:http";
import https from "node:https";
import net from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test, vi } from "vitest";
import { runCli } from "../support/cli.js";
import { positionOf, repoRoot, TestClient, uriOf } from "../lsp/harness.js";

const SECRETS = [
  "VrrpS3cretXY",
  "St4tsP4ssw0rd",
  "Us3rInsecureP4ss",
  "$6$saltsalt$HashedUserPasswordValue",
  "Br0kenGlued",
];

let root: string;
let ws: string;
let markers: string[];

function writeNode(name: string, priority: number): void {
  const d = join(ws, name);
  mkdirSync(d, { recursive: true });
  const script = join(d, "chk.sh");
  writeFileSync(script, `#!/bin/sh\n/usr/bin/touch ${markers[2]}\n`);
  chmodSync(script, 0o755);
  writeFileSync(
    join(d, "keepalived.conf"),
    `global_defs {
    enable_script_security
    script_user root
}

vrrp_script chk_touch {
    script "/usr/bin/touch ${markers[0]}"
    interval 2
    weight -30
}

vrrp_script chk_file {
    script "${script}"
    interval 2
}

vrrp_instance VI_1 {
    state ${priority > 100 ? "MASTER" : "BACKUP"}
    interface eth0
    virtual_router_id 51
    priority ${priority}
    advert_int 1
    authentication {
        auth_type PASS
        auth_pass ${name === "lb01" ? "VrrpS3cretXY" : "Br0kenGlued#x"}
    }
    virtual_ipaddress {
        192.0.2.10/24
    }
    track_script {
        chk_touch
        chk_file
    }
    notify_master "/usr/bin/touch ${markers[1]}"
    notify "${script}"
}
`,
  );
  writeFileSync(
    join(d, "haproxy.cfg"),
    `global
    external-check
    insecure-fork-wanted

userlist admins
    user alice password $6$saltsalt$HashedUserPasswordValue
    user bob insecure-password Us3rInsecureP4ss

defaults
    mode http
    timeout connect 5s
    timeout client 30s
    timeout server 30s

listen stats
    bind :8404
    stats enable
    stats uri /stats
    stats auth admin:St4tsP4ssw0rd
    stats auth admin2:St4tsP4ssw0rd

backend app
    option external-check
    external-check command /usr/bin/touch
    server s1 192.0.2.20:8080 check

program touchy
    command /usr/bin/touch ${markers[3]}
`,
  );
}

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), "ha-lint-leak-"));
  ws = join(root, "pair");
  markers = [0, 1, 2, 3].map((i) => join(root, `ran-${i}-${process.pid}`));
  writeNode("lb01", 150);
  writeNode("lb02", 100);
});

afterAll(() => rmSync(root, { recursive: true, force: true }));

const FORMATS = ["text", "json", "sarif", "github", "junit", "checkstyle", "gitlab"];

function noSecrets(what: string, text: string): void {
  for (const s of SECRETS) expect(text.includes(s), `${what} shows '${s}'`).toBe(false);
}

describe("nothing executes", () => {
  test("CLI (every format, simulate, --fix --diff) and server (open, hover, actions, matrix) never run a command", async () => {
    for (const f of FORMATS) await runCli(["--no-color", "-f", f, ws]);
    await runCli(["simulate", ws]);
    await runCli(["--fix", "--diff", "--unsafe-fixes", ws]);
    const client = await TestClient.start({ folders: [ws] });
    try {
      const file = join(ws, "lb01/keepalived.conf");
      await client.openAndWait(file);
      const text = client.text(file);
      await client.connection.sendRequest("textDocument/hover", {
        textDocument: { uri: uriOf(file) },
        position: positionOf(text, "chk_touch", 1, 1),
      });
      await client.connection.sendRequest("workspace/executeCommand", {
        command: "ha-lint.showFailoverMatrix",
        arguments: [uriOf(file)],
      });
    } finally {
      await client.stop();
    }
    await new Promise((r) => setTimeout(r, 200));
    for (const m of markers) expect(existsSync(m), `${m} was created: a command ran`).toBe(false);
  });
});

describe("no network", () => {
  test("no socket, HTTP(S) request or DNS lookup during a CLI run and an LSP session", async () => {
    const calls: string[] = [];
    const spies = [
      vi.spyOn(net.Socket.prototype, "connect").mockImplementation(function (this: net.Socket) {
        calls.push("net.Socket.connect");
        return this;
      }),
      vi.spyOn(http, "request").mockImplementation((() => calls.push("http.request")) as never),
      vi.spyOn(http, "get").mockImplementation((() => calls.push("http.get")) as never),
      vi.spyOn(https, "request").mockImplementation((() => calls.push("https.request")) as never),
      vi.spyOn(https, "get").mockImplementation((() => calls.push("https.get")) as never),
      vi.spyOn(dns, "lookup").mockImplementation((() => calls.push("dns.lookup")) as never),
      vi.spyOn(dns.promises, "lookup").mockImplementation((() => calls.push("dns.promises.lookup")) as never),
    ];
    try {
      for (const f of FORMATS) await runCli(["--no-color", "-f", f, ws]);
      const client = await TestClient.start({ folders: [ws] });
      const file = join(ws, "lb01/haproxy.cfg");
      await client.openAndWait(file);
      await client.connection.sendRequest("textDocument/hover", {
        textDocument: { uri: uriOf(file) },
        position: { line: 16, character: 6 },
      });
      await client.connection.sendRequest("textDocument/completion", {
        textDocument: { uri: uriOf(file) },
        position: { line: 16, character: 4 },
      });
      await client.stop();
    } finally {
      for (const s of spies) s.mockRestore();
    }
    expect(calls).toEqual([]);
  });

  test("the compiled CLI and server code import no network module", () => {
    const dist = join(repoRoot, "dist");
    if (!existsSync(dist)) return;
    const walk = (d: string): string[] =>
      readdirSync(d).flatMap((n) =>
        statSync(join(d, n)).isDirectory() ? walk(join(d, n)) : n.endsWith(".js") ? [join(d, n)] : [],
      );
    const offenders = walk(dist)
      .filter((f) => !f.includes("/lab/")) // the VRRP lab drives real hosts on purpose; it is not part of the linter or the server
      .filter((f) =>
        /from\s+["'](node:)?(http|https|net|dns|tls|dgram|http2)["']|require\(["'](node:)?(http|https|net|dns|tls|dgram|http2)["']\)|\bfetch\s*\(\s*["'`]https?:|XMLHttpRequest|new WebSocket/.test(
          readFileSync(f, "utf8"),
        ),
      );
    expect(offenders).toEqual([]);
  });
});

describe("no password in any output", () => {
  test("every CLI format, simulate and --fix --diff", async () => {
    for (const f of FORMATS) {
      const r = await runCli(["--no-color", "-f", f, "--fail-on", "info", ws]);
      expect(r.stdout.length, f).toBeGreaterThan(0);
      noSecrets(`format ${f}`, r.stdout + r.stderr);
    }
    const sim = await runCli(["simulate", "-f", "json", ws]);
    noSecrets("simulate", sim.stdout + sim.stderr);
    const diff = await runCli(["--fix", "--diff", "--unsafe-fixes", ws]);
    // A diff shows the lines it changes; it must not change (and so show) the password lines.
    noSecrets(
      "--fix --diff",
      diff.stdout
        .split("\n")
        .filter((l) => /^[-+][^-+]/.test(l))
        .join("\n"),
    );
  });

  test("LSP diagnostics, hover on every word, completions, code actions, symbols and the failover matrix", async () => {
    const client = await TestClient.start({ folders: [ws] });
    const seen: string[] = [];
    try {
      for (const node of ["lb01", "lb02"]) {
        for (const name of ["keepalived.conf", "haproxy.cfg"]) {
          const file = join(ws, node, name);
          const p = await client.openAndWait(file);
          seen.push(JSON.stringify(p));
          const text = client.text(file);
          const uri = uriOf(file);
          const lines = text.split("\n");
          for (let line = 0; line < lines.length; line++) {
            if (!/auth_pass|stats auth|password|user /.test(lines[line])) continue;
            for (let character = 0; character <= lines[line].length; character += 3) {
              seen.push(
                JSON.stringify(
                  await client.connection.sendRequest("textDocument/hover", {
                    textDocument: { uri },
                    position: { line, character },
                  }),
                ),
              );
              seen.push(
                JSON.stringify(
                  await client.connection.sendRequest("textDocument/completion", {
                    textDocument: { uri },
                    position: { line, character },
                  }),
                ),
              );
            }
            const range = { start: { line, character: 0 }, end: { line, character: lines[line].length } };
            seen.push(
              JSON.stringify(
                await client.connection.sendRequest("textDocument/codeAction", {
                  textDocument: { uri },
                  range,
                  context: { diagnostics: p.diagnostics },
                }),
              ),
            );
          }
          seen.push(
            JSON.stringify(
              await client.connection.sendRequest("textDocument/documentSymbol", { textDocument: { uri } }),
            ),
          );
          seen.push(
            JSON.stringify(
              await client.connection.sendRequest("workspace/executeCommand", {
                command: "ha-lint.showFailoverMatrix",
                arguments: [uri],
              }),
            ),
          );
        }
      }
      seen.push(JSON.stringify(await client.connection.sendRequest("workspace/symbol", { query: "" })));
    } finally {
      await client.stop();
    }
    noSecrets("LSP", seen.join("\n"));
  }, 60_000);
});
