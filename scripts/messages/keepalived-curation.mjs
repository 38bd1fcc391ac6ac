// The curated half of the keepalived message tables: which ha-lint rule reports a message, or why it is left out
// (keepalived-curated.tsv), and the keywords whose required words the source reading cannot see
// (keepalived-requires.tsv). Node builtins only.

import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const HERE = dirname(fileURLToPath(import.meta.url));
const CURATED_FILE = join(HERE, "keepalived-curated.tsv");
const REQUIRES_FILE = join(HERE, "keepalived-requires.tsv");
const HELPER_CHECKS_FILE = join(HERE, "keepalived-helper-checks.tsv");

/** The reasons a message may be left out of ha-lint's rules (the test checks every row uses one of them). */
export const REASONS = {
  environment: "about the machine keepalived runs on (interfaces, files, users, kernel), not the file's text",
  build: "in code Debian's keepalived is not built with",
  "not-with-t": "in code keepalived -t does not run",
  "log-only": "log_message(), which prints nothing under -t (lib/logger.c vlog_message())",
  internal: "a failure of keepalived itself (memory, system calls), not caused by the configuration",
  unreachable: "code -t runs, under a condition that cannot hold in this version",
  lvs: "IPVS configuration (virtual_server, real_server and their checkers, lvs_* settings): ha-lint has no rule for these messages",
  bfd: "BFD configuration (bfd_instance, track_bfd, checker BFD): ha-lint has no rule for these messages",
  routes:
    "the values of virtual_routes, virtual_rules, static_routes and static_rules entries: ha-lint checks their missing values (KA050) but not these",
  process:
    "global_defs settings of keepalived's own processes (names, priorities, CPU affinity, limits, buffers, umask, namespaces, SNMP, config copies): ha-lint has no rule for these messages",
  vmac: "VMAC and ipvlan configuration (use_vmac, use_ipvlan, vmac_xmit_base, garp_extra_if, a VIP's use_vmac): ha-lint has no rule for these messages",
  vrf: "the vrf setting of a vrrp_instance: ha-lint has no rule for these messages",
  todo: "a configuration message no ha-lint rule reports yet",
};

function rows(file) {
  return readFileSync(file, "utf8")
    .split("\n")
    .filter((l) => l.trim() && !l.startsWith("#"))
    .map((l) => l.split("\t"));
}

/**
 * keepalived-curated.tsv: `message<TAB>function<TAB>format<TAB>maps` for one message (the printf format as the
 * source writes it, escapes as printed), `pattern<TAB>regex<TAB>maps` for every message whose format matches.
 */
export function readCurated(file = CURATED_FILE) {
  const exact = new Map();
  const patterns = [];
  const places = [];
  const used = new Set();
  for (const [kind, a, b, c] of rows(file)) {
    if (kind === "message") exact.set(`${a}\t${unescape(b)}`, c);
    else if (kind === "pattern") patterns.push({ regex: new RegExp(a), maps: b, key: `pattern ${a}` });
    else if (kind === "place") places.push({ regex: new RegExp(a), maps: b, key: `place ${a}` });
    else throw new Error(`${file}: unknown kind '${kind}'`);
  }
  return {
    exact(fn, format) {
      const key = `${fn}\t${format}`;
      if (!exact.has(key)) return undefined;
      used.add(key);
      return exact.get(key);
    },
    pattern(format) {
      const found = patterns.find((p) => p.regex.test(format));
      if (found) used.add(found.key);
      return found?.maps;
    },
    /** The class of a message no rule reports, by where it is printed: `FILE FUNCTION`. */
    place(file, fn) {
      const found = places.find((p) => p.regex.test(`${file} ${fn}`));
      if (found) used.add(found.key);
      return found?.maps;
    },
    unused() {
      return [
        ...[...exact.keys()].filter((k) => !used.has(k)),
        ...patterns.map((p) => p.key).filter((k) => !used.has(k)),
        ...places.map((p) => p.key).filter((k) => !used.has(k)),
      ];
    },
  };
}

/** A format as the TSV writes it: tabs and newlines escaped. */
export function escapeFormat(format) {
  return format.replace(/\\/g, "\\\\").replace(/\t/g, "\\t").replace(/\n/g, "\\n");
}

function unescape(text) {
  return text.replace(/\\([\\tn])/g, (_, c) => ({ t: "\t", n: "\n", "\\": "\\" })[c]);
}

/**
 * The handler messages the value table predicts, with the rule that reports them: a failed read (KA045), missing
 * words (KA046), a keyword given twice (KA047), a block name given twice (KA048).
 */
function tableMessages(extracted) {
  const out = new Map();
  for (const v of extracted.values) {
    for (const r of v.reads ?? []) if (r.failure && !r.conditional) out.set(`${v.handler}\t${r.failure}`, "KA045");
    if (v.needs) out.set(`${v.handler}\t${v.needs.failure}`, "KA046");
    if (v.once) out.set(`${v.handler}\t${v.once}`, "KA047");
    if (v.unique) out.set(`${v.handler}\t${v.unique.failure}`, "KA048");
  }
  return out;
}

const failureCache = new WeakMap();

/** The rule or reason of one message of an extract. */
export function mapMessage(m, curated, extracted) {
  if (!m.inBuild) return `build: compiled only when ${m.guard}`;
  const format = m.format ?? `<${m.formatExpression}>`;
  const exact = curated.exact(m.function, format);
  if (exact) return exact;
  if (!failureCache.has(extracted)) failureCache.set(extracted, tableMessages(extracted));
  const predicted = failureCache.get(extracted).get(`${m.function}\t${format}`);
  if (predicted) return predicted;
  const byPattern = curated.pattern(format);
  if (byPattern) return byPattern;
  if (m.printer === "log_message")
    return "log-only: log_message() prints nothing under -t (lib/logger.c vlog_message())";
  if (!m.reached) return `not-with-t: ${m.notReached}`;
  return curated.place(m.file, m.function) ?? "todo: no rule reports it yet";
}

/** keepalived-requires.tsv: `block<TAB>keyword<TAB>words<TAB>reason`, the words a keyword needs where the static reading misses them. */
export function readRequiresOverrides(file = REQUIRES_FILE, helperFile = HELPER_CHECKS_FILE) {
  const out = new Map();
  for (const [block, keyword, requires, reason] of rows(file))
    out.set(`${block}\t${keyword}`, { requires: Number(requires), reason });
  out.helpers = readHelperChecks(helperFile);
  return out;
}

/**
 * keepalived-helper-checks.tsv: `block<TAB>keyword<TAB>needs|once<TAB>words<TAB>format<TAB>why`, the early checks
 * (missing words, a value given twice) of a helper function the handler hands the line to, which the source reading
 * of keepalived-values.mjs sees only in the handler's own body.
 */
function readHelperChecks(file) {
  const out = new Map();
  for (const [block, keyword, field, words, failure] of rows(file)) {
    const key = `${block}\t${keyword}`;
    const entry = out.get(key) ?? {};
    entry[field] = field === "needs" ? { words: Number(words), failure: unescape(failure) } : unescape(failure);
    out.set(key, entry);
  }
  return out;
}
