/** Every editor feature over LSP, in process: hover, completion, navigation, rename, symbols, folding, formatting, code actions, the matrix command. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type {
  CodeAction,
  CompletionItem,
  DocumentSymbol,
  FoldingRange,
  Hover,
  Location,
  SymbolInformation,
  TextEdit,
  WorkspaceEdit,
} from "vscode-languageserver/node";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { applyEdits, fixture, positionOf, TestClient, uriOf } from "./harness.js";

const seed = fixture("seed-postgres");
const lb01ka = join(seed, "lb01/keepalived.conf");
const lb01hp = join(seed, "lb01/haproxy.cfg");

const HAPROXY = `global
    maxconn 2000

defaults base
    mode http
    timeout connect 5s
    timeout client 1m
    timeout server 1m

userlist ops_users
    user admin password $6$abc

frontend web from base
    bind 192.0.2.10:80
    acl is_api path_beg /api
    acl is_admin path_beg /admin
    http-request auth realm ops if is_admin !{ http_auth(ops_users) }
    use_backend api if is_api
    default_backend app

backend app from base
    balance roundrobin
    option httpchk GET /health
    server app1 192.0.2.21:8080 check
    server app2 192.0.2.22:8080

backend api from base
    server api1 192.0.2.31:8080 check
`;

const KEEPALIVED = `global_defs {
    router_id lb01
}

include /SCRIPTS/scripts.conf

vrrp_instance VI_1 {
    state MASTER
    interface eth0
    virtual_router_id 51
    priority 110
    virtual_ipaddress {
        192.0.2.10/24
    }
    track_script {
        chk_haproxy
    }
}

vrrp_instance VI_2 {
    state BACKUP
    interface eth1
    virtual_router_id 52
    priority 100
    virtual_ipaddress {
        192.0.2.11/24
    }
}

vrrp_sync_group G1 {
    group {
        VI_1
        VI_2
    }
}
`;

const SCRIPTS = `vrrp_script chk_haproxy {
    script "/usr/bin/killall -0 haproxy"
    interval 2
    weight -20
}
`;

describe("editor features", () => {
  let client: TestClient;
  let root: string;
  let ws: string;
  let ka: string;
  let scripts: string;
  let hp: string;

  const req = <T>(method: string, params: object): Promise<T> =>
    client.connection.sendRequest(method, params) as Promise<T>;
  const at = (file: string, needle: string, shift = 0, n = 0) => ({
    textDocument: { uri: uriOf(file) },
    position: positionOf(client.text(file), needle, shift, n),
  });

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), "ha-lint-features-"));
    ws = join(root, "ws");
    mkdirSync(join(ws, "lb01"), { recursive: true });
    ka = join(ws, "lb01/keepalived.conf");
    scripts = join(ws, "lb01/scripts.conf");
    hp = join(ws, "lb01/haproxy.cfg");
    writeFileSync(ka, KEEPALIVED.replace("/SCRIPTS", join(ws, "lb01")));
    writeFileSync(scripts, SCRIPTS);
    writeFileSync(hp, HAPROXY);
    client = await TestClient.start({ folders: [seed, ws] });
    await client.openAndWait(lb01ka);
    await client.openAndWait(lb01hp);
    await client.openAndWait(ka);
    await client.openAndWait(hp);
  });
  afterAll(async () => {
    await client.stop();
    rmSync(root, { recursive: true, force: true });
  });

  describe("hover", () => {
    test("keyword docs with section and link", async () => {
      const h = await req<Hover>("textDocument/hover", at(lb01ka, "interval", 2));
      expect(h.range).toEqual({ start: { line: 7, character: 4 }, end: { line: 7, character: 12 } });
      const v = (h.contents as { value: string }).value;
      expect(v).toContain("**interval**");
      expect(v).toContain("in vrrp_script");
      expect(v).toMatch(/\[Documentation\]\(https:\/\/www\.keepalived\.org\//);
      const hh = await req<Hover>("textDocument/hover", at(hp, "balance", 1));
      expect((hh.contents as { value: string }).value).toContain(
        "https://docs.haproxy.org/2.6/configuration.html#4.2-balance",
      );
      expect((hh.contents as { value: string }).value).toContain("backend section");
    });

    test("priority, weight and track_script show the effective priority of every node in every scenario", async () => {
      for (const [needle, shift, n] of [
        ["priority", 1, 0],
        ["weight", 1, 0],
        ["track_script", 1, 0],
        ["chk_haproxy", 1, 1],
      ] as const) {
        const h = await req<Hover>("textDocument/hover", at(lb01ka, needle, shift, n));
        const v = (h.contents as { value: string }).value;
        expect(v, needle).toContain("| baseline | 102 MASTER | 92 BACKUP | lb01 | OK |");
        expect(v, needle).toContain("| lb01:script:chk_haproxy | 100 MASTER | 92 BACKUP | lb01 | NO FAILOVER |");
      }
    });

    test("a backend name shows its servers and checks", async () => {
      const h = await req<Hover>("textDocument/hover", at(hp, "default_backend app", 17));
      const v = (h.contents as { value: string }).value;
      expect(v).toContain("**backend app**");
      expect(v).toContain("`option httpchk`");
      expect(v).toContain("| app1 | 192.0.2.21:8080 | yes |");
      expect(v).toContain("| app2 | 192.0.2.22:8080 | **no** |");
    });

    test("a VIP shows which node holds it", async () => {
      const h = await req<Hover>("textDocument/hover", at(lb01ka, "10.114.16.72", 3));
      expect(h.range!.start).toEqual({ line: 21, character: 8 });
      expect((h.contents as { value: string }).value).toContain("Held by **lb01** in normal operation.");
      const b = await req<Hover>("textDocument/hover", at(hp, "192.0.2.10:80", 2));
      expect((b.contents as { value: string }).value).toContain("**VIP 192.0.2.10**");
    });
  });

  describe("completion", () => {
    const labels = async (file: string, text: string, needle: string, shift: number): Promise<string[]> => {
      await client.change(file, text);
      const items = await req<CompletionItem[]>("textDocument/completion", {
        textDocument: { uri: uriOf(file) },
        position: positionOf(text, needle, shift),
      });
      return items.map((i) => i.label);
    };

    test("keepalived: keywords of the block, enum values, script and instance names, snippets", async () => {
      const base = client.text(ka);
      const inInstance = base.replace("    priority 110\n", "    priority 110\n    pr\n");
      expect(await labels(ka, inInstance, "    pr\n", 6)).toEqual(
        expect.arrayContaining(["priority", "preempt_delay", "state", "track_script"]),
      );
      expect(await labels(ka, inInstance, "    pr\n", 6)).not.toContain("router_id");
      expect(await labels(ka, base.replace("state MASTER", "state "), "state ", 6)).toEqual(["MASTER", "BACKUP"]);
      expect(
        await labels(ka, base.replace("        chk_haproxy\n", "        \n"), "track_script {\n        ", 21),
      ).toEqual(["chk_haproxy"]);
      expect(await labels(ka, base.replace("        VI_2\n", "        V\n"), "        V\n", 9)).toEqual(
        expect.arrayContaining(["VI_1", "VI_2"]),
      );
      const atRoot = await req<CompletionItem[]>("textDocument/completion", {
        textDocument: { uri: uriOf(ka) },
        position: { line: 3, character: 0 },
      });
      const snippet = atRoot.find((i) => i.label === "vrrp_instance" && i.kind === 15);
      expect(snippet?.insertText).toContain("virtual_router_id");
      expect(snippet?.insertTextFormat).toBe(2);
      expect(atRoot.map((i) => i.label)).toContain("vrrp_script");
      await client.change(ka, base);
    });

    test("haproxy: section keywords, multi-word keywords, enum values, backend and ACL names, the backend snippet", async () => {
      const base = client.text(hp);
      expect(await labels(hp, base.replace("    balance roundrobin", "    balance "), "balance ", 8)).toContain(
        "leastconn",
      );
      expect(await labels(hp, base.replace("    mode http", "    mode "), "mode ", 5)).toEqual(["http", "tcp", "log"]);
      expect(await labels(hp, base.replace("default_backend app", "default_backend "), "default_backend ", 16)).toEqual(
        ["app", "api"],
      );
      expect(
        await labels(hp, base.replace("use_backend api if is_api", "use_backend api if "), "use_backend api if ", 19),
      ).toEqual(["is_api", "is_admin"]);
      expect(
        await labels(
          hp,
          base.replace("    timeout server 1m\n", "    timeout server 1m\n    timeout \n"),
          "    timeout \n",
          12,
        ),
      ).toEqual(expect.arrayContaining(["connect", "server", "client"]));
      expect(await labels(hp, base.replace("    server api1", "    ba\n    server api1"), "    ba\n", 6)).toEqual(
        expect.arrayContaining(["balance", "option httpchk"]),
      );
      const top = await req<CompletionItem[]>("textDocument/completion", {
        textDocument: { uri: uriOf(hp) },
        position: { line: 2, character: 0 },
      });
      expect(top.map((i) => i.label)).toEqual(expect.arrayContaining(["frontend", "backend", "defaults", "userlist"]));
      expect(top.find((i) => i.kind === 15 && i.label === "backend")?.insertText).toMatch(
        /server .* check\n.*server .* check/,
      );
      await client.change(hp, base);
    });
  });

  describe("definition, references, rename", () => {
    test("backend: definition and references", async () => {
      const defs = await req<Location[]>("textDocument/definition", at(hp, "default_backend app", 16));
      expect(defs).toEqual([
        { uri: uriOf(hp), range: { start: { line: 20, character: 8 }, end: { line: 20, character: 11 } } },
      ]);
      const refs = await req<Location[]>("textDocument/references", {
        ...at(hp, "backend app", 8),
        context: { includeDeclaration: true },
      });
      expect(refs.map((r) => r.range.start.line)).toEqual([20, 18]);
    });

    test("defaults, userlist and ACLs", async () => {
      const d = await req<Location[]>("textDocument/definition", at(hp, "frontend web from base", 18));
      expect(d[0].range.start).toEqual({ line: 3, character: 9 });
      const u = await req<Location[]>("textDocument/definition", at(hp, "http_auth(ops_users)", 11));
      expect(u[0].range.start).toEqual({ line: 9, character: 9 });
      const acl = await req<Location[]>("textDocument/references", {
        ...at(hp, "acl is_admin", 5),
        context: { includeDeclaration: false },
      });
      expect(acl).toEqual([
        { uri: uriOf(hp), range: { start: { line: 16, character: 35 }, end: { line: 16, character: 43 } } },
      ]);
    });

    test("vrrp_script across an included file, sync group members", async () => {
      const d = await req<Location[]>("textDocument/definition", at(ka, "        chk_haproxy", 9));
      expect(d).toEqual([
        { uri: uriOf(scripts), range: { start: { line: 0, character: 12 }, end: { line: 0, character: 23 } } },
      ]);
      const m = await req<Location[]>("textDocument/definition", at(ka, "        VI_2", 9));
      expect(m[0].range.start).toEqual({ line: 19, character: 14 });
    });

    test("rename changes every occurrence, across files", async () => {
      const prep = await req<{ range: unknown; placeholder: string }>(
        "textDocument/prepareRename",
        at(ka, "        chk_haproxy", 9),
      );
      expect(prep.placeholder).toBe("chk_haproxy");
      const edit = await req<WorkspaceEdit>("textDocument/rename", {
        ...at(ka, "        chk_haproxy", 9),
        newName: "chk_lb",
      });
      expect(Object.keys(edit.changes ?? {}).sort()).toEqual([uriOf(ka), uriOf(scripts)].sort());
      expect(applyEdits(client.text(scripts), edit.changes![uriOf(scripts)])).toContain("vrrp_script chk_lb {");
      expect(applyEdits(client.text(ka), edit.changes![uriOf(ka)])).toContain("        chk_lb\n");
      const acl = await req<WorkspaceEdit>("textDocument/rename", { ...at(hp, "acl is_admin", 5), newName: "is_ops" });
      const after = applyEdits(client.text(hp), acl.changes![uriOf(hp)]);
      expect(after).toContain("acl is_ops path_beg /admin");
      expect(after).toContain("if is_ops !{ http_auth(ops_users) }");
      const be = await req<WorkspaceEdit>("textDocument/rename", { ...at(hp, "backend app", 8), newName: "web_app" });
      expect(applyEdits(client.text(hp), be.changes![uriOf(hp)])).toMatch(
        /default_backend web_app[\s\S]*backend web_app from base/,
      );
      await expect(req("textDocument/rename", { ...at(hp, "backend app", 8), newName: "two words" })).rejects.toThrow(
        /not a valid name/,
      );
    });
  });

  describe("symbols and folding", () => {
    test("document symbols", async () => {
      const hs = await req<DocumentSymbol[]>("textDocument/documentSymbol", { textDocument: { uri: uriOf(hp) } });
      expect(hs.map((s) => s.name)).toEqual(["global", "base", "ops_users", "web", "app", "api"]);
      const app = hs.find((s) => s.name === "app")!;
      expect(app.children?.map((c) => c.name)).toEqual(["app1", "app2"]);
      expect(app.selectionRange.start).toEqual({ line: 20, character: 8 });
      const ks = await req<DocumentSymbol[]>("textDocument/documentSymbol", { textDocument: { uri: uriOf(ka) } });
      expect(ks.map((s) => s.name)).toEqual(["global_defs", "VI_1", "VI_2", "G1"]);
      expect(ks[1].children?.map((c) => c.name)).toEqual(["virtual_ipaddress", "track_script"]);
    });

    test("folding ranges", async () => {
      const kf = await req<FoldingRange[]>("textDocument/foldingRange", { textDocument: { uri: uriOf(ka) } });
      expect(kf).toContainEqual({ startLine: 6, endLine: 16 });
      expect(kf).toContainEqual({ startLine: 11, endLine: 12 });
      const hf = await req<FoldingRange[]>("textDocument/foldingRange", { textDocument: { uri: uriOf(hp) } });
      expect(hf.map((f) => f.startLine)).toEqual([0, 3, 9, 12, 20, 26]);
    });

    test("workspace symbols", async () => {
      const ws1 = await req<SymbolInformation[]>("workspace/symbol", { query: "chk" });
      expect(ws1.map((s) => `${s.name} ${s.location.uri.split("/").slice(-2).join("/")}`)).toEqual(
        expect.arrayContaining([
          "chk_haproxy lb01/keepalived.conf",
          "chk_haproxy lb02/keepalived.conf",
          "chk_haproxy lb01/scripts.conf",
        ]),
      );
      const be = await req<SymbolInformation[]>("workspace/symbol", { query: "postgres_back" });
      expect(be.map((s) => s.containerName)).toEqual(["backend", "backend"]);
    });
  });

  describe("formatting", () => {
    const messy =
      'global\n  maxconn    2000   \n\n# web things\nfrontend  web\n bind :80   # plain http\n\t  default_backend   app\n\n    # servers\nbackend app\nserver a "1.2.3.4:80"   check\n';
    const clean =
      'global\n    maxconn 2000\n\n# web things\nfrontend web\n    bind :80 # plain http\n    default_backend app\n\n    # servers\nbackend app\n    server a "1.2.3.4:80" check\n';

    test("whole document, idempotent, comments kept", async () => {
      const f = join(ws, "lb01/other.haproxy.cfg");
      await client.open(f, messy, "haproxy");
      const edits = await req<TextEdit[]>("textDocument/formatting", {
        textDocument: { uri: uriOf(f) },
        options: { tabSize: 4, insertSpaces: true },
      });
      const once = applyEdits(messy, edits);
      expect(once).toBe(clean.replace("\n    # servers\n", "\n# servers\n"));
      await client.change(f, once);
      expect(
        await req<TextEdit[]>("textDocument/formatting", {
          textDocument: { uri: uriOf(f) },
          options: { tabSize: 4, insertSpaces: true },
        }),
      ).toEqual([]);
    });

    test("range formatting changes only the lines of the range", async () => {
      const f = join(ws, "lb01/range.haproxy.cfg");
      await client.open(f, messy, "haproxy");
      const edits = await req<TextEdit[]>("textDocument/rangeFormatting", {
        textDocument: { uri: uriOf(f) },
        range: { start: { line: 4, character: 0 }, end: { line: 6, character: 3 } },
        options: { tabSize: 2, insertSpaces: true },
      });
      expect(edits.map((e) => e.range.start.line)).toEqual([4, 5, 6]);
      expect(edits.map((e) => e.newText)).toEqual(["frontend web", "  bind :80 # plain http", "  default_backend app"]);
    });

    test("keepalived: indentation by block depth", async () => {
      const f = join(ws, "lb01/fmt.keepalived.conf");
      const text =
        'vrrp_script s {\nscript   "/bin/check  two"\n  }\nvrrp_instance X {\n  authentication { auth_type PASS }\nvirtual_ipaddress {\n192.0.2.1/24   ! vip\n}\n}\n';
      await client.open(f, text, "keepalived");
      const edits = await req<TextEdit[]>("textDocument/formatting", {
        textDocument: { uri: uriOf(f) },
        options: { tabSize: 4, insertSpaces: false },
      });
      expect(applyEdits(text, edits)).toBe(
        'vrrp_script s {\n\tscript "/bin/check  two"\n}\nvrrp_instance X {\n\tauthentication { auth_type PASS }\n\tvirtual_ipaddress {\n\t\t192.0.2.1/24 ! vip\n\t}\n}\n',
      );
    });
  });

  describe("code actions", () => {
    test("the rule's fix (across both nodes) and 'disable for this line'", async () => {
      const diags = (await client.diagnostics(lb01ka)).diagnostics;
      const ha001 = diags.find((d) => d.code === "HA001")!;
      const actions = await req<CodeAction[]>("textDocument/codeAction", {
        textDocument: { uri: uriOf(lb01ka) },
        range: ha001.range,
        context: { diagnostics: [ha001] },
      });
      const fix = actions.find((a) => a.title.startsWith("Set weight"))!;
      expect(fix.isPreferred).toBe(true);
      expect(fix.diagnostics?.[0].code).toBe("HA001");
      expect(Object.keys(fix.edit!.changes!).sort()).toEqual([
        uriOf(lb01ka),
        uriOf(join(seed, "lb02/keepalived.conf")),
      ]);
      const disable = actions.find((a) => a.title.startsWith("Disable HA001"))!;
      const text = client.text(lb01ka);
      const edited = applyEdits(text, disable.edit!.changes![uriOf(lb01ka)]);
      expect(edited.split("\n")[8]).toBe("    # ha-lint disable-next-line HA001 -- reason");
      const v = await client.change(lb01ka, edited);
      const after = await client.diagnostics(lb01ka, (p) => p.version === v);
      expect(after.diagnostics.map((d) => d.code)).not.toContain("HA001");
      // Applying the fix to both nodes' buffers removes the finding.
      const lb02ka = join(seed, "lb02/keepalived.conf");
      await client.open(lb02ka);
      const text02 = client.text(lb02ka);
      await client.change(lb02ka, applyEdits(text02, fix.edit!.changes![uriOf(lb02ka)]));
      const v2 = await client.change(lb01ka, applyEdits(text, fix.edit!.changes![uriOf(lb01ka)]));
      const fixed = await client.diagnostics(lb01ka, (p) => p.version === v2);
      expect(fixed.diagnostics.map((d) => d.code)).not.toContain("HA001");
      await client.change(lb02ka, text02);
      await client.change(lb01ka, text);
    });
  });

  describe("failover matrix command", () => {
    test("returns the matrix of the current cluster as a markdown table", async () => {
      const md = await req<string>("workspace/executeCommand", {
        command: "ha-lint.showFailoverMatrix",
        arguments: [uriOf(lb01ka)],
      });
      expect(md).toContain("# Failover matrix");
      expect(md).toContain("**cluster seed-postgres · VI_1 (VRID 51, VIP 10.114.16.72/24)**");
      expect(md).toContain("| scenario | lb01 prio/state | lb02 prio/state | VIP holder | verdict |");
      expect(md).toContain("| lb01:script:chk_haproxy | 100 MASTER | 92 BACKUP | lb01 | NO FAILOVER |");
      expect(client.init.capabilities.executeCommandProvider?.commands).toContain("ha-lint.showFailoverMatrix");
    });
  });
});
