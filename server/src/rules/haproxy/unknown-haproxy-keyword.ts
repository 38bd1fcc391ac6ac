import type { HpWord } from "../../syntax/haproxy/tree.js";
import { closestName } from "../../schema/closest-name.js";
import { defineRule, type RuleContext } from "../rule.js";
import type { HaproxyKeywords } from "../../schema/haproxy-keywords.js";
import type { HpLine, HpSection } from "../../syntax/haproxy/tree.js";
import { checkAddressPrefix } from "../../schema/address-prefixes.js";
import { checkSubKeyword } from "../../schema/sub-keywords.js";
import { optionArity, optionWords, sampleNames } from "./line-arguments.js";
import { rangeInWord } from "./word-range.js";

/** The rule's messages (src/cfgparse*.c and the keyword parsers refuse each of these, ERR_ALERT | ERR_FATAL). */
const messages = {
  crtStoreLoadOfOtherVersion: (data: { name: string; version: string; versions: string }) =>
    `'load ${data.name}': '${data.name}' is not a load keyword of crt-store sections in HAProxy ${data.version} (it ` +
    `exists in ${data.versions}); HAProxy ${data.version} refuses to start with it`,
  unknownCrtStoreLoad: (data: { name: string; suggestion?: string }) =>
    `'load ${data.name}': unknown load keyword '${data.name}' in a crt-store section; HAProxy refuses to start with ` +
    `it${data.suggestion ? `. Did you mean '${data.suggestion}'?` : ""}`,
  traceSourceOfOtherVersion: (data: { name: string; version: string; versions: string }) =>
    `'trace ${data.name}': HAProxy ${data.version} has no trace source '${data.name}' (it exists in ` +
    `${data.versions}) and refuses to start with it ('No such trace source')`,
  unknownTraceSource: (data: { name: string; version: string; suggestion?: string }) =>
    `'trace ${data.name}': HAProxy ${data.version} has no trace source '${data.name}' and refuses to start with it ` +
    `('No such trace source')${data.suggestion ? `. Did you mean '${data.suggestion}'?` : ""}`,
  beforeSection: (data: { keyword: string }) =>
    `'${data.keyword}' appears before any section; a haproxy.cfg must start with a section keyword (global, ` +
    `defaults, frontend, backend, listen, ...)`,
  actionOfOtherVersion: (data: { ruleSet: string; action: string; since: string; versions: string; version: string }) =>
    `'${data.ruleSet} ${data.action}' needs HAProxy ${data.since} or newer (it exists in ${data.versions}); HAProxy ` +
    `${data.version} refuses it`,
  unknownAction: (data: { ruleSet: string; action: string; suggestion?: string }) =>
    `unknown action '${data.action}' for '${data.ruleSet}'; HAProxy refuses the ` +
    `rule${data.suggestion ? `. Did you mean '${data.suggestion}'?` : ""}`,
  subKeywordOfOtherVersion: (data: { keyword: string; sub: string; since: string; version: string; valid: string }) =>
    `'${data.keyword} ${data.sub}' needs HAProxy ${data.since} or newer; HAProxy ${data.version} accepts only ` +
    `${data.valid}`,
  unknownSubKeyword: (data: { keyword: string; sub: string; valid: string }) =>
    `'${data.keyword}' expects ${data.valid}, not '${data.sub}'; HAProxy refuses it`,
  prefixOfOtherVersion: (data: { prefix: string; since: string; version: string; address: string }) =>
    `address prefix '${data.prefix}' needs HAProxy ${data.since} or newer; HAProxy ${data.version} refuses ` +
    `'${data.address}'`,
  unknownPrefix: (data: { prefix: string; address: string }) =>
    `unknown address prefix '${data.prefix}' in '${data.address}'; HAProxy refuses it`,
  optionOfOtherVersion: (data: { name: string; kind: string; version: string; versions: string }) =>
    `'${data.name}' is not a ${data.kind} option of HAProxy ${data.version} (it exists in ${data.versions}); HAProxy ` +
    `${data.version} refuses to start with it`,
  unknownLineOption: (data: { name: string; kind: string; keyword: string; suggestion?: string }) =>
    `unknown ${data.kind} option '${data.name}' on this ${data.keyword} line; HAProxy refuses to start with ` +
    `it${data.suggestion ? `. Did you mean '${data.suggestion}'?` : ""}`,
  sampleSyntax: (data: { problem: string; expression: string }) =>
    `${data.problem} in sample expression '${data.expression}'; HAProxy refuses to start with it`,
  sampleOfOtherVersion: (data: { what: string; name: string; version: string; versions: string }) =>
    `${data.what} '${data.name}' does not exist in HAProxy ${data.version} (it exists in ${data.versions}); HAProxy ` +
    `${data.version} refuses to start with it`,
  unknownSample: (data: { what: string; name: string; suggestion?: string }) =>
    `unknown ${data.what} '${data.name}'; HAProxy refuses to start with ` +
    `it${data.suggestion ? `. Did you mean '${data.suggestion}'?` : ""}`,
  keywordOfOtherVersion: (data: { keyword: string; version: string; section: string; versions: string }) =>
    `'${data.keyword}' is not a keyword of HAProxy ${data.version} in '${data.section}' sections (it exists in ` +
    `${data.versions}); HAProxy ${data.version} refuses to start with it`,
  incomplete: (data: { keyword: string; section: string; subs: string }) =>
    `'${data.keyword}' is incomplete in '${data.section}' section: it takes one of ${data.subs}; HAProxy refuses to ` +
    `start with it`,
  unknownOption: (data: { option: string; section: string; suggestion?: string }) =>
    `unknown option '${data.option}' in '${data.section}' section; HAProxy refuses to start with ` +
    `it${data.suggestion ? `. Did you mean '${data.suggestion}'?` : ""}`,
  unknownKeyword: (data: { keyword: string; section: string; suggestion?: string }) =>
    `unknown keyword '${data.keyword}' in '${data.section}' section; HAProxy refuses to start with ` +
    `it${data.suggestion ? `. Did you mean '${data.suggestion}'?` : ""}`,
};

