/** Every lexical feature of haproxy.cfg, each with the positions the tree must keep. */
import { haproxyWord } from "../../server/src/syntax/haproxy/write-word.js";
import { describe, expect, test } from "vitest";
import { haproxyKeywords } from "../../server/src/schema/haproxy-keywords.js";
import { parseHaproxy, type HaproxyParseOptions } from "../../server/src/syntax/haproxy/parse.js";
import type { HaproxyDocument, HpLine, HpWord } from "../../server/src/syntax/haproxy/tree.js";

const parse = (text: string, options: HaproxyParseOptions = {}): HaproxyDocument =>
  parseHaproxy("/etc/haproxy/haproxy.cfg", text, options);
const at = (w: { range: HpWord["range"] }): string =>
  `${w.range.start.line}:${w.range.start.character}-${w.range.end.character}`;
const lineOf = (doc: HaproxyDocument, keyword: string): HpLine =>
  doc.sections.flatMap((s) => s.lines).find((l) => l.keyword.value === keyword)!;

describe("sections", () => {
  test("every 2.6 section keyword opens a section; names keep their range", () => {
    const names = [
      "global",
      "defaults",
      "frontend",
      "backend",
      "listen",
      "userlist",
      "peers",
      "mailers",
      "resolvers",
      "program",
      "http-errors",
      "ring",
      "cache",
      "fcgi-app",
      "log-forward",
    ];
    const doc = parse(
      names.map((n) => `${n} ${n === "global" ? "" : `n_${n.replace("-", "_")}`}\n    description x`).join("\n") + "\n",
    );
    expect(doc.sections.map((s) => s.kind)).toEqual(names);
    expect(doc.sections.every((s) => s.lines.length === 1)).toBe(true);
    expect(at(doc.sections[2].name!)).toBe("4:9-19");
  });

  test("3.x sections (crt-store, traces, log-profile, acme) exist only from their version", () => {
    const text = "global\ncrt-store web\n    crt-base /etc/ssl\ntraces\nlog-profile p\nacme le\n";
    const v34 = haproxyKeywords("3.4");
    const newer = parse(text, { version: "3.4", sectionKeywords: v34.sectionNames });
    expect(newer.sections.map((s) => s.kind)).toEqual(["global", "crt-store", "traces", "log-profile", "acme"]);
    const older = parse(text, { version: "2.6", sectionKeywords: haproxyKeywords("2.6").sectionNames });
    // HAProxy 2.6 reads them as keywords of the global section.
    expect(older.sections.map((s) => s.kind)).toEqual(["global"]);
    expect(older.sections[0].lines.map((l) => l.keyword.value)).toEqual([
      "crt-store",
      "crt-base",
      "traces",
      "log-profile",
      "acme",
    ]);
  });

  test("named defaults and 'from'", () => {
    const doc = parse("defaults tcpdef\n    mode tcp\nfrontend f from tcpdef\n    bind :5000\n");
    expect(doc.sections[0].name?.value).toBe("tcpdef");
    const header = doc.sections[1].header;
    expect(header.args.map((a) => a.value)).toEqual(["f", "from", "tcpdef"]);
    expect(at(header.args[2])).toBe("2:16-22");
  });

  test("a file must start with a section: earlier lines are kept apart", () => {
    const doc = parse("maxconn 100\nglobal\n    maxconn 200\n");
    expect(doc.outside.map((l) => l.keyword.value)).toEqual(["maxconn"]);
    expect(doc.sections[0].lines.map((l) => l.args[0].value)).toEqual(["200"]);
  });
});

