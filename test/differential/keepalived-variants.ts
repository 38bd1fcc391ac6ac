/**
 * Variants of keepalived.conf bases: keyword soup and argument shapes (ha-lint's keyword tables name the keywords
 * of each block and hint their arguments), list entries, addresses with prefixes and ranges, quoting, braces and
 * comments where keepalived's line reader is peculiar (it splits at `{`/`}` outside double quotes even inside a
 * word, `#`/`!` start comments anywhere), line ends, unknown keywords and keywords in the wrong block, and `$NAME`
 * definitions. The generator reads the base with its own small brace scanner, so that its view of the file does
 * not come from the reader under test.
 */
import schema from "../../server/src/schema/keepalived.json" with { type: "json" };
import { keepalivedAddress } from "./address-forms.js";
import { shapeArguments } from "./argument-shapes.js";
import type { SeededRandom } from "./seeded-random.js";
import { lineEndings } from "./line-endings.js";
import { describeEdit, joinLines, splitLines, type Mutation, type VariantCategory } from "./variant.js";

interface SchemaKeyword {
  name: string;
  args?: string;
  block?: string;
}
interface SchemaBlock {
  kind: string;
  keywords?: SchemaKeyword[];
}
const blocks = (schema as unknown as { blocks: Record<string, SchemaBlock> }).blocks;

/** Interfaces the harness creates in the namespace the binary runs in (and the variants name). */
export const KEEPALIVED_INTERFACES = [
  "eth0",
  "eth1",
  "eth2",
  "eth3",
  "ens192",
  "ens160",
  "ens3",
  "ens18",
  "enp1s0",
  "enp0s3",
  "bond0",
  "eno1",
  "wlan0",
  "p33p1.2",
  "eth0.1",
];

interface ScannedLine {
  raw: string;
  indent: string;
  /** Words before any comment, with `{` and `}` outside double quotes as words of their own. */
  words: string[];
  /** The block the line starts in ("root", "vrrp_instance", "vrrp_instance/virtual_ipaddress"). */
  block: string;
  /** The block this line opens, when it ends with `{`. */
  opens?: string;
}

interface BlockSpan {
  id: string;
  open: number;
  close: number;
}

interface Scan {
  lines: string[];
  finalNewline: boolean;
  scanned: ScannedLine[];
  spans: BlockSpan[];
}

function words(content: string): string[] {
  const out: string[] = [];
  let current = "";
  let quoted = false;
  for (const ch of content) {
    if (ch === '"') quoted = !quoted;
    if (!quoted && (ch === "#" || ch === "!")) break;
    if (!quoted && (ch === "{" || ch === "}")) {
      if (current) out.push(current);
      out.push(ch);
      current = "";
    } else if (!quoted && /\s/.test(ch)) {
      if (current) out.push(current);
      current = "";
    } else current += ch;
  }
  if (current) out.push(current);
  return out;
}

function scan(text: string): Scan {
  const { lines, finalNewline } = splitLines(text);
  const stack: { id: string; open: number }[] = [{ id: "root", open: -1 }];
  const spans: BlockSpan[] = [];
  let lastKeyword = "";
  const scanned = lines.map((raw, index): ScannedLine => {
    const lineWords = words(raw);
    const line: ScannedLine = {
      raw,
      indent: /^\s*/.exec(raw)![0],
      words: lineWords,
      block: stack[stack.length - 1].id,
    };
    for (const word of lineWords) {
      if (word === "{") {
        const parent = stack[stack.length - 1].id;
        const id = parent === "root" ? lastKeyword : `${parent}/${lastKeyword}`;
        stack.push({ id, open: index });
        if (lineWords[lineWords.length - 1] === "{") line.opens = id;
      } else if (word === "}") {
        const top = stack.length > 1 ? stack.pop()! : undefined;
        if (top) spans.push({ id: top.id, open: top.open, close: index });
      } else if (lastKeyword === "" || lineWords[0] === word) lastKeyword = word;
    }
    if (lineWords[0] && lineWords[0] !== "{" && lineWords[0] !== "}") lastKeyword = lineWords[0];
    return line;
  });
  return { lines, finalNewline, scanned, spans: spans.sort((a, b) => a.open - b.open) };
}

