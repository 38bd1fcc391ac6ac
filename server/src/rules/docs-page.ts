/** A rule's documentation page (Markdown), rendered from the docs the rule carries. */
import { FIRE_RATES, type FireRate } from "./fire-rates.generated.js";
import type { Rule } from "./rule.js";

export function renderRulePage(rule: Rule): string {
  const d = rule.docs;
  const lang = rule.scope === "haproxy" ? "haproxy" : rule.scope === "keepalived" ? "conf" : "conf";
  const parts = [
    `# ${rule.id} ${rule.name}`,
    "",
    `Default severity: **${rule.severity}**. Scope: ${rule.scope === "cluster" ? "the cluster (several files)" : `one ${rule.scope} file`}.`,
    "",
    d.summary,
    "",
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
  const rate = FIRE_RATES[rule.id];
  if (rate) parts.push("## How often it fires", "", fireRateText(rate), "");
  parts.push("## Sources", "", ...d.sources.map((s) => `- ${s}`), "");
  parts.push(
    "## Suppressing",
    "",
    `\`# ha-lint disable-next-line ${rule.id} -- reason\` on the line before, or \`# ha-lint disable-file ${rule.id} -- reason\` anywhere in the file.`,
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

/** The figures of scripts/rule-fire-rates.ts, in words. */
function fireRateText(rate: FireRate): string {
  return `On the shared corpus's keepalived files: ${share(rate.corpus)}. On the real-world keepalived files of test/realworld: ${share(rate.realworld)}. Each file analysed alone at the default versions (scripts/rule-fire-rates.ts).`;
}