type Ctx = RuleContext<typeof messages>;
const opt = (suggestion: string | undefined): { suggestion?: string } => (suggestion ? { suggestion } : {});

/** The address words of a line: `bind ADDR[,ADDR]`, `server NAME ADDR`, `log ADDR`. */
function addressWords(line: HpLine): { word: HpWord; forLog: boolean }[] {
  const kw = line.keyword.value;
  if (kw === "bind" && line.args[0]) return [{ word: line.args[0], forLog: false }];
  if (kw === "server" && line.args[1]) return [{ word: line.args[1], forLog: false }];
  if (kw === "log" && line.args[0]) return [{ word: line.args[0], forLog: true }];
  return [];
}

/**
 * The words of a crt-store `load` line: crtstore_parse_load() (3.0.11 src/ssl_ckch.c, same at v3.2.0) reads them in
 * pairs, a keyword of ckch_conf_kws[] (or `alias`) and its value, and refuses the first unknown keyword.
 */
function checkCrtStoreLoad(ctx: Ctx, hk: HaproxyKeywords, file: string, line: HpLine): void {
  for (let i = 0; i < line.args.length; i += 2) {
    const word = line.args[i];
    if (word.env.some((e) => e.resolved === undefined)) return;
    const found = hk.crtStoreLoadOption(word.value);
    if (found?.inVersion) continue;
    if (found) {
      const data = { name: word.value, version: hk.version, versions: found.spec.versions.join(", ") };
      ctx.report({ file, range: word.range, messageId: "crtStoreLoadOfOtherVersion", data });
    } else {
      const data = { name: word.value, ...opt(closestName(word.value, hk.crtStoreLoadNames())) };
      ctx.report({ file, range: word.range, messageId: "unknownCrtStoreLoad", data });
    }
    return;
  }
}

/**
 * The source of a `trace <source> ...` line of a traces section: cfg_parse_trace() -> _trace_parse_statement()
 * (src/trace.c at v3.2.0) looks it up with trace_find_source() by name or alias (`all` stands for every source) and
 * refuses an unknown one: 'No such trace source'.
 */
