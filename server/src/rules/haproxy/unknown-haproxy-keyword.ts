import type { HpWord } from "../../syntax/haproxy/tree.js";
import { closestName } from "../../schema/closest-name.js";
import { defineRule, type RuleContext } from "../rule.js";
import type { HaproxyKeywords } from "../../schema/haproxy-keywords.js";
import type { HpLine, HpSection } from "../../syntax/haproxy/tree.js";
import { checkAddressPrefix } from "../../schema/address-prefixes.js";
import { checkSubKeyword } from "../../schema/sub-keywords.js";
import { optionArity, optionWords, sampleNames } from "./line-arguments.js";
import { rangeInWord } from "./word-range.js";

/** The address words of a line: `bind ADDR[,ADDR]`, `server NAME ADDR`, `log ADDR`. */
function addressWords(line: HpLine): { word: HpWord; forLog: boolean }[] {
  const kw = line.keyword.value;
  if (kw === "bind" && line.args[0]) return [{ word: line.args[0], forLog: false }];
  if (kw === "server" && line.args[1]) return [{ word: line.args[1], forLog: false }];
  if (kw === "log" && line.args[0]) return [{ word: line.args[0], forLog: true }];
  return [];
}

/** `http-request ACTION`, `tcp-request content ACTION` ...: the action word of a rule line, if the line is one. */
function checkAction(ctx: RuleContext, hk: HaproxyKeywords, file: string, line: HpLine): void {
  const kw = line.keyword.value;
  const twoWords = line.args[0] ? `${kw} ${line.args[0].value}` : kw;
  const ruleSet = hk.isRuleSet(twoWords) ? twoWords : hk.isRuleSet(kw) ? kw : undefined;
  if (!ruleSet) return;
  const word = ruleSet === kw ? line.args[0] : line.args[1];
  if (!word || word.env.some((e) => e.resolved === undefined)) return;
  if (hk.action(ruleSet, word.value)) return;
  const other = hk.action(ruleSet, word.value, true);
  const suggestion = other ? undefined : closestName(word.value.replace(/\(.*$/, ""), hk.actionNames(ruleSet));
  ctx.report({
    file,
    range: word.range,
    message: other
      ? `'${ruleSet} ${other.name}' needs HAProxy ${other.versions[0]} or newer (it exists in ${other.versions.join(", ")}); HAProxy ${hk.version} refuses it`
      : `unknown action '${word.value}' for '${ruleSet}'; HAProxy refuses the rule${suggestion ? `. Did you mean '${suggestion}'?` : ""}`,
  });
}

function checkArguments(ctx: RuleContext, hk: HaproxyKeywords, file: string, section: HpSection, line: HpLine): void {
  checkAction(ctx, hk, file, line);
  const sub = line.args[0];
  const subCheck = sub ? checkSubKeyword(line.keyword.value, sub.value, hk.version) : undefined;
  if (sub && subCheck && !subCheck.known) {
    ctx.report({
      file,
      range: sub.range,
      message: subCheck.since
        ? `'${line.keyword.value} ${sub.value}' needs HAProxy ${subCheck.since} or newer; HAProxy ${hk.version} accepts only ${subCheck.valid.map((v) => `'${v}'`).join(", ")}`
        : `'${line.keyword.value}' expects ${subCheck.valid.map((v) => `'${v}'`).join(", ")}, not '${sub.value}'; HAProxy refuses it`,
    });
  }
  for (const { word, forLog } of addressWords(line)) {
    for (const address of word.value.split(",")) {
      const p = checkAddressPrefix(address, hk.version, forLog);
      if (!p || p.known) continue;
      ctx.report({
        file,
        range: word.range,
        message: p.since
          ? `address prefix '${p.prefix}' needs HAProxy ${p.since} or newer; HAProxy ${hk.version} refuses '${address}'`
          : `unknown address prefix '${p.prefix}' in '${address}'; HAProxy refuses it`,
      });
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
    ctx.report({
      file,
      range: word.range,
      message: other
        ? `'${name}' is not a ${kind} option of HAProxy ${hk.version} (it exists in ${other.versions.join(", ")}); HAProxy ${hk.version} refuses to start with it`
        : `unknown ${kind} option '${name}' on this ${line.keyword.value} line; HAProxy refuses to start with it${suggestion ? `. Did you mean '${suggestion}'?` : ""}`,
      fixes:
        suggestion && !swallows
          ? [
              {
                description: `Replace '${name}' with '${suggestion}'`,
                safe: true,
                edits: [{ file, range: word.range, newText: suggestion }],
              },
            ]
          : undefined,
    });
  }
  for (const s of sampleNames(line)) {
    if (s.error) {
      ctx.report({
        file,
        range: rangeInWord(s.word, s.offset, 1),
        message: `${s.error} in sample expression '${s.word.value}'; HAProxy refuses to start with it`,
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
    ctx.report({
      file,
      range: rangeInWord(s.word, s.offset, name.length),
      message: other
        ? `${what} '${name}' does not exist in HAProxy ${hk.version} (it exists in ${other.versions.join(", ")}); HAProxy ${hk.version} refuses to start with it`
        : `unknown ${what} '${name}'; HAProxy refuses to start with it${suggestion ? `. Did you mean '${suggestion}'?` : ""}`,
    });
  }
}

export default defineRule({
  id: "HP017",
  name: "unknown-haproxy-keyword",
  severity: "error",
  scope: "haproxy",
  docs: {
    summary:
      "A keyword HAProxy does not know: section keywords, options, bind and server options, sample fetches and converters.",
    description:
      "Checks the keyword of every line (multi-word keywords such as `timeout client`, `option httpchk`, `stats auth` included, with `no`/`default` prefixes) against the keywords of the target HAProxy version, generated from the configuration manual's keyword matrix and the keyword lists of the sources and of `haproxy -dKall`. Also checks the action of every rule (`http-request`, `http-response`, `http-after-response`, `tcp-request connection|session|content`, `tcp-response content`, `http-check`, `tcp-check`), the options of `bind`, `server`, `default-server` and `server-template` lines, and the fetch and converter names of sample expressions (`%[...]` in log formats, ACL criteria, anonymous `{ ... }` ACLs, `set-var()` expressions). Suggests the closest keyword, and says when a keyword exists only in other versions.",
    why: "HAProxy rejects the whole configuration on an unknown keyword: `haproxy -c` fails and a reload keeps running the old configuration, or a fresh start brings up no load balancer. Keywords also appear and disappear between versions (2.6 has no `option forwarded`; 3.x no longer has `option transparent`), so a config that works on one node fails on a node with another version.",
    sources: [
      "HAProxy configuration manual section 4.1 (proxy keywords matrix) and section 3 (global parameters)",
      "HAProxy src/cfgparse.c, src/cfgparse-listen.c 'unknown keyword'",
    ],
    bad: "defaults\n    timout client 30s\n",
    good: "defaults\n    timeout client 30s\n",
    realTool:
      "haproxy -c reports \"unknown keyword 'x' in 'y' section; did you mean 'z' maybe ?\" as a fatal error (rc 1).",
    reportedBy: "haproxy -c",
    versions: "Checked against the keywords of the configured HAProxy version (2.6, 2.8, 3.0, 3.2 or 3.4).",
  },
  check(ctx) {
    const hk = ctx.haproxyKeywords;
    for (const doc of ctx.haproxy) {
      for (const line of doc.outside) {
        ctx.report({
          file: doc.file,
          range: line.keyword.range,
          message: `'${line.keyword.value}' appears before any section; a haproxy.cfg must start with a section keyword (global, defaults, frontend, backend, listen, ...)`,
        });
      }
      for (const section of doc.sections) {
        if (hk.keywordsOf(section.kind).length === 0) continue;
        for (const line of section.lines) {
          const words = [line.keyword.value, ...line.args.map((a) => a.value)];
          if (hk.match(section.kind, words)) {
            checkArguments(ctx, hk, doc.file, section, line);
            continue;
          }
          if (hk.sectionsAccepting(words).length > 0) continue; // HP016: valid keyword, wrong section
          const other = hk.matchAnyVersion(section.kind, words);
          const label = other ? other.spec.name : words[0];
          if (other) {
            ctx.report({
              file: doc.file,
              range: line.keyword.range,
              message: `'${other.spec.name}' is not a keyword of HAProxy ${hk.version} in '${section.kind}' sections (it exists in ${other.spec.versions.join(", ")}); HAProxy ${hk.version} refuses to start with it`,
            });
            continue;
          }
          const suggestion = hk.suggest(section.kind, words);
          const isOption = words[0] === "option" || (words[0] === "no" && words[1] === "option");
          // `timeout clinet`, `http-check expep-check`: a known first word with an unknown second one.
          const family = isOption ? [] : hk.keywordsOf(section.kind).filter((k) => k.name.startsWith(`${words[0]} `));
          const second = family.length > 0 ? line.args[0] : undefined;
          if (family.length > 0 && !second) {
            const subs = [...new Set(family.map((k) => k.name.split(" ")[1]))].sort();
            ctx.report({
              file: doc.file,
              range: line.keyword.range,
              message: `'${words[0]}' is incomplete in '${section.kind}' section: it takes one of ${subs.slice(0, 8).join(", ")}${subs.length > 8 ? ", ..." : ""}; HAProxy refuses to start with it`,
            });
            continue;
          }
          const what = isOption
            ? `unknown option '${words[words[0] === "no" ? 2 : 1] ?? ""}'`
            : `unknown keyword '${second ? `${words[0]} ${words[1]}` : label}'`;
          const end = isOption
            ? (line.args[words[0] === "no" ? 1 : 0] ?? line.keyword).range.end
            : (second ?? line.keyword).range.end;
          const replaced = second ?? line.keyword;
          const newText = second ? suggestion?.split(" ")[1] : suggestion;
          ctx.report({
            file: doc.file,
            range: { start: line.keyword.range.start, end },
            message: `${what} in '${section.kind}' section; HAProxy refuses to start with it${suggestion ? `. Did you mean '${suggestion}'?` : ""}`,
            fixes:
              suggestion && newText && !isOption && suggestion.split(" ").length === (second ? 2 : 1)
                ? [
                    {
                      description: `Replace '${replaced.value}' with '${newText}'`,
                      safe: true,
                      edits: [{ file: doc.file, range: replaced.range, newText }],
                    },
                  ]
                : undefined,
          });
        }
      }
    }
  },
  cases: {
    valid: [
      {
        name: "typical configuration",
        files: {
          "haproxy.cfg":
            "global\n    maxconn 4096\n    log /dev/log local0\ndefaults\n    mode http\n    timeout client 30s\n    timeout server 30s\n    timeout connect 5s\n    option httplog\n    no option http-server-close\nfrontend fe\n    bind 192.0.2.10:80\n    default_backend be\nbackend be\n    balance roundrobin\n    option httpchk GET /health\n    server s1 198.51.100.1:80 check\n",
        },
      },
    ],
    invalid: [
      {
        name: "typo",
        files: { "haproxy.cfg": "defaults\n    timout client 30s\n" },
        realTool: "unknown keyword 'timout'",
        expect: [{ line: 2, message: "Did you mean" }],
      },
      {
        name: "unknown option",
        files: { "haproxy.cfg": "backend b\n    option httpchck\n" },
        expect: [{ line: 2, message: "unknown option 'httpchck'" }],
      },
      {
        name: "line before any section",
        files: { "haproxy.cfg": "maxconn 100\nglobal\n" },
        expect: [{ line: 1, message: "before any section" }],
      },
      {
        name: "unknown server option",
        files: { "haproxy.cfg": "backend b\n    server s 192.0.2.1:80 chek inter 2s\n" },
        expect: [{ line: 2, message: "Did you mean 'check'" }],
      },
      {
        // 'weight' takes a value: renaming 'wieght' before 'check' would make 'check' the weight, so no fix there.
        name: "did-you-mean into an option that takes a value",
        files: {
          "haproxy.cfg":
            "backend b\n    server s1 192.0.2.1:80 wieght check\n    server s2 192.0.2.2:80 wieght 10 check\n",
        },
        expect: [
          { line: 2, message: "Did you mean 'weight'" },
          { line: 3, message: "Did you mean 'weight'" },
          { line: 3, message: "unknown server option '10'" },
        ],
        fixed: {
          "haproxy.cfg":
            "backend b\n    server s1 192.0.2.1:80 wieght check\n    server s2 192.0.2.2:80 weight 10 check\n",
        },
      },
      {
        name: "unknown bind option",
        files: { "haproxy.cfg": "frontend f\n    bind :8443 no-alpn\n" },
        expect: [{ line: 2, message: "'no-alpn' is not a bind option of HAProxy 2.6" }],
      },
      {
        name: "unknown fetch in a log format",
        files: { "haproxy.cfg": "frontend f\n    bind :80\n    http-request set-header X %[req.hdr(host),lowr]\n" },
        expect: [{ line: 3, message: "converter 'lowr'" }],
      },
      {
        name: "unknown fetch in an ACL",
        files: { "haproxy.cfg": "frontend f\n    bind :80\n    acl a req.cook_names -m found\n" },
        expect: [{ line: 3, message: "fetch method 'req.cook_names'" }],
      },
      {
        name: "unknown action",
        files: { "haproxy.cfg": "frontend f\n    bind :80\n    http-request set-heder X-A b\n" },
        realTool: "expects",
        expect: [{ line: 3, message: "Did you mean 'set-header'" }],
      },
      {
        name: "action of a newer version",
        files: { "haproxy.cfg": "frontend f\n    bind :80\n    tcp-request session attach-srv be/s\n" },
        expect: [{ line: 3, message: "needs HAProxy 3.0" }],
      },
      {
        name: "compression sub-keyword of a newer version",
        files: { "haproxy.cfg": "backend b\n    compression direction both\n" },
        expect: [{ line: 2, message: "needs HAProxy 2.8" }],
      },
      {
        name: "address prefix of a newer version",
        files: { "haproxy.cfg": "frontend f\n    bind mptcp@[::]:5000\n" },
        expect: [{ line: 2, message: "needs HAProxy 3.2" }],
      },
      {
        name: "keyword of a newer version",
        files: { "haproxy.cfg": "backend b\n    server s 192.0.2.1:80\n    option forwarded\n" },
        expect: [{ line: 3, message: "not a keyword of HAProxy 2.6" }],
      },
    ],
  },
});
