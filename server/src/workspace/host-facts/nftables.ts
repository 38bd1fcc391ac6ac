/**
 * nftables rulesets as kept on the node (etc/nftables.conf, etc/sysconfig/nftables.conf, or `nft list ruleset` output
 * saved as etc/ha-lint/nft-ruleset.nft), read as text: `table FAMILY NAME { chain NAME { ... } }` blocks and the flat
 * `add chain` / `add rule` / `insert rule` commands, `define` variables, and `include` of files the node tree holds.
 * Base chains of tables `ip` and `inet` on the `input` and `prerouting` hooks are the input path. Rule statements are
 * reduced to the matches a VRRP advert's verdict depends on; anything else stays an `other` match (unknown).
 */
import type {
  FirewallChain,
  FirewallMatch,
  FirewallRule,
  FirewallRuleset,
  FirewallVerdict,
} from "../../model/firewall.js";
import { LineIndex } from "../../syntax/source.js";
import type { Location } from "../../syntax/source.js";

export const NFTABLES_FILES = ["etc/nftables.conf", "etc/sysconfig/nftables.conf", "etc/ha-lint/nft-ruleset.nft"];

interface Token {
  text: string;
  /** `word` (quoted strings too, without their quotes) or one of `{ } ; , \n`. */
  kind: "word" | "punct";
  start: number;
  end: number;
  file: string;
  lines: LineIndex;
}

/** A value: one word, or the entries of an anonymous set `{ a, b }` (each entry's words joined by spaces). */
type Value = { words: string[]; set: boolean };

export interface NftablesInput {
  file: string;
  text: string;
  /** Reads an `include`d path of the node: its files, or undefined when the tree does not hold it. */
  readInclude: (path: string) => { file: string; text: string }[] | undefined;
}

function tokenize(file: string, text: string): Token[] {
  const lines = new LineIndex(text);
  const tokens: Token[] = [];
  let index = 0;
  const push = (kind: Token["kind"], tokenText: string, start: number, end: number): void => {
    tokens.push({ text: tokenText, kind, start, end, file, lines });
  };
  while (index < text.length) {
    const char = text[index];
    if (char === "\\" && text[index + 1] === "\n") index += 2;
    else if (char === " " || char === "\t" || char === "\r") index++;
    else if (char === "#") while (index < text.length && text[index] !== "\n") index++;
    else if ("{};,\n".includes(char)) push("punct", char, index, ++index);
    else if (char === '"') {
      const close = text.indexOf('"', index + 1);
      const end = close < 0 ? text.length : close + 1;
      push("word", text.slice(index + 1, close < 0 ? text.length : close), index, end);
      index = end;
    } else {
      const start = index;
      while (index < text.length && !' \t\r\n{};,"#'.includes(text[index])) index++;
      push("word", text.slice(start, index), start, index);
    }
  }
  return tokens;
}

function locationOf(first: Token, last: Token): Location {
  return {
    file: first.file,
    range: { start: first.lines.positionAt(first.start), end: last.lines.positionAt(last.end) },
  };
}

/** Splits a token run into statements at newlines and `;` outside braces; braces group an anonymous set. */
function statements(tokens: Token[]): Token[][] {
  const out: Token[][] = [];
  let current: Token[] = [];
  let depth = 0;
  for (const token of tokens) {
    if (token.kind === "punct" && (token.text === "\n" || token.text === ";") && depth === 0) {
      if (current.length > 0) out.push(current);
      current = [];
      continue;
    }
    if (token.text === "{" && token.kind === "punct") depth++;
    if (token.text === "}" && token.kind === "punct") depth--;
    if (token.kind === "punct" && token.text === "\n") continue;
    current.push(token);
  }
  if (current.length > 0) out.push(current);
  return out;
}

function readValue(tokens: Token[], at: number): { value: Value; next: number } {
  if (tokens[at]?.text !== "{")
    return { value: { words: tokens[at] ? [tokens[at].text] : [], set: false }, next: at + 1 };
  const entries: string[] = [];
  let entry: string[] = [];
  let index = at + 1;
  for (; index < tokens.length && tokens[index].text !== "}"; index++) {
    if (tokens[index].text === ",") {
      if (entry.length > 0) entries.push(entry.join(" "));
      entry = [];
    } else entry.push(tokens[index].text);
  }
  if (entry.length > 0) entries.push(entry.join(" "));
  return { value: { words: entries, set: true }, next: index + 1 };
}

const NEGATION = new Set(["!=", "ne"]);
const EQUALITY = new Set(["==", "eq"]);
const L4_NAMES = new Set(["tcp", "udp", "sctp", "dccp", "udplite", "icmp", "igmp", "esp", "ah", "comp"]);
const VERDICT_WORDS = new Set(["accept", "drop", "reject", "return", "jump", "goto", "queue", "continue"]);