const hintOf = (block: string, keyword: string): string | undefined =>
  blocks[block]?.keywords?.find((k) => k.name === keyword)?.args;

const isList = (block: string): boolean =>
  blocks[block]?.kind === "list" ||
  /(virtual_ipaddress|unicast_peer|track_|virtual_routes|virtual_rules|static_|group$|notification_email$)/.test(
    block.split("/").pop()!,
  );

const ADDRESS_LISTS = /(virtual_ipaddress|virtual_ipaddress_excluded|static_ipaddress|unicast_peer)$/;
const ADDRESS_KEYWORDS = new Set([
  "unicast_src_ip",
  "mcast_src_ip",
  "smtp_server",
  "vrrp_mcast_group4",
  "vrrp_mcast_group6",
  "bindto",
  "connect_ip",
  "virtual_server",
  "real_server",
  "sorry_server",
  "neighbor_ip",
  "source_ip",
  "lvs_sync_daemon",
  "unicast_peer",
]);

type Generator = (random: SeededRandom, base: Scan) => Mutation | undefined;

function replaceLine(base: Scan, index: number, next: string | string[], category: VariantCategory): Mutation {
  const lines = [...base.lines];
  const replacement = Array.isArray(next) ? next : [next];
  lines.splice(index, 1, ...replacement);
  return {
    category,
    mutation: describeEdit(index, base.lines[index], replacement.join(" ⏎ ")),
    text: joinLines(lines, base.finalNewline),
  };
}

function insertLines(base: Scan, index: number, added: string[], category: VariantCategory): Mutation {
  const lines = [...base.lines];
  lines.splice(index, 0, ...added);
  return {
    category,
    mutation: describeEdit(index, undefined, added.join(" ⏎ ")),
    text: joinLines(lines, base.finalNewline),
  };
}

const keywordLines = (base: Scan): number[] =>
  base.scanned.flatMap((l, i) =>
    l.words.length > 0 && !l.opens && l.words[0] !== "}" && l.words[0] !== "{" && !isList(l.block) ? [i] : [],
  );

const interfaceName = (random: SeededRandom): string =>
  random.chance(0.9)
    ? random.pick(KEEPALIVED_INTERFACES.slice(0, 4))
    : random.pick(["eth9", "lo", "eth0:1", "x".repeat(16)]);

function argumentsFor(random: SeededRandom, block: string, keyword: string, current: string[]): string[] {
  const hint = hintOf(block, keyword);
  if (/INTERFACE|IFNAME/.test(hint ?? "") || keyword === "interface")
    return random.chance(0.8) ? [interfaceName(random)] : [];
  return shapeArguments(random, hint, current, keepalivedAddress).args;
}

/** A keyword line of the base with other arguments. */
const keywordArguments: Generator = (random, base) => {
  const candidates = keywordLines(base);
  if (candidates.length === 0) return undefined;
  const index = random.pick(candidates);
  const line = base.scanned[index];
  const args = argumentsFor(random, line.block, line.words[0], line.words.slice(1));
  return replaceLine(base, index, `${line.indent}${[line.words[0], ...args].join(" ")}`, "keyword-args");
};

const spansWithKeywords = (base: Scan): BlockSpan[] =>
  base.spans.filter((s) => blocks[s.id]?.kind === "keywords" && base.scanned[s.open].opens === s.id);

/** A keyword of the block's table, with arguments of some shape, at the top of a block of the base. */
const keywordSoup: Generator = (random, base) => {
  const spans = spansWithKeywords(base);
  const rootKeywords = blocks.root.keywords ?? [];
  const span = spans.length > 0 && random.chance(0.85) ? random.pick(spans) : undefined;
  const table = span ? (blocks[span.id].keywords ?? []) : rootKeywords;
  if (table.length === 0) return undefined;
  const keyword = random.pick(table);
  const indent = span ? `${base.scanned[span.open].indent}    ` : "";
  const at = span ? span.open + 1 : random.chance(0.5) ? 0 : base.lines.length;
  const added = keyword.block
    ? [
        `${indent}${keyword.name}${random.chance(0.3) ? " name" : ""} {`,
        ...soupBody(random, keyword.block, `${indent}    `),
        `${indent}}`,
      ]
    : [`${indent}${[keyword.name, ...argumentsFor(random, span?.id ?? "root", keyword.name, [])].join(" ")}`];
  return insertLines(base, at, added, "keyword-args");
};