describe("words and quoting", () => {
  test("keyword lines with arguments, ranges per word", () => {
    const doc = parse("backend app\n    server s1 192.0.2.1:80 check inter 2s\n");
    const l = lineOf(doc, "server");
    expect(l.args.map((a) => a.value)).toEqual(["s1", "192.0.2.1:80", "check", "inter", "2s"]);
    expect(at(l.keyword)).toBe("1:4-10");
    expect(at(l.args[1])).toBe("1:14-26");
    expect(l.range).toEqual({ start: { line: 1, character: 4 }, end: { line: 1, character: 41 } });
  });

  test("weak double quotes and strong single quotes", () => {
    const doc = parse(
      "backend b\n    http-request set-header X-A \"a b # not a comment\"\n    http-request set-header X-B 'it \\x41 $HOME'\n    http-request set-header X-C pre\"mid dle\"'post'\n",
    );
    const lines = doc.sections[0].lines;
    expect(lines[0].args[2].value).toBe("a b # not a comment");
    expect(at(lines[0].args[2])).toBe("1:32-53");
    expect(lines[1].args[2].value).toBe("it \\x41 $HOME");
    expect(lines[2].args[2].value).toBe("premid dlepost");
    expect(lines[2].args[2].quoted).toBe(true);
  });

  test("backslash escapes", () => {
    const doc = parse("backend b\n    http-request set-header X a\\ b\\#c\\\\d\\x41\\t\\\"e\\'\n");
    const w = lineOf(doc, "http-request").args[2];
    expect(w.value).toBe("a b#c\\dA\t\"e'");
    expect(at(w)).toBe("1:30-51");
  });

  test("comments anywhere outside quotes, kept with their range", () => {
    const doc = parse("global # main\n    maxconn 10# inline\n# whole line\n");
    expect(doc.sections[0].lines[0].args.map((a) => a.value)).toEqual(["10"]);
    expect(doc.comments.map((c) => [c.text, c.range.start.line, c.range.start.character])).toEqual([
      ["# main", 0, 7],
      ["# inline", 1, 14],
      ["# whole line", 2, 0],
    ]);
    expect(doc.sections[0].lines[0].comment?.text).toBe("# inline");
  });

  test('environment variables: $VAR, ${VAR}, ${VAR-default}, "${VAR[*]}"; only inside double quotes', () => {
    const doc = parse(
      'frontend f\n    bind "${VIP}:80"\n    bind "${VIP2-192.0.2.9}:81"\n    bind ${VIP}:82\n    http-request set-var(txn.x) str("$HOME")\n    server-state-file "${ARGS[*]}"\n',
      { env: { HOME: "/root" } },
    );
    const binds = doc.sections[0].lines.filter((l) => l.keyword.value === "bind");
    expect(binds[0].args[0].value).toBe("${VIP}:80");
    expect(binds[0].args[0].env.map((e) => [e.name, e.inQuotes, e.start, e.end])).toEqual([["VIP", true, 1, 7]]);
    expect(binds[1].args[0].value).toBe("192.0.2.9:81");
    expect(binds[1].args[0].env[0].defaultValue).toBe("192.0.2.9");
    // Outside quotes the line parser leaves ${VIP} as written (addresses expand it later).
    expect(binds[2].args[0].value).toBe("${VIP}:82");
    expect(binds[2].args[0].env[0].inQuotes).toBe(false);
    expect(lineOf(doc, "http-request").args[1].value).toBe("str(/root)");
    expect(lineOf(doc, "server-state-file").args[0].env[0].wordExpand).toBe(true);
  });

  test("values written back by fixes read back as the same single word", () => {
    for (const value of ["be1", "be1 ", "a b", 'say "hi"', "c:\\dir", "$HOME", "${X}", "#tag", "it's"]) {
      const doc = parse(`frontend f\n    use_backend ${haproxyWord(value)}\n`);
      expect(doc.issues, value).toEqual([]);
      expect(
        doc.sections[0].lines[0].args.map((a) => a.value),
        value,
      ).toEqual([value]);
    }
  });

  test("a ${VAR-default} default runs to the next '}', quotes and blanks included (haproxy -c accepts it)", () => {
    const doc = parse('backend b\n    server s1 192.0.2.1:80 weight "${NOPE-1 "2}" check\n');
    const server = doc.sections[0].lines[0];
    expect(doc.issues).toEqual([]);
    expect(server.args.map((a) => a.value)).toEqual(["s1", "192.0.2.1:80", "weight", '1 "2', "check"]);
  });

  test("invalid escapes, variable names and quotes are reported at their position", () => {
    const doc = parse(
      'backend b\n    http-request set-header X a\\xZ1\n    http-request set-header Y "cost $5"\n    http-request set-header Z "open\n',
    );
    expect(doc.issues.map((i) => [i.range.start.line, i.range.start.character, i.code])).toEqual([
      [1, 31, "hex-escape"],
      [2, 36, "dollar-without-name"],
      [3, 30, "unmatched-quote"],
    ]);
  });
});

