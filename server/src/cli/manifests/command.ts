/**
 * `ha-lint --from-manifests FILE...` (`-` for standard input, e.g. `helm template ... | ha-lint --from-manifests -`):
 * the configs read out of the manifests (read-manifests.ts) are laid into a temporary node tree,
 * `<cluster>/<node>/etc/{keepalived/keepalived.conf,haproxy/haproxy.cfg}`, linted, and each finding is moved back to
 * the manifest's line (a literal block scalar maps line for line, with its indentation; other values map to the key).
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, dirname, extname, join, relative, resolve } from "node:path";
import type { Range } from "../../syntax/source.js";
import { InputError } from "../collect-files.js";
import type { LintOptions } from "../main.js";
import { lintGenerated, type ReportApi } from "../rendered/lint-generated.js";
import { readManifest, type ManifestConfig } from "./read-manifests.js";

export const STDIN_NAME = "<stdin>";

function readInput(path: string): { file: string; text: string } {
  if (path === "-") {
    try {
      return { file: STDIN_NAME, text: readFileSync(0, "utf8") };
    } catch (e) {
      throw new InputError(`cannot read standard input: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  try {
    return { file: resolve(path), text: readFileSync(path, "utf8") };
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new InputError(
      `${path}: ${code === "ENOENT" ? "no such file or directory" : `cannot be read (${code ?? String(e)})`}`,
    );
  }
}

const safeName = (name: string): string => name.replace(/[^\w.-]+/g, "_") || "_";

export function lintManifests(paths: string[], options: LintOptions, api: ReportApi): number {
  if (paths.length === 0) throw new InputError("--from-manifests takes manifest files, or '-' for standard input");
  api.parseOutputs(options);
  const texts = new Map<string, string>();
  const configs: ManifestConfig[] = [];
  for (const path of paths) {
    const { file, text } = readInput(path);
    texts.set(file, text);
    const fileNode = file === STDIN_NAME ? "stdin" : basename(file, extname(file));
    configs.push(...readManifest(file, text, fileNode));
  }
  if (configs.length === 0)
    throw new InputError(
      `no keepalived or HAProxy configuration found in ` +
        `${paths.map((p) => (p === "-" ? STDIN_NAME : p)).join(", ")} (ConfigMap data keys, pod env values)`,
    );
  const work = mkdtempSync(join(tmpdir(), "ha-lint-manifests-"));
  try {
    const byPath = new Map<string, ManifestConfig>();
    const notices: string[] = [];
    for (const config of configs) {
      const name = config.language === "keepalived" ? "etc/keepalived/keepalived.conf" : "etc/haproxy/haproxy.cfg";
      let node = config.node;
      let path = join(work, safeName(config.cluster), safeName(node), name);
      for (let copy = 2; byPath.has(path); copy++) {
        node = `${config.node}-${copy}`;
        path = join(work, safeName(config.cluster), safeName(node), name);
      }
      if (node !== config.node)
        notices.push(
          `${config.source}: node ${config.node} already has a ${config.language} config; this one is node ${node}`,
        );
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, config.text);
      byPath.set(path, config);
    }
    const shown = (file: string): string => (file === STDIN_NAME ? file : relative(process.cwd(), file) || file);
    const show = (file: string): string => {
      const config = byPath.get(file);
      if (config) return `${shown(config.file)}[${config.source}]`;
      if (file.startsWith(work)) return `manifests:${relative(work, file) || "."}`;
      return shown(file);
    };
    const origin = (file: string, range: Range): { file: string; range: Range } | undefined => {
      const config = byPath.get(file);
      if (!config) return undefined;
      const place = (line: number, character: number): { line: number; character: number } => {
        const at = config.lines[line];
        return at ? { line: at.line, character: at.column + character } : { line: config.fallbackLine, character: 0 };
      };
      const start = place(range.start.line, range.start.character);
      const end = config.lines[range.end.line] ? place(range.end.line, range.end.character) : start;
      return { file: config.file, range: { start, end } };
    };
    return lintGenerated(
      {
        paths: [work],
        options,
        notices,
        show,
        sources: texts,
        origin,
        label: (file) => byPath.get(file)?.node,
      },
      api,
    );
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
