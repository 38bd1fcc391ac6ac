/**
 * `ha-lint ansible -i INVENTORY PLAYBOOK_OR_ROLE`: renders the keepalived, HAProxy and sysctl templates for each host
 * with the real Ansible (render.ts), lints the hosts as a cluster, and points each finding at the template line that
 * produced the rendered line (when the marked rendering maps it), naming the host, with the rendered place related.
 */
import { readFileSync } from "node:fs";
import { relative } from "node:path";
import type { Command } from "commander";
import type { Range } from "../../syntax/source.js";
import { InputError } from "../collect-files.js";
import type { LintOptions } from "../main.js";
import { lintGenerated, type ReportApi } from "../rendered/lint-generated.js";
import { renderWithAnsible, type RenderedFile } from "./render.js";

interface AnsibleOptions extends LintOptions {
  inventory: string;
  limit?: string;
  keepRendered?: string;
  timeout: string;
}

/** The template range of a rendered range: exact columns on a line the template holds as it is, else the line. */
function templateRange(rendered: string, templateLine: string, line: number, range: Range): Range {
  const lineEnd = { line, character: templateLine.length };
  if (rendered === templateLine)
    return {
      start: { line, character: range.start.character },
      end: range.start.line === range.end.line ? { line, character: range.end.character } : lineEnd,
    };
  const indent = templateLine.length - templateLine.trimStart().length;
  const renderedIndent = rendered.length - rendered.trimStart().length;
  if (rendered.trim() === templateLine.trim()) {
    const shift = indent - renderedIndent;
    const start = Math.max(0, range.start.character + shift);
    const end =
      range.start.line === range.end.line ? Math.max(start, range.end.character + shift) : templateLine.length;
    return { start: { line, character: start }, end: { line, character: end } };
  }
  return { start: { line, character: indent }, end: lineEnd };
}

function runAnsible(target: string, options: AnsibleOptions, api: ReportApi): number {
  if (!/^\d+$/.test(options.timeout) || Number(options.timeout) === 0)
    throw new InputError(`--timeout takes a number of seconds, not '${options.timeout}'`);
  api.parseOutputs(options);
  const render = renderWithAnsible({
    inventory: options.inventory,
    target,
    timeoutSeconds: Number(options.timeout),
    ...(options.limit ? { limit: options.limit } : {}),
    ...(options.keepRendered ? { keepDir: options.keepRendered } : {}),
  });
  try {
    const byPath = new Map<string, RenderedFile>(render.files.map((file) => [file.path, file]));
    const notices = render.failures.map((failure) => `ansible: ${failure}`);
    const linted = render.files.filter((file) => /keepalived|haproxy/.test(file.dest));
    if (linted.length === 0)
      throw new InputError(
        `no keepalived or HAProxy template was rendered for the ${render.hosts.length} ` +
          `host${render.hosts.length === 1 ? "" : "s"} of ` +
          `${options.inventory}${notices.length ? `:\n  ${render.failures.join("\n  ")}` : ""}`,
      );
    const templateTexts = new Map<string, string>();
    const templateLines = (file: string): string[] | undefined => {
      if (!templateTexts.has(file)) {
        try {
          templateTexts.set(file, readFileSync(file, "utf8"));
        } catch {
          return undefined;
        }
      }
      return templateTexts.get(file)?.split("\n");
    };
    const show = (file: string): string => {
      const rendered = byPath.get(file);
      if (rendered && !options.keepRendered) return `${rendered.host}:${rendered.dest}`;
      if (!options.keepRendered && (file === render.root || file.startsWith(render.root + "/")))
        return `ansible:${relative(render.root, file) || relative(process.cwd(), options.inventory) || options.inventory}`;
      return relative(process.cwd(), file) || file;
    };
    const code = lintGenerated(
      {
        paths: [render.root],
        options,
        notices,
        show,
        sources: templateTexts,
        origin: (file, range) => {
          const rendered = byPath.get(file);
          const from = rendered?.lines?.[range.start.line];
          if (!rendered || !from) return undefined;
          const template = render.templates[from.fileIndex];
          const lines = template ? templateLines(template) : undefined;
          if (!template || !lines || lines[from.line] === undefined) return undefined;
          const renderedLine = rendered.text.split("\n")[range.start.line] ?? "";
          return { file: template, range: templateRange(renderedLine, lines[from.line], from.line, range) };
        },
        label: (file) => byPath.get(file)?.host,
        relatedMessage: (file) => {
          const rendered = byPath.get(file);
          return rendered ? `as rendered for ${rendered.host} (${rendered.dest})` : undefined;
        },
      },
      api,
    );
    return notices.length > 0 ? Math.max(code, 2) : code;
  } finally {
    if (!options.keepRendered) render.cleanup();
  }
}

export function registerAnsibleCommand(
  program: Command,
  addOptions: (cmd: Command) => Command,
  api: ReportApi,
  setCode: (code: number) => void,
): void {
  addOptions(
    program
      .command("ansible")
      .description(
        "render a playbook's or a role's keepalived, HAProxy and sysctl templates for each host with Ansible, and " +
          "lint the hosts as a cluster",
      )
      .argument("<playbook-or-role>", "a playbook file, or a role folder (run on every host of the inventory)")
      .requiredOption("-i, --inventory <inventory>", "the Ansible inventory (file or folder)")
      .option("--limit <pattern>", "only these hosts (ansible-playbook --limit)")
      .option("--keep-rendered <dir>", "render into this folder and keep it (default: a temporary folder, removed)")
      .option("--timeout <seconds>", "stop ansible-playbook after this long", "300"),
  ).action((target: string, opts: AnsibleOptions, cmd: Command) => {
    setCode(runAnsible(target, { ...cmd.optsWithGlobals(), ...opts }, api));
  });
}
