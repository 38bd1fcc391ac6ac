/**
 * Rename and references across the nodes of a cluster: a vrrp_script or a backend renamed on lb01 is renamed on
 * lb02 too, so the nodes do not drift (no HA017 after the rename, the same findings as before it). Clients that
 * support change annotations get the peers' part marked as needing confirmation.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Location, TextEdit, WorkspaceEdit } from "vscode-languageserver/node";
import { afterEach, describe, expect, test } from "vitest";
import { runCli } from "../support/cli.js";
import { applyEdits, positionOf, tempCopy, TestClient, uriOf } from "./harness.js";

interface Copy {
  dir: string;
  cleanup: () => void;
}
let copy: Copy | undefined;
let client: TestClient | undefined;
afterEach(async () => {
  await client?.stop();
  copy?.cleanup();
  client = copy = undefined;
});

async function ruleIds(dir: string): Promise<string[]> {
  const run = await runCli([dir, "--format", "json"]);
  const report = JSON.parse(run.stdout) as { findings: { rule: string }[] };
  return report.findings.map((finding) => finding.rule).sort();
}

function at(file: string, needle: string, shift = 0): { textDocument: { uri: string }; position: object } {
  return { textDocument: { uri: uriOf(file) }, position: positionOf(readFileSync(file, "utf8"), needle, shift) };
}

/** Applies a plain rename to the files on disk. */
function applyOnDisk(edit: WorkspaceEdit, files: readonly string[]): void {
  for (const file of files) {
    const edits: TextEdit[] = edit.changes?.[uriOf(file)] ?? [];
    writeFileSync(file, applyEdits(readFileSync(file, "utf8"), edits));
  }
}

describe("rename across nodes", () => {
  test("a vrrp_script renamed on lb01 is renamed on lb02: no drift, the same findings", async () => {
    copy = tempCopy("seed-postgres");
    const lb01 = join(copy.dir, "lb01/keepalived.conf");
    const lb02 = join(copy.dir, "lb02/keepalived.conf");
    const before = await ruleIds(copy.dir);
    client = await TestClient.start({ folders: [copy.dir] });
    await client.openAndWait(lb01);
    const refs = await client.connection.sendRequest<Location[]>("textDocument/references", {
      ...at(lb01, "vrrp_script chk_haproxy", 12),
      context: { includeDeclaration: true },
    });
    expect(refs.map((ref) => ref.uri).sort()).toEqual([uriOf(lb01), uriOf(lb01), uriOf(lb02), uriOf(lb02)].sort());
    const edit = await client.connection.sendRequest<WorkspaceEdit>("textDocument/rename", {
      ...at(lb01, "vrrp_script chk_haproxy", 12),
      newName: "chk_lb",
    });
    expect(Object.keys(edit.changes ?? {}).sort()).toEqual([uriOf(lb01), uriOf(lb02)].sort());
    applyOnDisk(edit, [lb01, lb02]);
    for (const file of [lb01, lb02]) {
      expect(readFileSync(file, "utf8")).toContain("vrrp_script chk_lb {");
      expect(readFileSync(file, "utf8")).not.toContain("chk_haproxy");
    }
    const after = await ruleIds(copy.dir);
    expect(after).not.toContain("HA017");
    expect(after).toEqual(before);
  });

  test("a backend renamed on lb01 is renamed on lb02's haproxy.cfg too", async () => {
    copy = tempCopy("seed-postgres");
    const lb01 = join(copy.dir, "lb01/haproxy.cfg");
    const lb02 = join(copy.dir, "lb02/haproxy.cfg");
    const before = await ruleIds(copy.dir);
    client = await TestClient.start({ folders: [copy.dir] });
    await client.openAndWait(lb01);
    const edit = await client.connection.sendRequest<WorkspaceEdit>("textDocument/rename", {
      ...at(lb01, "backend postgres_backend", 8),
      newName: "pg_primary",
    });
    expect(Object.keys(edit.changes ?? {}).sort()).toEqual([uriOf(lb01), uriOf(lb02)].sort());
    applyOnDisk(edit, [lb01, lb02]);
    for (const file of [lb01, lb02]) expect(readFileSync(file, "utf8")).toContain("backend pg_primary");
    const after = await ruleIds(copy.dir);
    expect(after).not.toContain("HA017");
    expect(after).toEqual(before);
  });

  test("with change annotations the peers' edits need confirmation (the rename offers them)", async () => {
    copy = tempCopy("seed-postgres");
    const lb01 = join(copy.dir, "lb01/keepalived.conf");
    const lb02 = join(copy.dir, "lb02/keepalived.conf");
    const workspaceEdit = { documentChanges: true, changeAnnotationSupport: { groupsOnLabel: true } };
    client = await TestClient.start({ folders: [copy.dir], capabilities: { workspace: { workspaceEdit } } });
    await client.openAndWait(lb01);
    const edit = await client.connection.sendRequest<WorkspaceEdit>("textDocument/rename", {
      ...at(lb01, "vrrp_script chk_haproxy", 12),
      newName: "chk_lb",
    });
    const annotation = Object.values(edit.changeAnnotations ?? {})[0];
    expect(annotation?.needsConfirmation).toBe(true);
    expect(annotation?.label).toBe("Rename on lb02 too");
    const byUri = new Map(
      (edit.documentChanges ?? []).flatMap((change) =>
        "textDocument" in change ? [[change.textDocument.uri, change.edits] as const] : [],
      ),
    );
    expect(byUri.get(uriOf(lb01))?.every((e) => !("annotationId" in e))).toBe(true);
    expect(byUri.get(uriOf(lb02))?.every((e) => "annotationId" in e)).toBe(true);
    expect(byUri.get(uriOf(lb02))).toHaveLength(2);
  });
});
