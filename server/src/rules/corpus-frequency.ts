/** How often each rule fires on the shared corpus: counted by scripts/corpus-frequency.ts, never written by hand. */
import table from "./corpus-frequency.json" with { type: "json" };
import type { Rule } from "./rule.js";

export interface CorpusFrequency {
  versions: { haproxy: string; keepalived: string };
  files: { haproxy: number; keepalived: number };
  rules: Record<string, { files: number; findings: number }>;
}

const frequency: CorpusFrequency = table;

function percent(part: number, whole: number): string {
  return whole === 0 ? "0%" : `${((100 * part) / whole).toFixed(1)}%`;
}

/** The sentence a rule page carries, or undefined for a rule the count has not seen yet. */
export function corpusFrequencyNote(rule: Rule): string | undefined {
  const counted = frequency.rules[rule.id];
  if (!counted) return undefined;
  const { haproxy, keepalived } = frequency.files;
  const versions = `haproxy ${frequency.versions.haproxy}, keepalived ${frequency.versions.keepalived}`;
  if (rule.scope === "cluster")
    return (
      `On the shared corpus (${haproxy + keepalived} single files, each analysed alone at ${versions}) it fires on ` +
      `${counted.files} files (${counted.findings} findings): the corpus holds no multi-node sets, so a cluster rule ` +
      `has nothing to compare there.`
    );
  const total = rule.scope === "haproxy" ? haproxy : keepalived;
  const tool =
    rule.scope === "haproxy"
      ? `haproxy.cfg files, at haproxy ${frequency.versions.haproxy}`
      : `keepalived.conf files, at keepalived ${frequency.versions.keepalived}`;
  return (
    `On the shared corpus it fires on ${counted.files} of ${total} ${tool} (${percent(counted.files, total)}), with ` +
    `${counted.findings} findings (counted by \`npm run corpus-frequency\`).`
  );
}