interface RuleBuilder {
  matches: FirewallMatch[];
  verdict: FirewallVerdict;
}

/** `FIELD [op] VALUE` at `at` (the field's first word is at `at`): the match and the index after it. */
function fieldMatch(
  kind: Exclude<FirewallMatch["kind"], "other">,
  tokens: Token[],
  at: number,
): { match: FirewallMatch; next: number } {
  let index = at;
  let negated = false;
  if (NEGATION.has(tokens[index]?.text ?? "")) {
    negated = true;
    index++;
  } else if (EQUALITY.has(tokens[index]?.text ?? "")) index++;
  const { value, next } = readValue(tokens, index);
  const values = value.words.flatMap((word) => (kind === "ct-state" ? word.split(",") : [word]));
  return { match: { kind, values, negated }, next };
}

function ctStateVmap(tokens: Token[], at: number): { verdict: FirewallVerdict; next: number } {
  const { value, next } = readValue(tokens, at);
  const entries = value.words.map((entry) => {
    const [states, verdict] = entry.split(":").map((part) => part.trim());
    const known = ["accept", "drop", "reject", "continue"].includes(verdict) ? verdict : "continue";
    return { states: states.split(/[\s|]+/), verdict: known as "accept" | "drop" | "reject" | "continue" };
  });
  return { verdict: { kind: "ct-vmap", entries }, next };
}

/** Skips a statement that neither matches nor decides (counter, log, comment ...): the index after it. */
function skipStatement(tokens: Token[], at: number): number | undefined {
  const word = tokens[at].text;
  const optionWords: Record<string, string[]> = {
    counter: ["packets", "bytes", "name"],
    log: ["prefix", "level", "group", "snaplen", "queue-threshold", "flags"],
    comment: [],
  };
  const options = optionWords[word];
  if (!options) return undefined;
  let index = at + 1;
  if (word === "comment") return index + 1;
  while (index < tokens.length && options.includes(tokens[index].text)) index += 2;
  return index;
}

function verdictAt(tokens: Token[], at: number): { verdict: FirewallVerdict; next: number } {
  const word = tokens[at].text;
  if (word === "jump" || word === "goto")
    return { verdict: { kind: word, target: tokens[at + 1]?.text ?? "" }, next: at + 2 };
  if (word === "reject") {
    const withAt = tokens[at + 1]?.text === "with" ? at + 4 : at + 1;
    return { verdict: { kind: "reject" }, next: Math.min(withAt, tokens.length) };
  }
  if (word === "accept" || word === "drop" || word === "return") return { verdict: { kind: word }, next: at + 1 };
  if (word === "continue") return { verdict: { kind: "none" }, next: at + 1 };
  return { verdict: { kind: "unknown", text: word }, next: tokens.length };
}

/** One step of a rule statement: the index after what it read. */
function ruleStep(tokens: Token[], at: number, rule: RuleBuilder): number {
  const word = tokens[at].text;
  const next = tokens[at + 1]?.text;
  const add = (result: { match: FirewallMatch; next: number }): number => {
    rule.matches.push(result.match);
    return result.next;
  };
  if (VERDICT_WORDS.has(word)) {
    const { verdict, next: after } = verdictAt(tokens, at);
    rule.verdict = verdict;
    return after;
  }
  const skipped = skipStatement(tokens, at);
  if (skipped !== undefined) return skipped;
  if (word === "ip" && next === "protocol") return add(fieldMatch("protocol", tokens, at + 2));
  if (word === "ip" && (next === "saddr" || next === "daddr")) return add(fieldMatch(next, tokens, at + 2));
  if (word === "meta" && next === "l4proto") return add(fieldMatch("protocol", tokens, at + 2));
  if (word === "meta" && next === "nfproto") return add(fieldMatch("family", tokens, at + 2));
  if (word === "meta" && (next === "iif" || next === "iifname")) return add(fieldMatch("iif", tokens, at + 2));
  if (word === "meta" && next === "pkttype") return add(fieldMatch("pkttype", tokens, at + 2));
  if (word === "iif" || word === "iifname") return add(fieldMatch("iif", tokens, at + 1));
  if (word === "pkttype") return add(fieldMatch("pkttype", tokens, at + 1));
  if (word === "ct" && next === "state" && tokens[at + 2]?.text === "vmap") {
    const { verdict, next: after } = ctStateVmap(tokens, at + 3);
    rule.verdict = verdict;
    return after;
  }
  if (word === "ct" && next === "state") return add(fieldMatch("ct-state", tokens, at + 2));
  if (word === "ip6" || word === "icmpv6") {
    rule.matches.push({ kind: "family", values: ["ipv6"], negated: false });
    return at + 1;
  }
  if (L4_NAMES.has(word)) {
    // `tcp dport 22`, `icmp type echo-request`: the protocol is implied; the field and value are not needed.
    rule.matches.push({ kind: "protocol", values: [word], negated: false });
    const field = tokens[at + 1];
    if (!field || field.kind !== "word" || VERDICT_WORDS.has(field.text) || skipStatement(tokens, at + 1))
      return at + 1;
    const operator = NEGATION.has(tokens[at + 2]?.text ?? "") || EQUALITY.has(tokens[at + 2]?.text ?? "") ? 1 : 0;
    return readValue(tokens, at + 2 + operator).next;
  }
  const { value, next: after } = readValue(tokens, at);
  rule.matches.push({ kind: "other", text: value.set ? `{ ${value.words.join(", ")} }` : word });
  return after;
}

