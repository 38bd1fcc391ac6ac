/** A rule's documentation page (Markdown), rendered from the docs the rule carries. */
import { corpusFrequencyNote } from "./corpus-frequency.js";
import { FIRE_RATES, type FireRate } from "./fire-rates.generated.js";
import type { Rule } from "./rule.js";

export function renderRulePage(rule: Rule): string {
  const d = rule.docs;
  const lang = rule.scope === "haproxy" ? "haproxy" : rule.scope === "keepalived" ? "conf" : "conf";
  const parts = [
    `# ${rule.id} ${rule.name}`,
    "",
    `Default severity: **${rule.severity}**. Scope: ` +
      `${rule.scope === "cluster" ? "the cluster (several files)" : `one ${rule.scope} file`}.`,
    "",
    d.summary,
    "",
    ...(rule.nodeContext ? [`Also reads the node's other file: ${rule.nodeContext}`, ""] : []),
    "## What it checks",
    "",
    d.description,
    "",
    "## Why it matters",
    "",
    d.why,
    "",
  ];
  if (d.severityNote) parts.push("## Severity", "", d.severityNote, "");
  if (d.versions) parts.push("## Versions", "", d.versions, "");
  const frequency = [corpusFrequencyNote(rule), realworldRateText(FIRE_RATES[rule.id])].filter(Boolean).join(" ");
  if (frequency) parts.push("## How often it fires", "", frequency, "");
  parts.push(
    "## Example",
    "",
    "Reported:",
    "",
    "```" + lang,
    d.bad.trimEnd(),
    "```",
    "",
    "Fixed:",
    "",
    "```" + lang,
    d.good.trimEnd(),
    "```",
    "",
  );
  parts.push("## What the real tools say", "", d.realTool, "");
  parts.push("## Sources", "", ...d.sources.map((s) => `- ${s}`), "");
  parts.push(
    "## Suppressing",
    "",
    `\`# ha-lint disable-next-line ${rule.id} -- reason\` on the line before, or \`# ha-lint disable-file ` +
      `${rule.id} -- reason\` anywhere in the file.`,
    "",
  );
  return parts.join("\n");
}

export function renderRuleIndex(rules: readonly Rule[]): string {
  const rows = rules.map(
    (r) =>
      `| [${r.id}](${r.id}.md) | ${r.name} | ${r.severity} | ${r.scope} | ${r.docs.summary.replace(/\|/g, "\\|")} |`,
  );
  return [
    "# ha-lint rules",
    "",
    "| Code | Name | Severity | Scope | Summary |",
    "|---|---|---|---|---|",
    ...rows,
    "",
  ].join("\n");
}

function share([fired, files]: [number, number]): string {
  return files === 0 ? "not measured" : `${fired} of ${files} files (${Math.round((fired / files) * 100)} %)`;
}

/** The real-world figure of scripts/rule-fire-rates.ts, in words (keepalived rules). */
function realworldRateText(rate: FireRate | undefined): string {
  if (!rate) return "";
  return (
    `On the real-world keepalived files of test/realworld: ${share(rate.realworld)}, each file analysed alone at the ` +
    `default versions (scripts/rule-fire-rates.ts).`
  );
}
