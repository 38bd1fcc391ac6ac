/**
 * Hover: keyword docs (where it is valid, what it does, a link); on priority / weight / track_script the effective
 * priority of every node in every scenario; on a backend name its servers and checks; on a VIP who holds it.
 */
import { pathToFileURL } from "node:url";
import { buildHaproxyConfig, normaliseAddress, type VrrpInstance } from "../model/index.js";
import { PROXY_SECTIONS } from "../schema/haproxy-keywords.js";
import type { KeywordSpec } from "../schema/types.js";
import {
  failoverMatrix,
  matrixTables,
  verdictLabel,
  type ClusterSimulation,
  type RouterSimulation,
} from "../simulation.js";
import type { Position, Range } from "../syntax/source.js";
import type { HaproxyDocument } from "../syntax/haproxy/index.js";
import type { KeepalivedDocument } from "../syntax/keepalived/index.js";
import {
  blockIdOf,
  haproxyAt,
  haproxyDocOf,
  keepalivedAt,
  keepalivedDocOf,
  type HaproxyAt,
  type KeepalivedAt,
} from "./locate.js";
import type { WorkspaceAnalysis } from "./workspace-analysis.js";

export interface HoverResult {
  /** Markdown. */
  contents: string;
  range: Range;
}

const KEEPALIVED_MANUAL = "https://www.keepalived.org/manpage.html";

export function haproxyDocsUrl(
  version: string,
  section: string | undefined,
  keyword: string,
  where: "keyword" | "bind" | "server" = "keyword",
): string {
  const base = `https://docs.haproxy.org/${version}/configuration.html`;
  const anchor = (chapter: string): string => `${base}#${chapter}-${encodeURIComponent(keyword)}`;
  if (where === "bind") return anchor("5.1");
  if (where === "server") return anchor("5.2");
  if (section && PROXY_SECTIONS.has(section)) return anchor("4.2");
  if (section === "global") return `${base}#3`;
  return base;
}

