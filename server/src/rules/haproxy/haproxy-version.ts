/**
 * What the HAProxy rules that follow the version share: each haproxy.cfg with the version its node runs, and the
 * global `zero-warning` that turns HAProxy's warnings into a refusal to start.
 */
import type { HaproxyConfig } from "../../model/types.js";
import type { HpLine } from "../../syntax/haproxy/tree.js";
import type { AnalysisInput } from "../context.js";

export interface HaproxyUnit {
  config: HaproxyConfig;
  /** The HAProxy version of the node that runs this file. */
  version: string;
  /** The global `zero-warning` line, when there is one. */
  zeroWarning?: HpLine;
}

/** Every haproxy.cfg model of the analysis, once per file and version. */
export function haproxyUnits(ctx: Pick<AnalysisInput, "clusters" | "settings">): HaproxyUnit[] {
  const seen = new Set<HaproxyConfig>();
  const out: HaproxyUnit[] = [];
  for (const cluster of ctx.clusters)
    for (const node of cluster.nodes) {
      const config = node.haproxy;
      if (!config || seen.has(config)) continue;
      seen.add(config);
      const unit: HaproxyUnit = { config, version: node.haproxyVersion ?? ctx.settings.haproxyVersion };
      const zero = globalLine(config, "zero-warning");
      if (zero) unit.zeroWarning = zero;
      out.push(unit);
    }
  return out;
}

/** The first line of a keyword in the global sections. */
export function globalLine(config: HaproxyConfig, keyword: string): HpLine | undefined {
  return globalLineAt(config, keyword)?.line;
}

/** The first line of a keyword in the global sections, with its file (of the files HAProxy loads, in order). */
export function globalLineAt(config: HaproxyConfig, keyword: string): { file: string; line: HpLine } | undefined {
  for (const { file, section } of config.sections)
    if (section.kind === "global")
      for (const line of section.lines) if (line.keyword.value === keyword) return { file, line };
  return undefined;
}

/**
 * The message id and severity of an HAProxy warning: a warning, or an error under `zero-warning` (haproxy.c: 'Some
 * warnings were found and 'zero-warning' is set. Aborting.', checked with haproxy -c 3.2.26), or, for a version
 * that does not warn yet, an info with the id the caller names.
 */
export function warningLevel(
  unit: HaproxyUnit,
  warns: boolean,
): { messageId: "warned" | "refusesToStart" | "notYet"; severity: "info" | "warning" | "error" } {
  if (!warns) return { messageId: "notYet", severity: "info" };
  return unit.zeroWarning
    ? { messageId: "refusesToStart", severity: "error" }
    : { messageId: "warned", severity: "warning" };
}