function readRule(tokens: Token[]): FirewallRule {
  const rule: RuleBuilder = { matches: [], verdict: { kind: "none" } };
  let index = 0;
  while (index < tokens.length) index = Math.max(ruleStep(tokens, index, rule), index + 1);
  return { location: locationOf(tokens[0], tokens[tokens.length - 1]), matches: rule.matches, verdict: rule.verdict };
}

class RulesetBuilder {
  readonly chains = new Map<string, FirewallChain>();
  readonly inputChains: string[] = [];
  readonly unread: FirewallRuleset["unread"] = [];
  readonly defines = new Map<string, Token[]>();

  chain(family: string, table: string, name: string): FirewallChain {
    const key = `${family} ${table}/${name}`;
    let chain = this.chains.get(key);
    if (!chain) {
      chain = { name: key, rules: [] };
      this.chains.set(key, chain);
    }
    return chain;
  }

  /** A chain's `type ... hook H priority P; policy V` statement. */
  chainSetting(family: string, table: string, name: string, tokens: Token[]): boolean {
    const chain = this.chain(family, table, name);
    const words = tokens.map((token) => token.text);
    if (words[0] === "type") {
      const hook = words[words.indexOf("hook") + 1];
      const inputPath = (family === "ip" || family === "inet") && (hook === "input" || hook === "prerouting");
      if (words[1] === "filter" && inputPath && !this.inputChains.includes(chain.name)) {
        this.inputChains.push(chain.name);
        chain.policy ??= { verdict: "accept", location: locationOf(tokens[0], tokens[tokens.length - 1]) };
      }
      return true;
    }
    if (words[0] === "policy") {
      const verdict = words[1] === "drop" ? "drop" : "accept";
      chain.policy = { verdict, location: locationOf(tokens[0], tokens[tokens.length - 1]) };
      return true;
    }
    return words[0] === "comment" || words[0] === "devices";
  }

  /** Rules of a chain: jumps name chains of the same table. */
  addRule(family: string, table: string, name: string, tokens: Token[], first = false): void {
    const rule = readRule(tokens);
    if (rule.verdict.kind === "jump" || rule.verdict.kind === "goto") {
      rule.verdict = { kind: rule.verdict.kind, target: `${family} ${table}/${rule.verdict.target}` };
    }
    const chain = this.chain(family, table, name);
    if (first) chain.rules.unshift(rule);
    else chain.rules.push(rule);
  }
}

function familyAndName(words: string[], at: number): { family: string; name: string; next: number } {
  const families = ["ip", "ip6", "inet", "arp", "bridge", "netdev"];
  if (families.includes(words[at]) && words[at + 1] !== undefined && words[at + 1] !== "{") {
    return { family: words[at], name: words[at + 1], next: at + 2 };
  }
  return { family: "ip", name: words[at], next: at + 1 };
}

/** The tokens of the block that opens at `open` (a `{`) and the index after its `}`. */
function block(tokens: Token[], open: number): { body: Token[]; next: number } {
  let depth = 0;
  for (let index = open; index < tokens.length; index++) {
    if (tokens[index].kind !== "punct") continue;
    if (tokens[index].text === "{") depth++;
    if (tokens[index].text === "}" && --depth === 0) return { body: tokens.slice(open + 1, index), next: index + 1 };
  }
  return { body: tokens.slice(open + 1), next: tokens.length };
}

function readChainBody(builder: RulesetBuilder, family: string, table: string, name: string, body: Token[]): void {
  builder.chain(family, table, name);
  for (const statement of statements(body)) {
    if (!builder.chainSetting(family, table, name, statement)) builder.addRule(family, table, name, statement);
  }
}

