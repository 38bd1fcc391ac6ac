/**
 * Lints a node tree that ha-lint generated (templates rendered by Ansible, configs cut out of Kubernetes manifests):
 * the workspace layer analyses the tree like any other, then the findings move back to the files the user edits.
 */
import type { parseOutputs, reportFindings, LintOptions } from "../main.js";
import { runAnalysis } from "../run-analysis.js";
import { remapFindings, type RemapOptions } from "./remap-findings.js";

/** The report functions of the CLI (passed in: main.ts registers the commands that use them). */
export interface ReportApi {
  parseOutputs: typeof parseOutputs;
  reportFindings: typeof reportFindings;
}

export interface GeneratedLint extends RemapOptions {
  /** The node tree's root (or its files). */
  paths: string[];
  options: LintOptions;
  /** Texts of the user's files the findings move to, for the report's source lines. */
  sources: ReadonlyMap<string, string>;
  /** How a path is shown. */
  show: (file: string) => string;
  /** Printed on stderr before the report. */
  notices: readonly string[];
}

/**
 * Rules that look for the files a config references in the node's tree (HA028 missing, HA029 differing): a generated
 * tree holds only the rendered configs, not the certificates, maps and scripts of the real hosts, so they are not run.
 */
const TREE_FILE_RULES = ["HA028", "HA029"];

export function lintGenerated(request: GeneratedLint, api: ReportApi): number {
  const outputs = api.parseOutputs(request.options);
  const ignore = [request.options.ignore, ...TREE_FILE_RULES].filter(Boolean).join(",");
  const analysis = runAnalysis(request.paths, { ...request.options, ignore, allowRefused: true });
  for (const notice of [...request.notices, ...analysis.notices]) process.stderr.write(`ha-lint: ${notice}\n`);
  const findings = remapFindings(analysis.result.findings, request);
  for (const [file, text] of request.sources) analysis.sources.set(file, text);
  return api.reportFindings(analysis, findings, request.options, outputs, request.show);
}
