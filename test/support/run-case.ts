/** Runs one case of a rule's table: the files under a virtual root, only that rule. */
import { analyze } from "../../server/src/analyze.js";
import { languageFromName } from "../../server/src/language.js";
import type { Finding } from "../../server/src/rules/finding.js";
import { allRules } from "../../server/src/rules/index.js";
import type { Rule, RuleCase } from "../../server/src/rules/rule.js";
import { hostFactsReader } from "../../server/src/workspace/host-facts/read-host-facts.js";
import { virtualHost } from "./virtual-host.js";
import { manifestOf } from "../../server/src/workspace/config-file.js";
import { diskFileSystem, OverlayFileSystem } from "../../server/src/workspace/file-system.js";
import { renderTemplates, templateFiles } from "../../server/src/workspace/templates.js";

export const CASE_ROOT = "/case";

export function runCase(rule: Rule, c: RuleCase): Finding[] {
  const files: Record<string, string> = {};
  for (const [name, text] of Object.entries(c.files)) files[`${CASE_ROOT}/${name}`] = text;
  const manifest = c.manifest ? manifestOf(CASE_ROOT, c.manifest.clusters) : undefined;
  const templates = templateFiles(manifest);
  const rendered = renderTemplates(new OverlayFileSystem(diskFileSystem, new Map(Object.entries(files))), manifest);
  const named = new Set(manifest?.clusters.flatMap((cl) => cl.nodes.flatMap((n) => [n.keepalived, n.haproxy])));
  const roots = Object.keys(files).filter(
    (f) => !templates.has(f) && (languageFromName(f) !== undefined || named.has(f)),
  );
  const host = virtualHost(
    files,
    (c.executable ?? []).map((f) => `${CASE_ROOT}/${f}`),
    (c.unreadable ?? []).map((f) => `${CASE_ROOT}/${f}`),
  );
  const result = analyze({
    files: [...roots.map((path) => ({ path, text: files[path] })), ...rendered.inputs],
    ...(rendered.manifest ? { manifest: rendered.manifest } : {}),
    host,
    hostFacts: hostFactsReader(host),
    settings: c.settings,
    rules: [rule, ...(c.withRules ?? []).map((id) => allRules.find((r) => r.id === id)!)],
  });
  if (result.internalErrors.length > 0) throw new Error(`rule ${rule.id} threw: ${result.internalErrors[0].message}`);
  return result.findings.filter((f) => f.rule === rule.id);
}

export function relative(file: string): string {
  return file.startsWith(`${CASE_ROOT}/`) ? file.slice(CASE_ROOT.length + 1) : file;
}