function soupBody(random: SeededRandom, block: string, indent: string): string[] {
  const table = blocks[block];
  if (!table || random.chance(0.3)) return [];
  if (table.kind === "list") return [`${indent}${listEntry(random, block)}`];
  const keyword = random.pick(table.keywords ?? [{ name: "x" }]);
  return keyword.block
    ? []
    : [`${indent}${[keyword.name, ...argumentsFor(random, block, keyword.name, [])].join(" ")}`];
}

/** An entry of a list block: an address with options, a tracker with a weight, a route. */
function listEntry(random: SeededRandom, block: string): string {
  const last = block.split("/").pop()!;
  const options = blocks[block]?.keywords ?? [];
  if (ADDRESS_LISTS.test(last)) {
    const parts = [keepalivedAddress(random)];
    for (let n = random.pick([0, 0, 1, 1, 2]); n > 0 && options.length > 0; n--) {
      const option = random.pick(options);
      parts.push(option.name);
      if (/^(dev|label|brd|broadcast|scope|peer|preferred_lft)$/.test(option.name) && random.chance(0.85))
        parts.push(
          option.name === "dev"
            ? interfaceName(random)
            : option.name === "scope"
              ? random.pick(["global", "link", "host", "site", "nowhere", "bogus", "0", "300"])
              : option.name === "label"
                ? random.pick(["eth0:1", "eth0:vip", "eth1:x", "vip", "eth0:" + "x".repeat(16)])
                : keepalivedAddress(random),
        );
    }
    return parts.join(" ");
  }
  if (/^track_/.test(last)) {
    const name =
      last === "track_interface" ? interfaceName(random) : random.pick(["chk_haproxy", "chk_other", "track_haproxy"]);
    const weight = random.pick([
      "",
      "weight 10",
      "weight -30",
      "weight 0",
      "weight 254",
      "weight -254",
      "weight 255",
      "weight abc",
      "weight",
      "weight 10 reverse",
      "weight -10 noreverse",
      "weight 5 no_reverse",
      "reverse",
    ]);
    return `${name} ${weight}`.trim();
  }
  if (/virtual_routes|static_routes/.test(last))
    return random.pick([
      "198.51.100.0/24 via 192.0.2.1 dev eth0",
      "default via 192.0.2.1",
      "198.51.100.0/24 via 192.0.2.1 table 100",
      "198.51.100.0/33 via 192.0.2.1",
      "src 192.0.2.100 to 198.51.100.0/24 via 192.0.2.1 dev eth0",
      "198.51.100.0/24 dev eth0 scope link",
      "blackhole 198.51.100.0/24",
      "198.51.100.0/24 via",
    ]);
  if (/virtual_rules|static_rules/.test(last))
    return random.pick([
      "from 192.0.2.100 table 100",
      "to 198.51.100.0/24 table 100",
      "from all table",
      "from 192.0.2.100/33 table 1",
    ]);
  return random.pick(["VI_1", "VI_API", "ops@example.com", "x y", "192.0.2.1", "{", "name"]);
}

/** A list block's entry replaced or added. */
const listEntries: Generator = (random, base) => {
  const lists = base.spans.filter((s) => isList(s.id) && s.open < s.close);
  if (lists.length === 0) return undefined;
  const span = random.pick(lists);
  const category: VariantCategory = ADDRESS_LISTS.test(span.id) ? "address" : "keyword-args";
  const indent = `${base.scanned[span.open].indent}    `;
  const entry = `${indent}${listEntry(random, span.id)}`;
  const entries = Array.from({ length: span.close - span.open - 1 }, (_, k) => span.open + 1 + k).filter(
    (i) => base.scanned[i].words.length > 0,
  );
  if (entries.length > 0 && random.chance(0.6)) return replaceLine(base, random.pick(entries), entry, category);
  return insertLines(base, span.open + 1, [entry], category);
};

