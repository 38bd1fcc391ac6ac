/**
 * Variants of haproxy.cfg bases: keyword soup and argument shapes (ha-lint's keyword tables name the keywords of
 * each section, the bind and server options, and hint their arguments), addresses with ports, prefixes and ranges,
 * weak and strong quoting, escapes and `#`, line ends, unknown keywords and keywords in the wrong section, and
 * `$VAR`, `${VAR}`, `${VAR-default}` inside and outside quotes with the variable set, empty or unset. The generator
 * reads the base with its own section scanner, so that its view of the file does not come from the reader under
 * test.
 */
import schema from "../../server/src/schema/haproxy.json" with { type: "json" };
import { haproxyAddress, haproxyNetwork } from "./address-forms.js";
import { shapeArguments } from "./argument-shapes.js";
import { lineEndings } from "./line-endings.js";
import type { SeededRandom } from "./seeded-random.js";
import { describeEdit, joinLines, splitLines, type Mutation, type VariantCategory } from "./variant.js";

interface SchemaKeyword {
  name: string;
  args?: string;
}
const table = schema as unknown as {
  sections: Record<string, unknown>;
  keywords: Record<string, SchemaKeyword[]>;
  bindOptions: SchemaKeyword[];
  serverOptions: SchemaKeyword[];
};
const SECTION_NAMES = new Set(Object.keys(table.sections));

interface ScannedLine {
  raw: string;
  indent: string;
  words: string[];
  /** The kind of the section the line is in ("global", "frontend", …); "" before the first section. */
  section: string;
  /** The line opens a section. */
  header: boolean;
  /** The keyword as the tables name it ("timeout client", "option httpchk"), when it is one of them. */
  keyword?: SchemaKeyword;
}

interface Scan {
  lines: string[];
  finalNewline: boolean;
  scanned: ScannedLine[];
  /** First line of each section and the kind. */
  sections: { kind: string; header: number; last: number }[];
}

/** Keywords of each section by their first word, each with its words, longest first. */
const keywordsByFirstWord = new Map<string, Map<string, { keyword: SchemaKeyword; parts: string[] }[]>>();
for (const [section, keywords] of Object.entries(table.keywords)) {
  const byWord = new Map<string, { keyword: SchemaKeyword; parts: string[] }[]>();
  for (const keyword of keywords) {
    const parts = keyword.name.split(" ");
    byWord.set(parts[0], [...(byWord.get(parts[0]) ?? []), { keyword, parts }]);
  }
  for (const list of byWord.values()) list.sort((a, b) => b.parts.length - a.parts.length);
  keywordsByFirstWord.set(section, byWord);
}

function keywordOf(section: string, words: readonly string[]): SchemaKeyword | undefined {
  const candidates = keywordsByFirstWord.get(section)?.get(words[0]) ?? [];
  return candidates.find((c) => c.parts.every((p, i) => words[i] === p))?.keyword;
}

