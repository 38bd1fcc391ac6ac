import type { HpSection } from "../../syntax/haproxy/tree.js";
import { defineRule } from "../rule.js";

/** Sections whose parser refuses a name with characters other than letters, digits, '.', '_', '-' and ':'. */
const CHECKED_NAMES = new Set([
  "frontend",
  "backend",
  "listen",
  "userlist",
  "peers",
  "resolvers",
  "mailers",
  "ring",
  "http-errors",
  "fcgi-app",
  "log-forward",
  "log-profile",
]);

/** invalid_char() of src/tools.c: what may stand in a name. */
const NAME_CHARS = /[^A-Za-z0-9._:-]/;

export default defineRule({
  id: "HP023",
  name: "haproxy-syntax-error",
  severity: "error",
  scope: "haproxy",
  docs: {
    summary: "haproxy.cfg text HAProxy's reader and section parser refuse.",
    description:
      "Reports what HAProxy refuses while it reads the lines: an unmatched single or double quote, an invalid `\\x` " +
      "escape, a `$` inside double quotes that is not followed by a variable name, an unmatched `${`, a NUL byte, a " +
      "UTF-8 byte order mark, unknown `.` directives, `.if`/`.elif`/`.else`/`.endif` that do not pair up or whose " +
      "condition does not parse, extra words after a directive, an `.alert` in a branch that is taken; then what " +
      "the section lines get wrong: a frontend, backend or listen without a name, characters HAProxy refuses in a " +
      "section name or in the name after `from`, a `from` that names no defaults section written before, and words " +
      "after the name of a frontend, backend or listen line other than `from NAME` (an address there is the pre-1.5 " +
      "syntax): HAProxy then creates no proxy and refuses every line of that section. A `${VAR-default}` written " +
      "outside double quotes in a bind or server address is reported too (the address parser knows no `-default`).",
    why:
      "Each of these makes `haproxy -c` fail and HAProxy refuse to start or reload, so a reload in production keeps " +
      "the old configuration or, on a fresh start, there is no load balancer at all. Several of them (a missing name, " +
      "an unknown `from`, a bad `.if`, an unknown directive, a NUL byte) even stop HAProxy from reading the rest of " +
      "the file, so the errors after them only show up once they are fixed.",
    sources: [
      "HAProxy 2.6.12 src/tools.c parse_line() (PARSE_ERR_QUOTE, PARSE_ERR_HEX, PARSE_ERR_VARNAME, PARSE_ERR_BRACE, " +
        "PARSE_ERR_WRONG_EXPAND)",
      "HAProxy 2.6.12 src/cfgparse.c readcfgfile() (fgets() lines, 'Stray NUL character', directives " +
        ".if/.elif/.else/.endif/.diag/.notice/.warning/.alert, 'unknown directive', 'non-terminated '.if' block')",
      "HAProxy 2.6.12 src/cfgparse-listen.c cfg_parse_listen() ('expects an <id> argument', invalid_char(), 'please " +
        "use the 'bind' keyword for listening addresses', 'defaults section '%s' not found', ''listen' or 'defaults' " +
        "expected')",
      "HAProxy 2.6.12 src/tools.c str2sa_range() -> env_expand() (no '-default' form in addresses)",
    ],
    bad: 'backend app\n    http-request set-header X-Env "prod\n',
    good: 'backend app\n    http-request set-header X-Env "prod"\n',
    realTool:
      "haproxy -c reports each of them as an ALERT and exits 1; after a missing name, an unknown 'from', a bad " +
      "'.if' or '.elif', a lone '.else' or '.endif', an unknown directive, a taken '.alert' or a NUL byte it reads " +
      "no further. On a backend line with words after the name, 2.6.12 and 3.0.11 print nothing there (only " +
      "'listen' or 'defaults' expected on each later line, unless 'from X' is followed by more words: 'cannot " +
      "handle unexpected argument'), while 3.2.26 names the first such word ('backend' cannot handle unexpected " +
      "argument); the v3.2.0 cfg_parse_listen() has no such check, so a later 3.2 release added it and ha-lint " +
      "applies it from 3.2 on.",
    reportedBy: "haproxy -c",
  },
  messages: {
    reader: (data: { message: string }) => data.message,
    defaultOutsideQuotes: (data: { reference: string; text: string }) =>
      `'${data.reference}' outside double quotes: HAProxy expands variables in addresses but knows the '-default' ` +
      `form only inside double quotes, so the rest of it stays in the address and HAProxy refuses it; write ` +
      `"${data.text}" in double quotes`,
    invalidName: (data: { char: string; kind: string; name: string }) =>
      `character '${data.char}' is not allowed in the ${data.kind} name '${data.name}' (letters, digits, '.', '_', ` +
      `'-' and ':' only); HAProxy refuses it`,
    invalidFromName: (data: { char: string; name: string }) =>
      `character '${data.char}' is not allowed in the defaults section name '${data.name}' that 'from' designates; ` +
      `HAProxy refuses it`,
    ambiguousFrom: (data: { name: string; lines: string }) =>
      `'from ${data.name}': there are several defaults sections named '${data.name}' before this line (lines ` +
      `${data.lines}); HAProxy refuses the ambiguous reference`,
    addressAfterName: (data: { kind: string; name: string; words: string }) =>
      `'${data.kind} ${data.name} ${data.words}': only 'from <defaults>' may follow the name; HAProxy refuses the ` +
      `line ('please use the 'bind' keyword for listening addresses'), creates no ${data.kind} and refuses every ` +
      `line of the section; declare the address with 'bind ${data.words}' inside the section`,
    wordsAfterName: (data: { kind: string; name: string; words: string }) =>
      `'${data.kind} ${data.name} ${data.words}': only 'from <defaults>' may follow the name; HAProxy refuses the ` +
      `line, creates no ${data.kind} and refuses every line of the section; keep only the name and 'from <defaults>'`,
    backendUnexpectedArgument: (data: { name: string; word: string }) =>
      `'backend ${data.name}': only 'from <defaults>' may follow the name, and HAProxy refuses the line ('backend' ` +
      `cannot handle unexpected argument '${data.word}'), creates no backend and refuses every line of the section; ` +
      `keep only the name and 'from <defaults>'`,
    lineOfUncreatedSection: (data: { kind: string; name: string; line: number }) =>
      `HAProxy created no ${data.kind} '${data.name}' (its section line, line ${data.line}, has words after the name ` +
      `other than 'from <defaults>'), so it refuses this line ('listen' or 'defaults' expected)`,
  },
  check(ctx) {
    const seen = new Set<string>();
    for (const doc of ctx.haproxy) {
      for (const issue of doc.issues) {
        if (issue.kind !== "syntax-error") continue;
        const key = `${issue.file}:${issue.range.start.line}:${issue.range.start.character}:${issue.message}`;
        if (seen.has(key)) continue;
        seen.add(key);
        ctx.report({ file: issue.file, range: issue.range, messageId: "reader", data: { message: issue.message } });
      }
      const defaultsSeen: HpSection[] = [];
      for (const section of doc.sections) {
        checkSectionLine(section, defaultsSeen, ctx.settings.haproxyVersion, (report) =>
          ctx.report({ file: doc.file, ...report }),
        );
        if (section.kind === "defaults") defaultsSeen.push(section);
        for (const line of section.lines) {
          const kw = line.keyword.value;
          const address = kw === "bind" ? line.args[0] : kw === "server" ? line.args[1] : undefined;
          const ref = address?.env.find((e) => !e.inQuotes && e.defaultValue !== undefined);
          if (address && ref) {
            const data = { reference: `\${${ref.name}-${ref.defaultValue}}`, text: address.text };
            ctx.report({ file: doc.file, range: address.range, messageId: "defaultOutsideQuotes", data });
          }
        }
      }
    }
  },
});