function checkTraceSource(ctx: Ctx, hk: HaproxyKeywords, file: string, line: HpLine): void {
  const word = line.args[0];
  if (!word || ["all", "0", ""].includes(word.value) || word.env.some((e) => e.resolved === undefined)) return;
  const found = hk.traceSource(word.value);
  if (found?.inVersion) return;
  if (found) {
    const data = { name: word.value, version: hk.version, versions: found.spec.versions.join(", ") };
    ctx.report({ file, range: word.range, messageId: "traceSourceOfOtherVersion", data });
  } else {
    const data = { name: word.value, version: hk.version, ...opt(closestName(word.value, hk.traceSourceNames())) };
    ctx.report({ file, range: word.range, messageId: "unknownTraceSource", data });
  }
}

/** `http-request ACTION`, `tcp-request content ACTION` ...: the action word of a rule line, if the line is one. */
function checkAction(ctx: Ctx, hk: HaproxyKeywords, file: string, line: HpLine): void {
  const kw = line.keyword.value;
  const twoWords = line.args[0] ? `${kw} ${line.args[0].value}` : kw;
  // `stats http-request <action>` goes through the http-request action parser (parse_http_req_cond()).
  const stats = twoWords === "stats http-request";
  const ruleSet = stats ? "http-request" : hk.isRuleSet(twoWords) ? twoWords : hk.isRuleSet(kw) ? kw : undefined;
  if (!ruleSet) return;
  const word = ruleSet === kw ? line.args[0] : line.args[1];
  if (!word || word.env.some((e) => e.resolved === undefined)) return;
  if (hk.action(ruleSet, word.value)) return;
  const other = hk.action(ruleSet, word.value, true);
  const suggestion = other ? undefined : closestName(word.value.replace(/\(.*$/, ""), hk.actionNames(ruleSet));
  if (other) {
    const data = {
      ruleSet,
      action: other.name,
      since: other.versions[0],
      versions: other.versions.join(", "),
      version: hk.version,
    };
    ctx.report({ file, range: word.range, messageId: "actionOfOtherVersion", data });
  } else
    ctx.report({
      file,
      range: word.range,
      messageId: "unknownAction",
      data: { ruleSet, action: word.value, ...opt(suggestion) },
    });
}

function checkArguments(ctx: Ctx, hk: HaproxyKeywords, file: string, section: HpSection, line: HpLine): void {
  checkAction(ctx, hk, file, line);
  const sub = line.args[0];
  const subCheck = sub ? checkSubKeyword(line.keyword.value, sub.value, hk.version) : undefined;
  if (sub && subCheck && !subCheck.known) {
    const valid = subCheck.valid.map((v) => `'${v}'`).join(", ");
    if (subCheck.since) {
      const data = { keyword: line.keyword.value, sub: sub.value, since: subCheck.since, version: hk.version, valid };
      ctx.report({ file, range: sub.range, messageId: "subKeywordOfOtherVersion", data });
    } else
      ctx.report({
        file,
        range: sub.range,
        messageId: "unknownSubKeyword",
        data: { keyword: line.keyword.value, sub: sub.value, valid },
      });
  }
  for (const { word, forLog } of addressWords(line)) {
    for (const address of word.value.split(",")) {
      const p = checkAddressPrefix(address, hk.version, forLog);
      if (!p || p.known) continue;
      if (p.since) {
        const data = { prefix: p.prefix, since: p.since, version: hk.version, address };
        ctx.report({ file, range: word.range, messageId: "prefixOfOtherVersion", data });
      } else ctx.report({ file, range: word.range, messageId: "unknownPrefix", data: { prefix: p.prefix, address } });
    }
  }
  for (const { word, kind } of optionWords(line, section.kind, hk)) {
    const name = word.value;
    // An option built from an unknown environment variable cannot be judged.
    if (word.env.some((e) => e.resolved === undefined)) continue;
    const other = hk.optionAnyVersion(kind, name);
    const suggestion = other ? undefined : closestName(name, hk.optionNames(kind));
    // `wieght check` -> `weight check` would make 'check' the weight: no rename into an option that takes a value
    // when the next word is itself an option.
    const spec = suggestion ? (kind === "server" ? hk.serverOption(suggestion) : hk.bindOption(suggestion)) : undefined;
    const next = line.args[line.args.indexOf(word) + 1]?.value;
    const optionOf = (n: string): unknown => (kind === "server" ? hk.serverOption(n) : hk.bindOption(n));
    const swallows =
      spec !== undefined && optionArity(spec.args) !== 0 && next !== undefined && optionOf(next) !== undefined;
    const fixes =
      suggestion && !swallows
        ? [
            {
              description: `Replace '${name}' with '${suggestion}'`,
              safe: true,
              edits: [{ file, range: word.range, newText: suggestion }],
            },
          ]
        : undefined;
    if (other) {
      const data = { name, kind, version: hk.version, versions: other.versions.join(", ") };
      ctx.report({ file, range: word.range, messageId: "optionOfOtherVersion", data, fixes });
    } else {
      const data = { name, kind, keyword: line.keyword.value, ...opt(suggestion) };
      ctx.report({ file, range: word.range, messageId: "unknownLineOption", data, fixes });
    }
  }
  for (const s of sampleNames(line)) {
    if (s.error) {
      ctx.report({
        file,
        range: rangeInWord(s.word, s.offset, 1),
        messageId: "sampleSyntax",
        data: { problem: s.error, expression: s.word.value },
      });
      continue;
    }
    const { name, kind } = s.name;
    if (kind === "fetch" ? hk.fetch(name) : hk.converter(name)) continue;
    // Lua scripts register `lua.<name>` fetches and converters at load time.
    if (name.startsWith("lua.")) continue;
    if (s.word.env.some((e) => e.resolved === undefined)) continue;
    const what = kind === "fetch" ? "fetch method" : "converter";
    const other = hk.sampleAnyVersion(kind, name);
    const suggestion = other ? undefined : closestName(name, hk.sampleNames(kind));
    const range = rangeInWord(s.word, s.offset, name.length);
    if (other) {
      const data = { what, name, version: hk.version, versions: other.versions.join(", ") };
      ctx.report({ file, range, messageId: "sampleOfOtherVersion", data });
    } else ctx.report({ file, range, messageId: "unknownSample", data: { what, name, ...opt(suggestion) } });
  }
}

export default defineRule({
  id: "HP017",
  name: "unknown-haproxy-keyword",
  severity: "error",
  scope: "haproxy",
  docs: {
    summary:
      "A keyword HAProxy does not know: section keywords, options, bind and server options, sample fetches and " +
      "converters.",
    description:
      "Checks the keyword of every line (multi-word keywords such as `timeout client`, `option httpchk`, `stats " +
      "auth` included, with `no`/`default` prefixes) against the keywords of the target HAProxy version, generated " +
      "from the configuration manual's keyword matrix and the keyword lists of the sources and of `haproxy " +
      "-dKall`. Also checks the action of every rule (`http-request`, `http-response`, `http-after-response`, " +
      "`tcp-request connection|session|content`, `tcp-response content`, `http-check`, `tcp-check`), the options " +
      "of `bind`, `server`, `default-server` and `server-template` lines, the source of `trace` lines of traces " +
      "sections (those the version's binary knows: 3.2.26 has no `qcm`, the 3.4 name of `qmux`, and no `dbg`, " +
      "which needs a debug build), the keywords of crt-store `load` lines (from 3.0: `crt`, `key`, `alias`, " +
      "`ocsp`, ...; `acme` and `domains` from 3.2; `jwt` and `generate-dummy` only from 3.4), and the fetch and " +
      "converter names of sample expressions (`%[...]` in log formats, ACL criteria, anonymous `{ ... }` ACLs, " +
      "`set-var()` expressions). Suggests the closest keyword, and says when a keyword exists only in other " +
      "versions.",
    why:
      "HAProxy rejects the whole configuration on an unknown keyword: `haproxy -c` fails and a reload keeps running " +
      "the old configuration, or a fresh start brings up no load balancer. Keywords also appear and disappear " +
      "between versions (2.6 has no `option forwarded`; 3.x no longer has `option transparent`), so a config that " +
      "works on one node fails on a node with another version.",
    sources: [
      "HAProxy configuration manual section 4.1 (proxy keywords matrix) and section 3 (global parameters)",
      "HAProxy src/cfgparse.c, src/cfgparse-listen.c 'unknown keyword'",
      "HAProxy src/trace.c cfg_parse_trace(), _trace_parse_statement() and trace_find_source() at v3.2.0 (a source " +
        "by name or alias; 'No such trace source'), the struct trace_source definitions of src/*.c per tag, and the " +
        "sources the 3.2.26 binary accepts (scripts/schema/haproxy.mjs probes each)",
      "HAProxy 3.0.11 src/ssl_ckch.c crtstore_parse_load() and ckch_conf_kws[] (the load keywords; v3.2.0 adds " +
        "acme and domains, v3.4.0 jwt, generate-dummy, keytype, bits, curves, ips)",
    ],
    bad: "defaults\n    timout client 30s\n",
    good: "defaults\n    timeout client 30s\n",
    realTool:
      "haproxy -c reports \"unknown keyword 'x' in 'y' section; did you mean 'z' maybe ?\" as a fatal error (rc 1).",
    reportedBy: "haproxy -c",
    versions: "Checked against the keywords of the configured HAProxy version (2.6, 2.8, 3.0, 3.2 or 3.4).",
  },
  messages,
  check(ctx) {
    const hk = ctx.haproxyKeywords;
    for (const doc of ctx.haproxy) {
      for (const line of doc.outside) {
        ctx.report({
          file: doc.file,
          range: line.keyword.range,
          messageId: "beforeSection",
          data: { keyword: line.keyword.value },
        });
      }
      for (const section of doc.sections) {
        if (hk.keywordsOf(section.kind).length === 0) continue;
        for (const line of section.lines) {
          const words = [line.keyword.value, ...line.args.map((a) => a.value)];
          if (hk.match(section.kind, words)) {
            checkArguments(ctx, hk, doc.file, section, line);
            if (section.kind === "crt-store" && line.keyword.value === "load")
              checkCrtStoreLoad(ctx, hk, doc.file, line);
            if (section.kind === "traces" && line.keyword.value === "trace") checkTraceSource(ctx, hk, doc.file, line);
            continue;
          }
          if (hk.sectionsAccepting(words).length > 0) continue; // HP016: valid keyword, wrong section
          const other = hk.matchAnyVersion(section.kind, words);
          const label = other ? other.spec.name : words[0];
          if (other) {
            const data = {
              keyword: other.spec.name,
              version: hk.version,
              section: section.kind,
              versions: other.spec.versions.join(", "),
            };
            ctx.report({ file: doc.file, range: line.keyword.range, messageId: "keywordOfOtherVersion", data });
            continue;
          }
          const suggestion = hk.suggest(section.kind, words);
          const isOption = words[0] === "option" || (words[0] === "no" && words[1] === "option");
          // `timeout clinet`, `http-check expep-check`: a known first word with an unknown second one.
          const family = isOption ? [] : hk.keywordsOf(section.kind).filter((k) => k.name.startsWith(`${words[0]} `));
          const second = family.length > 0 ? line.args[0] : undefined;
          if (family.length > 0 && !second) {
            const subs = [...new Set(family.map((k) => k.name.split(" ")[1]))].sort();
            const data = {
              keyword: words[0],
              section: section.kind,
              subs: `${subs.slice(0, 8).join(", ")}${subs.length > 8 ? ", ..." : ""}`,
            };
            ctx.report({ file: doc.file, range: line.keyword.range, messageId: "incomplete", data });
            continue;
          }
          const end = isOption
            ? (line.args[words[0] === "no" ? 1 : 0] ?? line.keyword).range.end
            : (second ?? line.keyword).range.end;
          const replaced = second ?? line.keyword;
          const newText = second ? suggestion?.split(" ")[1] : suggestion;
          const fixes =
            suggestion && newText && !isOption && suggestion.split(" ").length === (second ? 2 : 1)
              ? [
                  {
                    description: `Replace '${replaced.value}' with '${newText}'`,
                    safe: true,
                    edits: [{ file: doc.file, range: replaced.range, newText }],
                  },
                ]
              : undefined;
          const range = { start: line.keyword.range.start, end };
          if (isOption) {
            const data = { option: words[words[0] === "no" ? 2 : 1] ?? "", section: section.kind, ...opt(suggestion) };
            ctx.report({ file: doc.file, range, messageId: "unknownOption", data, fixes });
          } else {
            const keyword = second ? `${words[0]} ${words[1]}` : label;
            const data = { keyword, section: section.kind, ...opt(suggestion) };
            ctx.report({ file: doc.file, range, messageId: "unknownKeyword", data, fixes });
          }
        }
      }
    }
  },
});