function scan(text: string): Scan {
  const { lines, finalNewline } = splitLines(text);
  let section = "";
  const sections: Scan["sections"] = [];
  const scanned = lines.map((raw, index): ScannedLine => {
    const content = raw.replace(/(^|\s)#.*$/, "");
    const words = content.trim().split(/\s+/).filter(Boolean);
    const header = words.length > 0 && SECTION_NAMES.has(words[0]) && !/^\s/.test(raw);
    if (header) {
      section = words[0];
      if (sections.length) sections[sections.length - 1].last = index - 1;
      sections.push({ kind: section, header: index, last: lines.length - 1 });
    }
    const line: ScannedLine = { raw, indent: /^\s*/.exec(raw)![0] || "    ", words, section, header };
    if (!header && words.length > 0) line.keyword = keywordOf(section, words);
    return line;
  });
  return { lines, finalNewline, scanned, sections };
}

type Generator = (random: SeededRandom, base: Scan) => Mutation | undefined;

function replaceLine(
  base: Scan,
  index: number,
  next: string,
  category: VariantCategory,
  env?: Record<string, string>,
): Mutation {
  const lines = [...base.lines];
  lines[index] = next;
  return {
    category,
    mutation: describeEdit(index, base.lines[index], next),
    text: joinLines(lines, base.finalNewline),
    env,
  };
}

function insertLine(base: Scan, index: number, added: string, category: VariantCategory): Mutation {
  const lines = [...base.lines];
  lines.splice(index, 0, added);
  return { category, mutation: describeEdit(index, undefined, added), text: joinLines(lines, base.finalNewline) };
}

const ADDRESSED =
  /^(bind|server|default-server|server-template|peer|nameserver|source|dispatch|mailer|log|stats socket)$/;

const contentLines = (base: Scan): number[] =>
  base.scanned.flatMap((l, i) => (!l.header && l.words.length > 0 && l.section !== "" ? [i] : []));

/** An existing keyword with other arguments. */
const keywordArguments: Generator = (random, base) => {
  const candidates = base.scanned.flatMap((l, i) => (l.keyword && !ADDRESSED.test(l.keyword.name) ? [i] : []));
  if (candidates.length === 0) return undefined;
  const index = random.pick(candidates);
  const line = base.scanned[index];
  const keyword = line.keyword!;
  const width = keyword.name.split(" ").length;
  const args = shapeArguments(random, keyword.args, line.words.slice(width), haproxyAddressOrNetwork, true).args;
  return replaceLine(base, index, `${line.indent}${[keyword.name, ...args].join(" ")}`, "keyword-args");
};

const haproxyAddressOrNetwork = (random: SeededRandom): string =>
  random.chance(0.5) ? haproxyAddress(random) : haproxyNetwork(random);

/** A keyword of the section's table, with arguments of some shape, at the start of a section. */
const keywordSoup: Generator = (random, base) => {
  if (base.sections.length === 0) return undefined;
  const section = random.pick(base.sections);
  const known = table.keywords[section.kind] ?? [];
  if (known.length === 0) return undefined;
  const keyword = random.pick(known);
  const args = shapeArguments(random, keyword.args, [], haproxyAddressOrNetwork, true).args;
  return insertLine(base, section.header + 1, `    ${[keyword.name, ...args].join(" ")}`, "keyword-args");
};

/** A section header changed: its name, a `from` defaults reference, a second section of the same name. */
const sectionHeaders: Generator = (random, base) => {
  const headers = base.scanned.flatMap((l, i) => (l.header ? [i] : []));
  if (headers.length === 0) return undefined;
  const index = random.pick(headers);
  const line = base.scanned[index];
  const defaults = base.scanned
    .filter((l) => l.header && l.section === "defaults" && l.words[1])
    .map((l) => l.words[1]);
  const name = line.words[1] ?? "";
  const proxy = /^(frontend|backend|listen|defaults)$/.test(line.section);
  const forms = [
    `${line.section}`,
    `${line.section} ${name}x`,
    `${line.section} ${name} extra`,
    `${line.section} "${name}"`,
    `${line.section} ${name}:1`,
    `${line.section} ${name}/a`,
    `${line.section} -`,
    `${line.section} ${name}.v2`,
  ];
  if (proxy)
    forms.push(
      `${line.section} ${name} from ${random.pick([...defaults, "unknown_defaults", "defaults", name])}`,
      `${line.section} ${name} from`,
      `${line.section} ${name} form ${defaults[0] ?? "x"}`,
    );
  const others = headers.filter((h) => h !== index && base.scanned[h].words[1]);
  if (others.length > 0 && random.chance(0.3)) {
    const duplicate = base.scanned[random.pick(others)];
    return replaceLine(base, index, `${line.section} ${duplicate.words[1]}`, "keyword-args");
  }
  return replaceLine(base, index, random.pick(forms), "keyword-args");
};

/** A bind or server line with an option added, changed or given a bad value. */
const lineOptions: Generator = (random, base) => {
  const candidates = base.scanned.flatMap((l, i) =>
    /^(bind|server|default-server)$/.test(l.words[0] ?? "") && !l.header ? [i] : [],
  );
  if (candidates.length === 0) return undefined;
  const index = random.pick(candidates);
  const line = base.scanned[index];
  const options = line.words[0] === "bind" ? table.bindOptions : table.serverOptions;
  const option = random.pick(options);
  const value = option.args
    ? shapeArguments(random, option.args, [], haproxyAddressOrNetwork, true).args
    : random.chance(0.2)
      ? ["1"]
      : [];
  const words = random.chance(0.2) && line.words.length > 3 ? line.words.slice(0, -1) : line.words;
  return replaceLine(base, index, `${line.indent}${[...words, option.name, ...value].join(" ")}`, "keyword-args");
};

/** The address of a bind, server, peer, nameserver, source or ACL line in another form. */
const addressArguments: Generator = (random, base) => {
  type Place = { i: number; at: number; form: "bind" | "server" | "network" };
  const candidates = base.scanned.flatMap((l, i): Place[] => {
    if (l.header || l.words.length < 2) return [];
    if (/^(bind|source|dispatch)$/.test(l.words[0])) return [{ i, at: 1, form: "bind" }];
    if (l.words[0] === "log" && l.words.length >= 3) return [{ i, at: 1, form: "server" }];
    if (/^(server|peer|nameserver|mailer)$/.test(l.words[0]) && l.words.length >= 3)
      return [{ i, at: 2, form: "server" }];
    const src = l.words.findIndex((w) => /^(src|dst)$/.test(w));
    if (l.words[0] === "acl" && src > 0 && src + 1 < l.words.length) return [{ i, at: src + 1, form: "network" }];
    return [];
  });
  if (candidates.length === 0) return undefined;
  const choice = random.pick(candidates);
  const line = base.scanned[choice.i];
  const words = [...line.words];
  words[choice.at] =
    choice.form === "network" ? haproxyNetwork(random) : haproxyAddress(random, choice.form === "server");
  if (words[choice.at] === "") words.splice(choice.at, 1);
  return replaceLine(base, choice.i, `${line.indent}${words.join(" ")}`, "address");
};

/** Weak and strong quotes, escapes and `#` in an argument. */
const quoting: Generator = (random, base) => {
  const candidates = contentLines(base).filter((i) => base.scanned[i].words.length >= 2);
  if (candidates.length === 0) return undefined;
  const index = random.pick(candidates);
  const line = base.scanned[index];
  const at = random.int(random.chance(0.1) ? 0 : 1, line.words.length - 1);
  const arg = line.words[at];
  const half = Math.max(1, Math.floor(arg.length / 2));
  const split = (insert: string): string => arg.slice(0, half) + insert + arg.slice(half);
  const form = random.pick([
    `"${arg}"`,
    `'${arg}'`,
    `"${arg}`,
    `'${arg}`,
    `${arg}"`,
    `"${arg} x"`,
    `'${arg} x'`,
    `""`,
    `''`,
    `"${arg}"x`,
    `a"${arg}"'b'`,
    split("\\ "),
    split("\\#"),
    split('\\"'),
    split("\\'"),
    split("\\\\"),
    split("\\x41"),
    split("\\q"),
    split("\\n"),
    split("#"),
    split(" #"),
    `${arg} #comment`,
    `${arg}#comment`,
    `"${split("#")}"`,
    `'${split("#")}'`,
    `${arg}\\`,
    `"${split("'")}"`,
    `'${split('"')}'`,
  ]);
  const words = [...line.words];
  words[at] = form;
  return replaceLine(base, index, `${line.indent}${words.join(" ")}`, "quoting");
};

/** A keyword placed in a section of another kind, before any section, or a section header inside a section. */
const wrongPlace: Generator = (random, base) => {
  if (base.sections.length === 0) return undefined;
  const target = random.pick(base.sections);
  const kinds = Object.keys(table.keywords).filter((k) => k !== target.kind);
  const kind = random.chance(0.6)
    ? random.pick(["global", "frontend", "backend", "listen", "defaults"].filter((k) => k !== target.kind))
    : random.pick(kinds);
  const inTarget = new Set((table.keywords[target.kind] ?? []).map((k) => k.name));
  const foreign = (table.keywords[kind] ?? []).filter((k) => !inTarget.has(k.name));
  const fromBase = contentLines(base).filter((i) => base.scanned[i].section !== target.kind);
  if (fromBase.length > 0 && random.chance(0.4)) {
    const line = base.scanned[random.pick(fromBase)];
    const at = random.chance(0.15) ? 0 : target.header + 1;
    return insertLine(base, at, `    ${line.words.join(" ")}`, "wrong-place");
  }
  if (foreign.length === 0) return undefined;
  const keyword = random.pick(foreign);
  const args = shapeArguments(random, keyword.args, [], haproxyAddressOrNetwork, true);
  const valid = args.shape === "missing" ? [] : args.args;
  return insertLine(base, target.header + 1, `    ${[keyword.name, ...valid].join(" ")}`, "wrong-place");
};

function typo(random: SeededRandom, word: string): string {
  const at = random.int(0, Math.max(0, word.length - 1));
  return random.pick([
    word.slice(0, at) + word.slice(at + 1),
    word.slice(0, at) + word[at] + word.slice(at),
    word.slice(0, at) + (word[at + 1] ?? "") + word[at] + word.slice(at + 2),
    `${word}s`,
    word.toUpperCase(),
    word.replace(/-/g, "_"),
    `${word}:`,
    `${word};`,
    "foo-bar",
  ]);
}

/** A keyword, a keyword's second word (option, timeout, http-request action) or a section header spelt wrong. */
const unknownKeyword: Generator = (random, base) => {
  const candidates = base.scanned.flatMap((l, i) => (l.words.length > 0 ? [i] : []));
  if (candidates.length === 0) return undefined;
  const index = random.pick(candidates);
  const line = base.scanned[index];
  const at =
    line.words.length > 1 &&
    /^(option|timeout|http-request|http-response|tcp-request|stats|no|http-check|tcp-check)$/.test(line.words[0]) &&
    random.chance(0.6)
      ? 1
      : 0;
  const words = [...line.words];
  words[at] = typo(random, words[at]);
  return replaceLine(base, index, `${line.header ? "" : line.indent}${words.join(" ")}`, "unknown-keyword");
};

/** The names a `$VAR` variant uses; HAPROXY_LOCALPEER is set by HAProxy itself. */
const VARIABLES = ["VIP", "PORT", "BACKEND_HOST", "X", "HAPROXY_LOCALPEER"];

/** `$VAR`, `${VAR}`, `${VAR-default}` in and out of quotes, with the variable set, set to "", or unset. */
const variables: Generator = (random, base) => {
  const candidates = contentLines(base).filter((i) => base.scanned[i].words.length >= 2);
  if (candidates.length === 0) return undefined;
  const index = random.pick(candidates);
  const line = base.scanned[index];
  const at = random.int(1, line.words.length - 1);
  const arg = line.words[at];
  const name = random.pick(VARIABLES);
  const colon = arg.lastIndexOf(":");
  const part = colon > 0 && random.chance(0.6) ? random.pick(["host", "port"]) : "whole";
  const original = part === "host" ? arg.slice(0, colon) : part === "port" ? arg.slice(colon + 1) : arg;
  const fallback = random.pick([original, "", "abc"]);
  const reference = random.pick([
    `$${name}`,
    `\${${name}}`,
    `\${${name}-${fallback}}`,
    `\${${name}:-${fallback}}`,
    `\${${name}[*]}`,
    `\${${name}`,
    `$${name}x`,
  ]);
  const wrapped = (inner: string): string =>
    random.weighted<string>([
      [inner, 3],
      [`"${inner}"`, 4],
      [`'${inner}'`, 2],
    ]);
  const value =
    part === "host"
      ? `${wrapped(reference)}:${arg.slice(colon + 1)}`
      : part === "port"
        ? `${arg.slice(0, colon + 1)}${wrapped(reference)}`
        : wrapped(reference);
  const setting = random.weighted<string>([
    ["unset", 4],
    ["set", 4],
    ["empty", 2],
    ["other", 2],
  ]);
  const env: Record<string, string> = {};
  if (setting === "set") env[name] = original;
  if (setting === "empty") env[name] = "";
  if (setting === "other") env[name] = random.pick(["abc", "a b", "1.2.3.4:80", "0", "-1", "$HOME", "#x", '"q"']);
  const words = [...line.words];
  words[at] = value;
  const lines = [...base.lines];
  lines[index] = `${line.indent}${words.join(" ")}`;
  if (random.chance(0.15)) {
    lines.splice(index + 1, 0, random.pick([".endif", ".else", ".endif"]));
    lines.splice(
      index,
      0,
      random.pick([
        `.if defined(${name})`,
        `.if !defined(${name})`,
        `.if streq("\${${name}}",${original})`,
        `.if \${${name}}`,
      ]),
    );
  }
  const settingText = setting === "unset" ? "unset" : `=${JSON.stringify(env[name])}`;
  return {
    category: "variables",
    mutation: `${describeEdit(index, base.lines[index], lines[index])} with ${name} ${settingText}`,
    text: joinLines(lines, base.finalNewline),
    env,
  };
};

const GENERATORS: [Generator, number][] = [
  [keywordArguments, 5],
  [keywordSoup, 5],
  [lineOptions, 3],
  [sectionHeaders, 2],
  [addressArguments, 4],
  [quoting, 4],
  [(random, base) => lineEndings(random, joinLines(base.lines, base.finalNewline)), 2],
  [wrongPlace, 4],
  [unknownKeyword, 3],
  [variables, 4],
];

/** One variant of a haproxy.cfg base: usually one change, sometimes two or three on top of each other. */
export function haproxyMutation(random: SeededRandom, text: string): Mutation | undefined {
  const rounds = random.chance(0.1) ? random.int(2, 3) : 1;
  let current: Mutation | undefined;
  for (let round = 0; round < rounds; round++) {
    if (current?.category === "line-endings") break;
    const next = random.weighted(GENERATORS)(random, scan(current?.text ?? text));
    if (!next) continue;
    current = current
      ? {
          ...next,
          category: current.category,
          mutation: `${current.mutation}; then ${next.mutation}`,
          env: { ...current.env, ...next.env },
        }
      : next;
  }
  return current;
}