function readTableBody(builder: RulesetBuilder, family: string, table: string, body: Token[]): void {
  let index = 0;
  while (index < body.length) {
    const token = body[index];
    const open = body.findIndex((candidate, at) => at > index && candidate.text === "{" && candidate.kind === "punct");
    if (token.kind === "word" && token.text === "chain" && open === index + 2) {
      const { body: chainBody, next } = block(body, open);
      readChainBody(builder, family, table, body[index + 1].text, chainBody);
      index = next;
    } else if (token.kind === "word" && open === index + 2) {
      index = block(body, open).next; // set, map, flowtable, counter, quota ...: not needed
    } else index++;
  }
}

/** A flat command (`add rule inet filter input ...`): whether it was one the reader knows. */
function readCommand(builder: RulesetBuilder, statement: Token[]): boolean {
  const words = statement.map((token) => token.text);
  const verb = words[0] === "add" || words[0] === "insert" ? words[1] : undefined;
  if (verb === "rule") {
    const { family, name: table, next } = familyAndName(words, 2);
    const chain = words[next];
    let ruleStart = next + 1;
    if (words[ruleStart] === "handle" || words[ruleStart] === "position" || words[ruleStart] === "index")
      ruleStart += 2;
    if (chain && ruleStart < words.length) {
      builder.addRule(family, table, chain, statement.slice(ruleStart), words[0] === "insert");
    }
    return true;
  }
  if (words[0] === "add" && verb === "chain") {
    const { family, name: table, next } = familyAndName(words, 2);
    const open = statement.findIndex((token) => token.text === "{");
    const name = words[next];
    if (name && open > 0) readChainBody(builder, family, table, name, block(statement, open).body);
    else if (name) builder.chain(family, table, name);
    return true;
  }
  return words[0] === "add" || words[0] === "flush" || words[0] === "delete" || words[0] === "create";
}

/** Records `define NAME = VALUE` (a word or a `{ }` set) and replaces `$NAME` by its value everywhere after. */
function substituteDefines(builder: RulesetBuilder, raw: Token[]): Token[] {
  const out: Token[] = [];
  for (let index = 0; index < raw.length; index++) {
    const token = raw[index];
    if (token.kind === "word" && token.text === "define" && raw[index + 2]?.text === "=" && raw[index + 3]) {
      const valueEnd = raw[index + 3].text === "{" ? block(raw, index + 3).next : index + 4;
      builder.defines.set(raw[index + 1].text, substituteDefines(builder, raw.slice(index + 3, valueEnd)));
      index = valueEnd - 1;
      continue;
    }
    const value =
      token.kind === "word" && token.text.startsWith("$") ? builder.defines.get(token.text.slice(1)) : undefined;
    if (value) out.push(...value);
    else out.push(token);
  }
  return out;
}

function readTopLevel(builder: RulesetBuilder, input: NftablesInput, depth: number): void {
  const tokens = substituteDefines(builder, tokenize(input.file, input.text));
  let index = 0;
  while (index < tokens.length) {
    const token = tokens[index];
    if (token.kind === "punct") {
      index++;
      continue;
    }
    const lineEnd = tokens.findIndex(
      (candidate, at) => at >= index && candidate.text === "\n" && candidate.kind === "punct",
    );
    const statementEnd = lineEnd < 0 ? tokens.length : lineEnd;
    const line = tokens.slice(index, statementEnd);
    const open = line.findIndex((candidate) => candidate.text === "{" && candidate.kind === "punct");
    if (token.text === "table" && open > 0) {
      const { family, name } = familyAndName(
        line.map((word) => word.text),
        1,
      );
      const { body, next } = block(tokens, index + open);
      readTableBody(builder, family, name, body);
      index = next;
      continue;
    }
    const { body: withBlock, next } =
      open > 0
        ? { body: tokens.slice(index, block(tokens, index + open).next), next: block(tokens, index + open).next }
        : { body: line, next: statementEnd };
    readStatement(builder, input, withBlock, depth);
    index = next;
  }
}

function readStatement(builder: RulesetBuilder, input: NftablesInput, statement: Token[], depth: number): void {
  const words = statement.map((token) => token.text);
  const location = locationOf(statement[0], statement[statement.length - 1]);
  if (words[0] === "include") {
    const included = depth < 4 ? input.readInclude(words[1] ?? "") : undefined;
    if (!included) builder.unread.push({ what: `include "${words[1] ?? ""}"`, location });
    for (const file of included ?? []) readTopLevel(builder, { ...input, ...file }, depth + 1);
    return;
  }
  if (!readCommand(builder, statement)) builder.unread.push({ what: `'${words.slice(0, 3).join(" ")}'`, location });
}

export function readNftables(input: NftablesInput): FirewallRuleset | undefined {
  const builder = new RulesetBuilder();
  readTopLevel(builder, input, 0);
  if (builder.chains.size === 0 && builder.unread.length === 0) return undefined;
  return {
    format: "nftables",
    file: input.file,
    chains: builder.chains,
    inputChains: builder.inputChains,
    unread: builder.unread,
  };
}