function keywordDoc(spec: KeywordSpec, where: string, link: string): string {
  const out = [`**${spec.name}**${spec.args ? ` \`${spec.args}\`` : ""}`, "", `*${where}*`, "", spec.description];
  if (spec.deprecated)
    out.push(
      "",
      `Deprecated since ${spec.deprecated.since}${spec.deprecated.replacement ? `: use \`${spec.deprecated.replacement}\`` : ""}.`,
    );
  out.push("", `[Documentation](${link})`);
  return out.join("\n");
}

/** A markdown table of the scenarios of some virtual routers. */
export function simulationMarkdown(
  simulations: readonly ClusterSimulation[],
  display: (id: string) => string = (id) => id,
): string {
  const out: string[] = [];
  for (const table of matrixTables(failoverMatrix(simulations, display))) {
    out.push(
      `**${table.title}**`,
      "",
      `| ${table.header.join(" | ")} |`,
      `|${table.header.map(() => " --- ").join("|")}|`,
    );
    for (const row of table.rows) out.push(`| ${row.cells.join(" | ")} |`);
    out.push("");
  }
  return out.join("\n");
}

/** Routers (with their cluster) that one of the given instances of a keepalived configuration belongs to. */
function routersOf(
  analysis: WorkspaceAnalysis,
  doc: KeepalivedDocument,
  pick: (inst: VrrpInstance) => boolean,
): ClusterSimulation[] {
  const out: ClusterSimulation[] = [];
  for (const simulation of analysis.result.input.simulations) {
    const routers: RouterSimulation[] = simulation.routers.filter((routerSim) =>
      routerSim.router.members.some((m) => m.node.keepalived?.document.file === doc.file && pick(m.instance)),
    );
    if (routers.length) out.push({ ...simulation, routers });
  }
  return out;
}

/** The scenarios that matter on hover: normal operation, the holder's tracked check failing, the holder down. */
function scenariosThatMatter(router: RouterSimulation): RouterSimulation {
  const holder = router.baseline.holders[0];
  const checkFails = router.failures.find((s) => s.faults.some((f) => f.node === holder && f.kind === "script"));
  const holderDown = router.failures.find((s) => s.id === `${holder}:down`);
  const failures = [checkFails, holderDown].filter((s): s is NonNullable<typeof s> => s !== undefined);
  return { ...router, failures, recoveries: [] };
}

function priorityHover(
  analysis: WorkspaceAnalysis,
  doc: KeepalivedDocument,
  pick: (inst: VrrpInstance) => boolean,
  title: string,
): string | undefined {
  const sims = routersOf(analysis, doc, pick).map((cs) => ({ ...cs, routers: cs.routers.map(scenariosThatMatter) }));
  if (sims.length === 0) return undefined;
  const link = `command:ha-lint.showFailoverMatrix?${encodeURIComponent(JSON.stringify([pathToFileURL(doc.file).href]))}`;
  return [
    `**Effective priorities** (${title}):`,
    "",
    simulationMarkdown(sims, (id) => displayPath(analysis, id)),
    `[Every scenario: open the failover matrix](${link})`,
  ].join("\n");
}

/** A cluster id (a folder) as shown to the user: relative to the analysed folder, or the folder's own name. */
export function displayPath(analysis: WorkspaceAnalysis, id: string): string {
  const base = analysis.target.endsWith("/") ? analysis.target : `${analysis.target}/`;
  if (id === analysis.target || id === base) return analysis.target.split("/").filter(Boolean).pop() ?? id;
  return id.startsWith(base) ? id.slice(base.length) : id;
}

function vipHover(analysis: WorkspaceAnalysis, address: string): string | undefined {
  const key = normaliseAddress(address.split("/")[0]);
  for (const simulation of analysis.result.input.simulations) {
    for (const routerSim of simulation.routers) {
      const first = routerSim.router.members[0]?.instance;
      if (!routerSim.router.members.some((m) => m.instance.vips.some((v) => normaliseAddress(v.address) === key)))
        continue;
      const holders = (hs: string[]): string => (hs.length === 0 ? "nobody" : hs.join(" + "));
      const out = [
        `**VIP ${address}** · ${routerSim.router.name} (VRID ${first?.vrid?.value ?? "?"})`,
        "",
        `Held by **${holders(routerSim.baseline.holders)}** in normal operation.`,
        "",
        "| scenario | holder | verdict |",
        "| --- | --- | --- |",
      ];
      for (const scenario of [...routerSim.failures, ...routerSim.recoveries])
        out.push(
          `| ${scenario.id} | ${holders(scenario.holders)} | ${verdictLabel(scenario.verdict)}${scenario.race ? " (race)" : ""} |`,
        );
      return out.join("\n");
    }
  }
  return undefined;
}

/** The model of a document, built once per document (not once per hover: that was a whole-file pass each time). */
const models = new WeakMap<HaproxyDocument, ReturnType<typeof buildHaproxyConfig>>();

function backendHover(doc: HaproxyDocument, name: string): string | undefined {
  let config = models.get(doc);
  if (!config) models.set(doc, (config = buildHaproxyConfig(doc)));
  const proxy = config.proxies.find((p) => (p.kind === "backend" || p.kind === "listen") && p.name === name);
  if (!proxy) return undefined;
  const out = [
    `**${proxy.kind} ${proxy.name}** · mode ` +
      `${proxy.mode}${proxy.checkType ? ` · health check: \`option ${proxy.checkType.value}\`` : ""}`,
    "",
  ];
  if (proxy.servers.length === 0) out.push("No servers.");
  else {
    out.push("| server | address | check | notes |", "| --- | --- | --- | --- |");
    for (const server of proxy.servers) {
      const notes = [
        server.backup ? "backup" : "",
        server.disabled ? "disabled" : "",
        server.agentCheck ? "agent-check" : "",
        server.track ? `track ${server.track.value}` : "",
      ]
        .filter(Boolean)
        .join(", ");
      out.push(`| ${server.name} | ${server.address} | ${server.check ? "yes" : "**no**"} | ${notes} |`);
    }
  }
  return out.join("\n");
}

function haproxyHover(analysis: WorkspaceAnalysis, place: HaproxyAt): string | undefined {
  const { section, line, word, index } = place;
  if (!line || !word || index === undefined) return undefined;
  const keywords = analysis.result.input.haproxyKeywords;
  const keywordName = line.keyword.value;
  if (section && line === section.header) {
    if (index === 0) {
      const description = keywords.sectionDescription(section.kind);
      return description
        ? [
            `**${section.kind}** section`,
            "",
            description,
            "",
            `[Documentation](https://docs.haproxy.org/${keywords.version}/configuration.html)`,
          ].join("\n")
        : undefined;
    }
    if (word === section.name && (section.kind === "backend" || section.kind === "listen"))
      return backendHover(place.doc, word.value);
    if (index >= 2 && line.args[index - 2]?.value === "from") return `defaults section **${word.value}**`;
    return undefined;
  }
  if ((keywordName === "default_backend" || keywordName === "use_backend") && index === 1)
    return backendHover(place.doc, word.value);
  if (keywordName === "bind" && index === 1) {
    const host = word.value.replace(/^\[|\](?=:)/g, "").replace(/:[^:]*$/, "");
    const vipText = host ? vipHover(analysis, host) : undefined;
    if (vipText) return vipText;
  }
  const sectionKind = section?.kind ?? "global";
  const words = [line.keyword, ...line.args].map((w) => w.value);
  const found = keywords.match(sectionKind, words);
  if (found && index < found.length)
    return keywordDoc(
      found.spec,
      `${sectionKind} section · HAProxy ${keywords.version}`,
      haproxyDocsUrl(keywords.version, sectionKind, found.spec.name),
    );
  if (
    (keywordName === "server" || keywordName === "default-server" || keywordName === "bind") &&
    index >= (keywordName === "default-server" ? 1 : 2)
  ) {
    const opt = keywordName === "bind" ? keywords.bindOption(word.value) : keywords.serverOption(word.value);
    if (opt)
      return keywordDoc(
        opt,
        `${keywordName} option · HAProxy ${keywords.version}`,
        haproxyDocsUrl(keywords.version, sectionKind, opt.name, keywordName === "bind" ? "bind" : "server"),
      );
  }
  return undefined;
}