type SectionReport =
  | { range: HpSection["range"]; messageId: "invalidName"; data: { char: string; kind: string; name: string } }
  | { range: HpSection["range"]; messageId: "invalidFromName"; data: { char: string; name: string } }
  | { range: HpSection["range"]; messageId: "ambiguousFrom"; data: { name: string; lines: string } }
  | {
      range: HpSection["range"];
      messageId: "addressAfterName" | "wordsAfterName";
      data: { kind: string; name: string; words: string };
    }
  | { range: HpSection["range"]; messageId: "backendUnexpectedArgument"; data: { name: string; word: string } }
  | {
      range: HpSection["range"];
      messageId: "lineOfUncreatedSection";
      data: { kind: string; name: string; line: number };
    };

function atLeast(version: string, major: number, minor: number): boolean {
  const [x, y] = version.split(".").map(Number);
  return x > major || (x === major && y >= minor);
}

function checkSectionLine(
  section: HpSection,
  defaultsSeen: HpSection[],
  version: string,
  report: (r: SectionReport) => void,
): void {
  const name = section.name;
  if (name && CHECKED_NAMES.has(section.kind)) {
    const bad = NAME_CHARS.exec(name.value);
    if (bad)
      report({
        range: name.range,
        messageId: "invalidName",
        data: { char: bad[0], kind: section.kind, name: name.value },
      });
  }
  const from = section.from;
  if (from && !section.notCreated) {
    const bad = NAME_CHARS.exec(from.value);
    if (bad) report({ range: from.range, messageId: "invalidFromName", data: { char: bad[0], name: from.value } });
    const named = defaultsSeen.filter((d) => d.name?.value === from.value);
    if (named.length > 1) {
      const lines = named.map((d) => String(d.header.range.start.line + 1)).join(", ");
      report({ range: from.range, messageId: "ambiguousFrom", data: { name: from.value, lines } });
    }
  }
  if (!section.notCreated) return;
  const kind = section.kind;
  const proxyName = name?.value ?? "";
  if (kind === "backend") {
    // cfg_parse_listen(): 'from X' followed by more words fails alertif_too_many_args(3) in every version; other words
    // after the name give a backend line no message of its own up to 3.0 (HAProxy creates nothing and refuses the
    // lines that follow), while 3.2.26 names the first of them ('backend' cannot handle unexpected argument).
    const words = section.header.args.map((w) => w.value);
    const tooMany = words[1] === "from" && words.length > 3;
    if (tooMany || atLeast(version, 3, 2))
      report({
        range: section.header.range,
        messageId: "backendUnexpectedArgument",
        data: { name: proxyName, word: tooMany ? words[3] : words[1] },
      });
  } else {
    const words = section.header.args
      .slice(1)
      .map((w) => w.value)
      .join(" ");
    const address = /[:*]|^\d/.test(section.header.args[1].value);
    report({
      range: section.header.range,
      messageId: address ? "addressAfterName" : "wordsAfterName",
      data: { kind, name: proxyName, words },
    });
  }
  for (const line of section.lines)
    report({
      range: line.range,
      messageId: "lineOfUncreatedSection",
      data: { kind, name: proxyName, line: section.header.range.start.line + 1 },
    });
}
