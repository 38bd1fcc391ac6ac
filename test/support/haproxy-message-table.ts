/**
 * The HAProxy message tables (docs/messages/haproxy-<version>.tsv) as a classifier of what `haproxy -c` prints: the
 * most specific row whose pattern matches a message says whether it is about this machine (a missing file, the
 * build, DNS, users) or about the configuration, and which rule reports it.
 */
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { resolve } from "node:path";

const tablesDir = resolve(import.meta.dirname, "../../docs/messages");

export interface TableRow {
  pattern: RegExp;
  /** The pattern matching a whole text. */
  whole: RegExp;
  /** Characters of the pattern that are literal text: the longer, the more specific. */
  literal: number;
  file: string;
  function: string;
  fatal: boolean;
  outcome: string;
}

const loaded = new Map<string, TableRow[]>();

/** The table of the newest version of that minor on disk ("2.6" or "2.6.12" -> haproxy-2.6.12.tsv). */
function tableFor(version: string): TableRow[] {
  const minor = version.split(".").slice(0, 2).join(".");
  const cached = loaded.get(minor);
  if (cached) return cached;
  const names = existsSync(tablesDir)
    ? readdirSync(tablesDir)
        .filter((n) => n.startsWith(`haproxy-${minor}.`) && n.endsWith(".tsv"))
        .sort()
    : [];
  const rows: TableRow[] = [];
  const name = names[names.length - 1];
  if (name) {
    for (const line of readFileSync(resolve(tablesDir, name), "utf8").split("\n").slice(1)) {
      if (!line) continue;
      const [pattern, file, fn, , , , fatal, outcome] = line.split("\t");
      const literal = pattern.replace(/\\.|\.\*|-\?\\d\+|\[[^\]]*\][+*]?|[.*+?()|]/g, "").length;
      // A row whose text is almost only conversions would match any message: it cannot classify one.
      if (literal < 8) continue;
      const whole = new RegExp(`^(?:${pattern})\\.?$`);
      rows.push({
        pattern: new RegExp(pattern),
        whole,
        literal,
        file,
        function: fn,
        fatal: fatal === "fatal",
        outcome,
      });
    }
  }
  loaded.set(minor, rows);
  return rows;
}

function mostSpecific(rows: TableRow[], matches: (row: TableRow) => boolean): TableRow | undefined {
  let best: TableRow | undefined;
  for (const row of rows) if ((!best || row.literal > best.literal) && matches(row)) best = row;
  return best;
}

/**
 * The row of the version's table that made the message. Messages nest (`parsing [f:1] : 'bind x' ... : <inner>`):
 * the innermost part that a row matches whole decides, tried from the end of the text at each `: `; failing that,
 * the most specific row found anywhere in the text.
 */
export function classifyHaproxyMessage(text: string, version = "2.6"): TableRow | undefined {
  const rows = tableFor(version);
  const starts = [...text.matchAll(/: /g)].map((m) => m.index + 2).reverse();
  for (const start of [...starts, 0]) {
    const part = text.slice(start);
    const row = mostSpecific(rows, (r) => r.whole.test(part));
    if (row) return row;
  }
  return mostSpecific(rows, (r) => r.pattern.test(text));
}