function keepalivedHover(analysis: WorkspaceAnalysis, place: KeepalivedAt): string | undefined {
  const { statement, parents, word, index } = place;
  if (!statement || !word || index === undefined) return undefined;
  const keywords = analysis.result.input.keepalivedKeywords;
  const blockId = blockIdOf(parents);
  const keywordName = statement.keyword.value;
  const parent = parents[parents.length - 1];
  const instanceName = parents.find((p) => p.keyword.value === "vrrp_instance")?.args[0]?.value;
  const parts: string[] = [];
  // Values of list blocks.
  if (
    parent &&
    (parent.keyword.value === "virtual_ipaddress" || parent.keyword.value === "virtual_ipaddress_excluded") &&
    index === 0
  ) {
    return vipHover(analysis, word.value);
  }
  if (parent?.keyword.value === "track_script" && index === 0) {
    const script = analysis.result.input.clusters
      .flatMap((c) => c.nodes)
      .find((n) => n.keepalived?.document.file === place.doc.file)
      ?.keepalived?.scripts.get(keywordName);
    parts.push(
      `**track_script** entry: vrrp_script ` +
        `**${keywordName}**${script ? ` (weight ${script.weight}${script.weightReverse ? " reverse" : ""}, interval ${script.interval}s)` : " (not defined)"}`,
    );
    const priorityText = instanceName
      ? priorityHover(analysis, place.doc, (i) => i.name === instanceName, `${instanceName} tracks ${keywordName}`)
      : undefined;
    if (priorityText) parts.push("", priorityText);
    return parts.join("\n");
  }
  if (index === 0) {
    const spec = keywords.keyword(blockId, keywordName) ?? keywords.keywordAnyVersion(blockId, keywordName);
    if (spec)
      parts.push(
        keywordDoc(
          spec,
          `${blockId === "root" ? "top level" : `in ${blockId}`} · keepalived ${keywords.version}`,
          KEEPALIVED_MANUAL,
        ),
      );
  }
  let sim: string | undefined;
  if (keywordName === "priority" && instanceName)
    sim = priorityHover(analysis, place.doc, (i) => i.name === instanceName, `vrrp_instance ${instanceName}`);
  else if (keywordName === "track_script" && instanceName)
    sim = priorityHover(analysis, place.doc, (i) => i.name === instanceName, `vrrp_instance ${instanceName}`);
  else if (keywordName === "weight" && parent?.keyword.value === "vrrp_script") {
    const script = parent.args[0]?.value;
    if (script)
      sim = priorityHover(
        analysis,
        place.doc,
        (i) => i.trackScripts.some((t) => t.name === script),
        `instances tracking ${script}`,
      );
  } else if ((keywordName === "vrrp_script" || keywordName === "vrrp_instance") && index === 1) {
    const name = word.value;
    sim = priorityHover(
      analysis,
      place.doc,
      keywordName === "vrrp_script" ? (i) => i.trackScripts.some((t) => t.name === name) : (i) => i.name === name,
      `${keywordName} ${name}`,
    );
  }
  if (sim) parts.push(parts.length ? "\n---\n" : "", sim);
  return parts.length ? parts.join("\n") : undefined;
}

export function hoverAt(analysis: WorkspaceAnalysis, file: string, pos: Position): HoverResult | undefined {
  const haproxyDoc = haproxyDocOf(analysis.result, file);
  if (haproxyDoc) {
    const place = haproxyAt(haproxyDoc, pos);
    const contents = haproxyHover(analysis, place);
    return contents && place.word ? { contents, range: place.word.range } : undefined;
  }
  const keepalivedDoc = keepalivedDocOf(analysis.result, file);
  if (keepalivedDoc) {
    const place = keepalivedAt(keepalivedDoc, file, pos);
    const contents = keepalivedHover(analysis, place);
    return contents && place.word ? { contents, range: place.word.range } : undefined;
  }
  return undefined;
}