describe("conditional blocks and messages", () => {
  const text =
    'global\n.if version_atleast(2.8)\n    new-kw 1\n.elif feature(OPENSSL) && !defined(NOPE)\n    ssl-kw 2\n.else\n    other 3\n.endif\n.if streq("$MODE",prod) || (1 && 0)\n    prod 4\n.endif\n.diag "x"\n.notice "y"\n.warning "z"\n';
  test(".if/.elif/.else/.endif are evaluated for the target version, build and environment", () => {
    const doc = parse(text);
    expect(doc.sections[0].lines.map((l) => l.keyword.value)).toEqual(["ssl-kw"]);
    expect(doc.inactive.map((r) => r.start.line)).toEqual([2, 6, 9]);
    expect(doc.directives.map((d) => [d.kind, d.taken])).toEqual([
      [".if", false],
      [".elif", true],
      [".else", undefined],
      [".endif", undefined],
      [".if", false],
      [".endif", undefined],
      [".diag", undefined],
      [".notice", undefined],
      [".warning", undefined],
    ]);
    expect(parse(text, { version: "3.0" }).sections[0].lines.map((l) => l.keyword.value)).toEqual(["new-kw"]);
    expect(parse(text, { env: { MODE: "prod" } }).sections[0].lines.map((l) => l.keyword.value)).toEqual([
      "ssl-kw",
      "prod",
    ]);
    expect(parse(text).issues).toEqual([]);
  });

  test(".alert in a taken branch, unbalanced and unparsable conditions are errors", () => {
    // haproxy 2.6.12 -c: a taken .alert, a lone .elif/.else, an unparsable condition stop the reading (goto err); a
    // lone .endif and an unknown directive stop it too (break), then the end-of-file checks run.
    expect(parse('global\n.alert "stop"\n.endif\n').issues.map((i) => [i.range.start.line, i.code])).toEqual([
      [1, "alert"],
    ]);
    const endif = parse("global\n.if 1\n.endif\n.endif\n    bogus 1\n");
    expect(endif.issues.map((i) => [i.range.start.line, i.code])).toEqual([[3, "lone-endif"]]);
    expect(endif.unreadAfter).toBe(3);
    expect(parse("global\n.if bogus(1)\n.endif\n").issues.map((i) => [i.range.start.line, i.code])).toEqual([
      [1, "if-condition"],
    ]);
    expect(parse("global\n.else\n").issues.map((i) => i.code)).toEqual(["lone-else"]);
    expect(parse("global\n.foo\n    maxconn 1\n").sections[0].lines).toEqual([]);
    // An open .if is reported on the last line HAProxy read ('non-terminated '.if' block').
    const open = parse("global\n.if 1\n    maxconn 10\n\n");
    expect(open.issues.map((i) => [i.range.start.line, i.code])).toEqual([[3, "unterminated-if"]]);
    // Extra words after a message: an error, and the reading goes on.
    const extra = parse('global\n.warning "a" b\n    maxconn 10\n');
    expect(extra.issues.map((i) => i.code)).toEqual(["message-argument"]);
    expect(extra.sections[0].lines.map((l) => l.keyword.value)).toEqual(["maxconn"]);
  });
});

describe("robustness", () => {
  test("CRLF, mixed line ends, a BOM and NUL bytes, read as haproxy 2.6.12 reads them", () => {
    // haproxy -c on this text: "unknown keyword '\ufeffglobal' out of section" (the BOM is part of the word), the
    // text after a lone CR is never read, and a NUL ends its line's text; nothing follows it, so "Missing LF".
    const doc = parse("\ufeffglobal\r\n    maxconn 10\r    nbthread 2\n    description a\u0000b\n");
    expect(doc.sections).toEqual([]);
    expect(doc.outside.map((l) => [l.keyword.value, l.args[0]?.value, l.range.start.line])).toEqual([
      ["\ufeffglobal", undefined, 0],
      ["maxconn", "10", 1],
      ["description", "a", 3],
    ]);
    expect(doc.issues.map((i) => i.code)).toEqual(["byte-order-mark"]);
    expect(doc.missingFinalNewline).toEqual({
      range: doc.missingFinalNewline!.range,
      line: 3,
      position: 18,
      nul: true,
    });
    const crlf = parse("global\r\n    maxconn 10\r\nfrontend f\r\n    bind :80\r\n");
    expect(crlf.sections.map((s) => [s.kind, s.lines.map((l) => l.args[0].value)])).toEqual([
      ["global", ["10"]],
      ["frontend", [":80"]],
    ]);
    expect(crlf.issues).toEqual([]);
    expect(crlf.missingFinalNewline).toBeUndefined();
  });

  test("a NUL byte with more lines after it stops the reading ('Stray NUL character')", () => {
    const doc = parse("global\n    maxconn 10\n    description a\u0000b\n    bogus 1\n");
    expect(doc.sections[0].lines.map((l) => [l.keyword.value, l.args[0].value])).toEqual([
      ["maxconn", "10"],
      ["description", "a"],
    ]);
    expect(doc.issues.map((i) => [i.range.start.line, i.code, i.data])).toEqual([[2, "stray-nul", { position: 18 }]]);
  });

  test("a last line without LF", () => {
    const doc = parse("global\n    maxconn 10");
    expect(doc.sections[0].lines.map((l) => l.args[0].value)).toEqual(["10"]);
    expect(doc.missingFinalNewline).toEqual({
      range: { start: { line: 1, character: 0 }, end: { line: 1, character: 14 } },
      line: 2,
      position: 15,
    });
  });
});
