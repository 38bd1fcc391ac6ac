/**
 * The features that show the failover where you type and the text around it, over LSP in process: inlay hints,
 * code lenses, document links, signature help, semantic tokens, deprecation marks, path completion, the matrix as
 * data and the status-bar facts.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import type {
  CodeLens,
  CompletionItem,
  DocumentLink,
  InlayHint,
  SemanticTokens,
  SignatureHelp,
} from "vscode-languageserver/node";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { fixture, positionOf, tempCopy, TestClient, uriOf } from "./harness.js";

const seed = fixture("seed-postgres");
const lb01ka = join(seed, "lb01/keepalived.conf");
const lb01hp = join(seed, "lb01/haproxy.cfg");

let client: TestClient;
beforeAll(async () => {
  client = await TestClient.start({ folders: [seed] });
  await client.openAndWait(lb01ka);
  await client.openAndWait(lb01hp);
});
afterAll(() => client.stop());

const whole = { start: { line: 0, character: 0 }, end: { line: 200, character: 0 } };

describe("failover where you type", () => {
  test("inlay hints after priority and after the tracker's weight give every node's outcome", async () => {
    const hints: InlayHint[] = await client.connection.sendRequest("textDocument/inlayHint", {
      textDocument: { uri: uriOf(lb01ka) },
      range: whole,
    });
    const labels = hints.map((h) => `${h.position.line}: ${String(h.label)}`);
    // weight 2 (line 9): chk_haproxy failing on lb01 takes it from 102 to 100, still above lb02's 92.
    expect(labels).toContain("8:  lb01 102→100 · lb02 92 · no failover");
    expect(labels).toContain("14:  lb01 102 · lb02 92 · VIP on lb01");
    // VS Code shows at most editor.inlayHints.maximumLength (43) characters of a hint; the tooltip says the rest.
    for (const hint of hints) expect(String(hint.label).length).toBeLessThanOrEqual(43);
    const weightHint = hints.find((h) => h.position.line === 8);
    expect(String(weightHint?.tooltip)).toMatch(/^When chk_haproxy fails on lb01 /);
  });

  test("a code lens on the vrrp_instance counts the failing scenarios and opens the matrix", async () => {
    const lenses: CodeLens[] = await client.connection.sendRequest("textDocument/codeLens", {
      textDocument: { uri: uriOf(lb01ka) },
    });
    expect(lenses).toHaveLength(1);
    expect(lenses[0].range.start.line).toBe(11);
    expect(lenses[0].command?.title).toMatch(/^failover: \d+ of \d+ scenarios fail$/);
    expect(lenses[0].command?.command).toBe("ha-lint.showFailoverMatrix");
  });

  test("the matrix as data: the scenarios of the file's cluster", async () => {
    const matrix = (await client.connection.sendRequest("workspace/executeCommand", {
      command: "ha-lint.failoverMatrixData",
      arguments: [uriOf(lb01ka)],
    })) as {
      version: number;
      clusters: { instances: { name: string; scenarios: { id: string; verdict: string }[] }[] }[];
    };
    expect(matrix.version).toBe(1);
    const scenarios = matrix.clusters[0].instances[0].scenarios;
    expect(scenarios.find((s) => s.id === "lb01:script:chk_haproxy")?.verdict).toBe("no-failover");
  });

  test("the status-bar facts: cluster, node and target versions", async () => {
    const info = await client.connection.sendRequest("workspace/executeCommand", {
      command: "ha-lint.fileInfo",
      arguments: [uriOf(lb01hp)],
    });
    expect(info).toMatchObject({ cluster: "seed-postgres", node: "lb01" });
    expect(info).toHaveProperty("haproxyVersion");
    expect(info).toHaveProperty("keepalivedVersion");
  });
});

describe("text features", () => {
  test("document link from notify_master to the node's script", async () => {
    const links: DocumentLink[] = await client.connection.sendRequest("textDocument/documentLink", {
      textDocument: { uri: uriOf(lb01ka) },
    });
    expect(links.map((l) => [l.range.start.line, l.target])).toContainEqual([
      30,
      uriOf(join(seed, "lb01/start_haproxy.sh")),
    ]);
  });

  test("signature help shows the argument shape with the argument under the cursor", async () => {
    const text = client.text(lb01hp);
    const at = positionOf(text, "server pg1 ", "server pg1 ".length);
    const help: SignatureHelp = await client.connection.sendRequest("textDocument/signatureHelp", {
      textDocument: { uri: uriOf(lb01hp) },
      position: at,
    });
    expect(help.signatures[0].label).toMatch(/^server </);
    expect(help.activeParameter).toBe(1);
  });

  test("semantic tokens: keywords, declared names, secrets", async () => {
    const tokens: SemanticTokens = await client.connection.sendRequest("textDocument/semanticTokens/full", {
      textDocument: { uri: uriOf(lb01ka) },
    });
    const legend = client.init.capabilities.semanticTokensProvider!.legend;
    const decoded: { line: number; type: string }[] = [];
    let line = 0;
    for (let i = 0; i < tokens.data.length; i += 5) {
      line += tokens.data[i];
      decoded.push({ line, type: legend.tokenTypes[tokens.data[i + 3]] });
    }
    expect(decoded).toContainEqual({ line: 18, type: "secret" }); // auth_pass 1234
    expect(decoded).toContainEqual({ line: 5, type: "namespace" }); // vrrp_script chk_haproxy
    expect(decoded).toContainEqual({ line: 0, type: "keyword" });
  });
});

describe("inactive lines", () => {
  test("an untaken .if branch is published as a faded hint, not as a problem", async () => {
    const copy = tempCopy("seed-nginx");
    const other = await TestClient.start({ folders: [copy.dir] });
    try {
      const file = join(copy.dir, "lb01/haproxy.cfg");
      const text = `${client.text(file)}\n.if version_atleast(99.0)\n    option httplog\n.endif\n`;
      const published = await other.openAndWait(file, text);
      const line = text.split("\n").lastIndexOf("    option httplog");
      const faded = published.diagnostics.filter((d) => d.tags?.includes(1));
      expect(faded.map((d) => [d.range.start.line, d.severity, d.code])).toEqual([[line, 4, undefined]]);
      expect(faded[0].data).toEqual({ messageId: "untakenBranch", data: { version: expect.any(String) } });
    } finally {
      await other.stop();
      copy.cleanup();
    }
  });
});

describe("deprecation tags", () => {
  test("a keyword keepalived -t reports as deprecated is published struck through (DiagnosticTag.Deprecated)", async () => {
    const copy = tempCopy("seed-nginx");
    const other = await TestClient.start({ folders: [copy.dir] });
    try {
      const file = join(copy.dir, "lb01/keepalived.conf");
      // keepalived 2.2.7 -t: 'Keyword "vmac_garp_intvl" is deprecated - please use "garp_extra_if"', exit 5.
      const text = client.text(file).replace("    advert_int 1\n", "    advert_int 1\n    vmac_garp_intvl 10\n");
      const published = await other.openAndWait(file, text);
      const line = text.split("\n").indexOf("    vmac_garp_intvl 10");
      const struck = published.diagnostics.filter((d) => d.tags?.includes(2));
      expect(struck.map((d) => [d.range.start.line, d.range.start.character, d.code])).toEqual([[line, 4, "KA059"]]);
    } finally {
      await other.stop();
      copy.cleanup();
    }
  });
});

describe("saving", () => {
  test("a save, and the file watcher's event for it, re-analyse nothing when the text did not change", async () => {
    const before = client.analyzer!.analysisCount;
    await client.connection.sendNotification("textDocument/didSave", { textDocument: { uri: uriOf(lb01ka) } });
    await client.connection.sendNotification("workspace/didChangeWatchedFiles", {
      changes: [{ uri: uriOf(lb01ka), type: 2 }],
    });
    // A request answered after the notifications: the server has handled them.
    await client.connection.sendRequest("textDocument/documentSymbol", { textDocument: { uri: uriOf(lb01ka) } });
    expect(client.analyzer!.analysisCount).toBe(before);
  });
});

describe("completion marks and paths", () => {
  let copy: ReturnType<typeof tempCopy>;
  let other: TestClient;
  beforeAll(async () => {
    copy = tempCopy("seed-nginx");
    writeFileSync(join(copy.dir, "lb01/site.pem"), "not a real certificate\n");
    other = await TestClient.start({ folders: [copy.dir] });
  });
  afterAll(async () => {
    await other.stop();
    copy.cleanup();
  });

  test("a deprecated keyword is offered struck through, with what replaces it", async () => {
    const file = join(copy.dir, "lb01/haproxy.cfg");
    const text = "frontend f\n    bind :80\n    \n";
    await other.openAndWait(file, text);
    const items: CompletionItem[] = await other.connection.sendRequest("textDocument/completion", {
      textDocument: { uri: uriOf(file) },
      position: { line: 2, character: 4 },
    });
    const bindProcess = items.find((i) => i.label === "bind-process");
    expect(bindProcess?.tags).toEqual([1]);
    expect(bindProcess?.detail).toMatch(/deprecated since 2\.6/);
    expect(items.find((i) => i.label === "bind")?.tags).toBeUndefined();
  });

  test("path completion after crt lists the node's files", async () => {
    const file = join(copy.dir, "lb01/haproxy.cfg");
    const text = "frontend f\n    bind :443 ssl crt \n";
    await other.change(file, text);
    const items: CompletionItem[] = await other.connection.sendRequest("textDocument/completion", {
      textDocument: { uri: uriOf(file) },
      position: { line: 1, character: 22 },
    });
    expect(items.map((i) => i.label)).toContain("site.pem");
  });
});