/** The address of a keyword that takes one, in another form. */
const addressArguments: Generator = (random, base) => {
  const candidates = base.scanned.flatMap((l, i) =>
    l.words.length >= 2 &&
    (ADDRESS_KEYWORDS.has(l.words[0]) || /IPADDR|IP ADDR/.test(hintOf(l.block, l.words[0]) ?? ""))
      ? [i]
      : [],
  );
  if (candidates.length === 0) {
    const vrrp = base.spans.filter((s) => s.id === "vrrp_instance");
    if (vrrp.length === 0) return undefined;
    const span = random.pick(vrrp);
    const keyword = random.pick(["unicast_src_ip", "mcast_src_ip"]);
    return insertLines(base, span.open + 1, [`    ${keyword} ${keepalivedAddress(random)}`], "address");
  }
  const index = random.pick(candidates);
  const line = base.scanned[index];
  const rest = line.raw.slice(line.raw.indexOf(line.words[1]) + line.words[1].length);
  return replaceLine(base, index, `${line.indent}${line.words[0]} ${keepalivedAddress(random)}${rest}`, "address");
};

/** Quotes added, removed, unbalanced or mixed around an argument. */
const quoting: Generator = (random, base) => {
  const candidates = base.scanned.flatMap((l, i) => (l.words.length >= 2 && !l.opens ? [i] : []));
  if (candidates.length === 0) return undefined;
  const index = random.pick(candidates);
  const line = base.scanned[index];
  const args = line.words.slice(1);
  const at = random.int(0, args.length - 1);
  const arg = args[at];
  const bare = arg.replace(/^["']|["']$/g, "");
  const forms = [
    `"${bare}"`,
    `'${bare}'`,
    `"${bare} x"`,
    `'${bare} x'`,
    `"${bare}`,
    `${bare}"`,
    `a"${bare} b"c`,
    `""`,
    `"${bare}"x`,
    `"${bare}\\" x"`,
    `\\"${bare}\\"`,
  ];
  if (/^(script|notify\w*|misc_path)$/.test(line.words[0]))
    forms.push(
      `"<${bare}"`,
      `">${bare}"`,
      `"${bare} | cat"`,
      `"${bare} && true"`,
      `'${bare}' "arg two"`,
      `"${bare} \\x41"`,
    );
  const replaced = [...args];
  replaced[at] = random.pick(forms);
  return replaceLine(base, index, `${line.indent}${[line.words[0], ...replaced].join(" ")}`, "quoting");
};

/** Braces and comment characters where keepalived's reader splits or cuts a line. */
const bracesAndComments: Generator = (random, base) => {
  const withArgs = base.scanned.flatMap((l, i) => (l.words.length >= 2 && !l.opens && l.words[0] !== "}" ? [i] : []));
  const openers = base.scanned.flatMap((l, i) => (l.opens ? [i] : []));
  const closers = base.scanned.flatMap((l, i) => (l.words.length === 1 && l.words[0] === "}" ? [i] : []));
  const kind = random.pick([
    "brace-in-word",
    "brace-in-word",
    "brace-in-quotes",
    "slash-comment",
    "comment-in-word",
    "comment-in-word",
    "comment-after-open",
    "escaped-comment",
    "open-next-line",
    "one-line-block",
    "extra-close",
    "missing-close",
    "extra-open",
    "content-after-close",
    "trailing-backslash",
    "comment-line",
  ]);
  const edit = (index: number, next: string | string[]): Mutation => replaceLine(base, index, next, "braces-comments");
  if (
    [
      "brace-in-word",
      "brace-in-quotes",
      "slash-comment",
      "comment-in-word",
      "escaped-comment",
      "trailing-backslash",
    ].includes(kind)
  ) {
    if (withArgs.length === 0) return undefined;
    const index = random.pick(withArgs);
    const line = base.scanned[index];
    const raw = line.raw.replace(/\s+$/, "");
    const lastArg = line.words[line.words.length - 1];
    const cut = Math.max(1, Math.floor(lastArg.length / 2));
    const head = raw.slice(0, raw.lastIndexOf(lastArg));
    const split = (insert: string): string => `${head}${lastArg.slice(0, cut)}${insert}${lastArg.slice(cut)}`;
    if (kind === "brace-in-word") return edit(index, split(random.pick(["{", "}", "{}", "}{", "{ x }"])));
    if (kind === "brace-in-quotes")
      return edit(index, `${head}"${lastArg.replace(/"/g, "")}${random.pick(["{", "}"])}"`);
    if (kind === "slash-comment") return edit(index, `${raw} // ${random.pick(["comment", "{", "}", "see {ticket}"])}`);
    if (kind === "comment-in-word") return edit(index, split(random.pick(["#", "!", " #", " !", "#{", "!}"])));
    if (kind === "escaped-comment") return edit(index, split(random.pick(["\\#", "\\!", "\\{", "\\}"])));
    return edit(index, [`${raw} \\`, `${line.indent}${random.pick(["100", "x", "}", "priority 100"])}`]);
  }
  if (kind === "comment-after-open" || kind === "open-next-line" || kind === "one-line-block") {
    if (openers.length === 0) return undefined;
    const index = random.pick(openers);
    const line = base.scanned[index];
    const raw = line.raw.replace(/\s+$/, "");
    if (kind === "comment-after-open")
      return edit(index, `${raw}${random.pick([" # note", "#note", " ! note", "!note", "# {", "# }"])}`);
    if (kind === "open-next-line") return edit(index, [raw.replace(/\s*\{$/, ""), `${line.indent}{`]);
    const span = base.spans.find((s) => s.open === index);
    if (!span || span.close - span.open > 4) return undefined;
    const inner = base.lines
      .slice(span.open + 1, span.close)
      .map((l) => l.trim())
      .filter(Boolean);
    const lines = [...base.lines];
    lines.splice(span.open, span.close - span.open + 1, `${raw} ${inner.join(" ")} }`);
    return {
      category: "braces-comments",
      mutation: `lines ${span.open + 1}-${span.close + 1} joined: ${JSON.stringify(lines[span.open].trim())}`,
      text: joinLines(lines, base.finalNewline),
    };
  }
  if (kind === "extra-close" || kind === "extra-open" || kind === "comment-line") {
    const at = random.int(0, base.lines.length);
    const added =
      kind === "extra-close"
        ? "}"
        : kind === "extra-open"
          ? "{"
          : random.pick(["# }", "! {", "#", "!", "  # comment { with } braces"]);
    return insertLines(base, at, [added], "braces-comments");
  }
  if (closers.length === 0) return undefined;
  const index = random.pick(closers);
  if (kind === "missing-close") {
    const lines = base.lines.filter((_, i) => i !== index);
    return {
      category: "braces-comments",
      mutation: `line ${index + 1}: "}" removed`,
      text: joinLines(lines, base.finalNewline),
    };
  }
  return edit(
    index,
    `${base.scanned[index].raw} ${random.pick(["priority 100", "}", "{", "# end", "vrrp_instance X {"])}`,
  );
};

/** A keyword line moved into another block, a block nested into another, or a keyword at the top level. */
const wrongPlace: Generator = (random, base) => {
  const candidates = keywordLines(base);
  const targets = base.spans.filter((s) => base.scanned[s.open].opens === s.id);
  if (candidates.length === 0) return undefined;
  const index = random.pick(candidates);
  const line = base.scanned[index];
  const others = targets.filter((s) => s.id !== line.block);
  if (others.length === 0 || random.chance(0.15))
    return insertLines(base, random.chance(0.5) ? 0 : base.lines.length, [line.raw.trim()], "wrong-place");
  const target = random.pick(others);
  if (random.chance(0.2)) {
    const block = random.pick(targets);
    const moved = base.lines.slice(block.open, block.close + 1);
    if (target.open > block.open && target.open <= block.close) return undefined;
    return insertLines(base, target.open + 1, moved, "wrong-place");
  }
  return insertLines(
    base,
    target.open + 1,
    [`${base.scanned[target.open].indent}    ${line.raw.trim()}`],
    "wrong-place",
  );
};

function typo(random: SeededRandom, word: string): string {
  const at = random.int(0, Math.max(0, word.length - 1));
  return random.pick([
    word.slice(0, at) + word.slice(at + 1),
    word.slice(0, at) + word[at] + word.slice(at),
    word.slice(0, at) + (word[at + 1] ?? "") + word[at] + word.slice(at + 2),
    `${word}s`,
    word.toUpperCase(),
    word.replace(/_/g, "-"),
    `${word}:`,
    `${word}=`,
    `${word};`,
    "foo_bar",
    `x${word}`,
  ]);
}

/** A keyword (sometimes a block's) spelt wrong. */
const unknownKeyword: Generator = (random, base) => {
  const candidates = base.scanned.flatMap((l, i) =>
    l.words.length > 0 && !/^[{}]$/.test(l.words[0]) && !isList(l.block) ? [i] : [],
  );
  if (candidates.length === 0) return undefined;
  const index = random.pick(candidates);
  const line = base.scanned[index];
  const keyword = line.words[0];
  const at = line.raw.indexOf(keyword);
  const misspelt = typo(random, keyword);
  return replaceLine(
    base,
    index,
    line.raw.slice(0, at) + misspelt + line.raw.slice(at + keyword.length),
    "unknown-keyword",
  );
};

/** `$NAME=value` definitions and their uses: defined, undefined, quoted, spaced, multi-line, as a keyword. */
const definitions: Generator = (random, base) => {
  const candidates = base.scanned.flatMap((l, i) => (l.words.length >= 2 && !l.opens && l.words[0] !== "}" ? [i] : []));
  if (candidates.length === 0) return undefined;
  const index = random.pick(candidates);
  const line = base.scanned[index];
  const value = line.words.slice(1).join(" ");
  const name = random.pick(["VALUE", "PRIO", "V_1", "x"]);
  const use = random.pick([
    `$${name}`,
    `\${${name}}`,
    `"$${name}"`,
    `"\${${name}}"`,
    `$${name}x`,
    `\${${name}}x`,
    `'$${name}'`,
    `$ ${name}`,
  ]);
  const definition = random.pick([
    `$${name}=${value}`,
    `$${name}=${value}`,
    `$${name} = ${value}`,
    `$${name}= ${value}`,
    `$${name}="${value}"`,
    `  $${name}=${value}`,
    `$${name}=${value} \\`,
    `$${name}=`,
    `@${name.toLowerCase()} $${name}=${value}`,
  ]);
  const where = random.pick(["before", "before", "after", "inside", "none"]);
  const lines = [...base.lines];
  const used = `${line.indent}${line.words[0]} ${use}`;
  const asKeyword = random.chance(0.15);
  lines[index] = asKeyword ? `${line.indent}$${name} ${value}` : used;
  const defined = asKeyword ? `$${name}=${line.words[0]}` : definition;
  if (where === "before") lines.splice(0, 0, defined);
  else if (where === "after") lines.push(defined);
  else if (where === "inside") lines.splice(index, 0, `${line.indent}${defined}`);
  const usedLine = lines[where === "before" ? index + 1 : index].trim();
  return {
    category: "variables",
    mutation: `definition ${JSON.stringify(defined)} (${where}); ${describeEdit(index, base.lines[index], usedLine)}`,
    text: joinLines(lines, base.finalNewline),
  };
};

const GENERATORS: [Generator, number][] = [
  [keywordArguments, 5],
  [keywordSoup, 5],
  [listEntries, 3],
  [addressArguments, 3],
  [quoting, 3],
  [bracesAndComments, 4],
  [(random, base) => lineEndings(random, joinLines(base.lines, base.finalNewline)), 2],
  [wrongPlace, 3],
  [unknownKeyword, 3],
  [definitions, 3],
];

/** One variant of a keepalived.conf base: usually one change, sometimes two or three on top of each other. */
export function keepalivedMutation(random: SeededRandom, text: string): Mutation | undefined {
  const rounds = random.chance(0.1) ? random.int(2, 3) : 1;
  let current: Mutation | undefined;
  for (let round = 0; round < rounds; round++) {
    // Line ends are changed last: the other changes read and write lines with "\n".
    if (current?.category === "line-endings") break;
    const generator = random.weighted(GENERATORS);
    const next = generator(random, scan(current?.text ?? text));
    if (!next) continue;
    current = current
      ? { ...next, category: current.category, mutation: `${current.mutation}; then ${next.mutation}` }
      : next;
  }
  return current;
}
