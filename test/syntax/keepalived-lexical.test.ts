/** Every lexical feature of keepalived.conf, each with the positions the tree must keep. */
import { describe, expect, test } from "vitest";
import { parseKeepalived } from "../../server/src/syntax/keepalived/parse.js";
import { parseScriptLine } from "../../server/src/syntax/keepalived/script-words.js";
import type { KaStatement, KaWord, KeepalivedDocument } from "../../server/src/syntax/keepalived/tree.js";
import { walkStatements } from "../../server/src/syntax/keepalived/tree.js";
import { virtualHost } from "../support/virtual-host.js";

const parse = (text: string, configId?: string): KeepalivedDocument =>
  parseKeepalived("/etc/keepalived/keepalived.conf", text, undefined, { configId });

/** `line:start-end` of a word, 0-based line and characters. */
const at = (w: KaWord): string =>
  `${w.range.start.line}:${w.range.start.character}-${w.range.end.line === w.range.start.line ? "" : `${w.range.end.line}:`}${w.range.end.character}`;

function find(doc: KeepalivedDocument, keyword: string): KaStatement[] {
  return [...walkStatements(doc.statements)].map((s) => s.statement).filter((s) => s.keyword.value === keyword);
}

describe("comments", () => {
  test("'#' and '!' start a comment anywhere outside double quotes", () => {
    const doc = parse("global_defs { # opening\n  router_id lb01 ! trailing\n  notification_email_from a#b\n}\n");
    const [router] = find(doc, "router_id");
    expect(router.args.map((a) => a.value)).toEqual(["lb01"]);
    expect(at(router.args[0])).toBe("1:12-16");
    const [from] = find(doc, "notification_email_from");
    // keepalived cuts `a#b` at the '#'.
    expect(from.args.map((a) => a.value)).toEqual(["a"]);
    expect(doc.issues).toEqual([]);
  });

  test("inside double quotes '#' and '!' are kept", () => {
    const doc = parse('vrrp_instance V {\n  auth_pass "ab#c!d"\n}\n');
    const [pass] = find(doc, "auth_pass");
    expect(pass.args[0].value).toBe("ab#c!d");
    expect(at(pass.args[0])).toBe("1:12-20");
  });

  test("'\\#' and '\\!' outside quotes start a comment in the copy the VRRP and checker processes read", () => {
    // The parent unescapes them in the configuration copy; the children decomment that again (virtual_router_id
    // 5\!1 is read as 5 and interval 2\#x as 2 by keepalived 2.2.7, 2.3.3 and 2.3.4, which print nothing).
    const doc = parse("vrrp_instance V {\n  auth_pass ab\\#cd\n  virtual_router_id 5\\!1\n}\n");
    const [pass] = find(doc, "auth_pass");
    expect(pass.args[0].value).toBe("ab");
    expect(at(pass.args[0])).toBe("1:12-14");
    expect(find(doc, "virtual_router_id")[0].args.map((a) => a.value)).toEqual(["5"]);
  });

  test("inside double quotes '\\#' stays as written", () => {
    const doc = parse('vrrp_instance V {\n  auth_pass "ab\\#cd"\n}\n');
    const [pass] = find(doc, "auth_pass");
    expect(pass.args[0].value).toBe("ab\\#cd");
  });
});

describe("quotes", () => {
  test("double quotes group words and are removed from the value", () => {
    const doc = parse('vrrp_instance V {\n  auth_pass "abc def" tail\n}\n');
    const [pass] = find(doc, "auth_pass");
    expect(pass.args.map((a) => a.value)).toEqual(["abc def", "tail"]);
    expect(pass.args[0].quoted).toBe(true);
    expect(pass.args[0].text).toBe('"abc def"');
    expect(at(pass.args[0])).toBe("1:12-21");
    expect(at(pass.args[1])).toBe("1:22-26");
  });

  test("single quotes are literal in ordinary values", () => {
    const doc = parse("vrrp_instance V {\n  auth_pass 'abcdefghij klm'\n}\n");
    const [pass] = find(doc, "auth_pass");
    expect(pass.args.map((a) => a.value)).toEqual(["'abcdefghij", "klm'"]);
    expect(at(pass.args[1])).toBe("1:24-28");
  });

  test("script lines use shell-like quoting and escapes", () => {
    const doc = parse(`vrrp_script chk {\n  script "/bin/sh -c 'pidof haproxy || exit 1'" root\n}\n`);
    const [script] = find(doc, "script");
    const parsed = parseScriptLine(script.line);
    expect(parsed.args).toEqual(["/bin/sh", "-c", "pidof haproxy || exit 1"]);
    expect(parsed.user).toBe("root");
    expect(at(script.args[0])).toBe("1:9-47");
    // Escapes are decoded when the line is split and again when the command is split, so an escaped tab separates words.
    expect(parseScriptLine(String.raw`notify "/x.sh a\tb \x41\101\cA 'q r'"`).args).toEqual([
      "/x.sh",
      "a",
      "b",
      "AA\x01",
      "q r",
    ]);
    // Unquoted, only the first word is the command: the next ones are the user and group.
    expect(parseScriptLine("script killall -0 haproxy")).toEqual({ args: ["killall"], user: "-0", group: "haproxy" });
  });

  test("an unterminated double quote is reported at the quote", () => {
    const doc = parse('global_defs {\n  router_id "lb01\n}\n');
    expect(doc.issues.map((i) => [i.kind, i.range.start.line, i.range.start.character])).toEqual([
      ["syntax-error", 1, 12],
    ]);
  });
});

describe("blocks", () => {
  test("'{' on the keyword line, on the next line, and inline", () => {
    const doc = parse(
      "vrrp_instance A {\n  state MASTER\n}\nvrrp_instance B\n{\n  state BACKUP\n}\nvrrp_instance C { virtual_ipaddress { 192.0.2.1/24 dev eth0 } }\n",
    );
    expect(doc.statements.map((s) => [s.keyword.value, s.args[0].value, s.block?.statements.length])).toEqual([
      ["vrrp_instance", "A", 1],
      ["vrrp_instance", "B", 1],
      ["vrrp_instance", "C", 1],
    ]);
    const b = doc.statements[1];
    expect(b.block?.open.range.start).toEqual({ line: 4, character: 0 });
    expect(b.block?.close?.range.start).toEqual({ line: 6, character: 0 });
    expect(b.range).toEqual({ start: { line: 3, character: 0 }, end: { line: 6, character: 1 } });
    const vip = doc.statements[2].block!.statements[0].block!.statements[0];
    expect(vip.keyword.value).toBe("192.0.2.1/24");
    expect(vip.args.map((a) => a.value)).toEqual(["dev", "eth0"]);
    expect(at(vip.keyword)).toBe("7:38-50");
    expect(doc.issues).toEqual([]);
  });

  test("a missing '}' is reported at the '{' that stays open; an extra one where it stands", () => {
    const open = parse("vrrp_instance A {\n  state MASTER\n");
    expect(open.issues.map((i) => [i.kind, i.range.start.line, i.range.start.character])).toEqual([
      ["unbalanced-brace", 0, 16],
    ]);
    const extra = parse("global_defs {\n}\n  }\n");
    expect(extra.issues.map((i) => [i.kind, i.range.start.line, i.range.start.character])).toEqual([
      ["unbalanced-brace", 2, 2],
    ]);
  });

  test("a trailing backslash outside a definition stays in the word and is reported", () => {
    const doc = parse("vrrp_instance V {\n  priority \\\n  150\n}\n");
    expect(find(doc, "priority\\").length).toBe(1);
    expect(find(doc, "150").length).toBe(1);
    expect(doc.issues.map((i) => [i.kind, i.range.start.line, i.range.start.character])).toEqual([
      ["trailing-backslash", 1, 11],
    ]);
  });
});

describe("include", () => {
  const files = {
    "/etc/keepalived/keepalived.conf":
      "global_defs {\n  router_id lb01\n}\ninclude conf.d/*.conf\ninclude missing/*.conf\n",
    "/etc/keepalived/conf.d/a.conf": "vrrp_instance A {\n  include ../inner.conf\n}\n",
    "/etc/keepalived/conf.d/b.conf": "include ../keepalived.conf\n",
    "/etc/keepalived/inner.conf": "state MASTER\n",
  };
  const doc = parseKeepalived(
    "/etc/keepalived/keepalived.conf",
    files["/etc/keepalived/keepalived.conf"],
    virtualHost(files),
  );

  test("globs resolve against the including file's directory, recursively", () => {
    expect(doc.files).toEqual([
      "/etc/keepalived/keepalived.conf",
      "/etc/keepalived/conf.d/a.conf",
      "/etc/keepalived/inner.conf",
      "/etc/keepalived/conf.d/b.conf",
    ]);
    const [state] = find(doc, "state");
    expect(state.file).toBe("/etc/keepalived/inner.conf");
    expect(at(state.args[0])).toBe("0:6-12");
    expect(doc.includes.map((i) => [i.pattern, i.matched.length])).toEqual([
      ["conf.d/*.conf", 2],
      ["../inner.conf", 1],
      ["../keepalived.conf", 0],
      ["missing/*.conf", 0],
    ]);
  });

  test("a cycle and a glob matching nothing are reported, never followed", () => {
    // Issues come in reading order of the files (the root first), then by place.
    expect(doc.issues.map((i) => [i.kind, i.file, i.range.start.line, i.range.start.character])).toEqual([
      ["include-no-match", "/etc/keepalived/keepalived.conf", 4, 8],
      ["include-cycle", "/etc/keepalived/conf.d/b.conf", 0, 8],
    ]);
  });

  test("executable includes are skipped like keepalived does", () => {
    const f = { "/k/keepalived.conf": "include x.conf\n", "/k/x.conf": "global_defs {\n}\n" };
    const d = parseKeepalived("/k/keepalived.conf", f["/k/keepalived.conf"], virtualHost(f, ["/k/x.conf"]));
    expect(d.statements).toEqual([]);
    expect(d.issues.map((i) => i.kind)).toEqual(["include-skipped"]);
  });
});

describe("conditional lines", () => {
  const text =
    "vrrp_instance V {\n  @lb01 priority 150\n  @lb02 priority 100\n  @^lb01 state BACKUP\n  unicast_peer {\n    @^lb01 192.0.2.1\n    @^lb02 192.0.2.2\n  }\n}\n";
  test("@ID keeps the line only for that config-id; @^ID for every other one", () => {
    const one = parse(text, "lb01");
    expect(find(one, "priority").map((s) => s.args[0].value)).toEqual(["150"]);
    expect(at(find(one, "priority")[0].keyword)).toBe("1:8-16");
    expect(find(one, "state")).toEqual([]);
    expect(find(one, "unicast_peer")[0].block!.statements.map((s) => s.keyword.value)).toEqual(["192.0.2.2"]);
    const two = parse(text, "lb02");
    expect(find(two, "priority").map((s) => s.args[0].value)).toEqual(["100"]);
    expect(find(two, "state").length).toBe(1);
    expect(two.inactive.map((l) => l.range.start.line)).toEqual([1, 6]);
  });

  test("without a config-id only @^ID lines apply", () => {
    const none = parse(text);
    expect(find(none, "priority")).toEqual([]);
    expect(find(none, "state").length).toBe(1);
  });
});

describe("definitions", () => {
  test("$NAME=VALUE, $NAME and ${NAME} expand; the range is the reference as written", () => {
    const doc = parse("$PRIO=150\n$IF=eth0\nvrrp_instance V {\n  priority $PRIO\n  interface ${IF}\n}\n");
    const [prio] = find(doc, "priority");
    expect(prio.args[0].value).toBe("150");
    expect(prio.args[0].text).toBe("$PRIO");
    expect(prio.args[0].expanded).toBe(true);
    expect(at(prio.args[0])).toBe("3:11-16");
    const [iface] = find(doc, "interface");
    expect(iface.args[0].value).toBe("eth0");
    expect(at(iface.args[0])).toBe("4:12-17");
    expect(doc.definitions.map((d) => [d.name, d.value, d.location.range.start.line])).toEqual([
      ["PRIO", "150", 0],
      ["IF", "eth0", 1],
    ]);
  });

  test("multi-line definitions continue with a trailing backslash and expand to several lines", () => {
    const doc = parse(
      "$VIPS=192.0.2.1/24 \\\n  192.0.2.2/24 \\\n  192.0.2.3/24\nvrrp_instance V {\n  virtual_ipaddress {\n    $VIPS\n  }\n}\n",
    );
    const vips = find(doc, "virtual_ipaddress")[0].block!.statements;
    expect(vips.map((s) => s.keyword.value)).toEqual(["192.0.2.1/24", "192.0.2.2/24", "192.0.2.3/24"]);
    expect(vips.every((s) => s.keyword.range.start.line === 5 && s.keyword.range.start.character === 4)).toBe(true);
    expect(doc.issues).toEqual([]);
  });

  test("definitions combine with @ID, and expand recursively at use", () => {
    const doc = parse("@lb01 $PRIO=200\n@^lb01 $PRIO=100\n$P=${PRIO}\nvrrp_instance V {\n  priority $P\n}\n", "lb01");
    expect(find(doc, "priority")[0].args[0].value).toBe("200");
  });

  test("predefined ${_PWD}, ${_HASH}, ${_BANG}, ${_INSTANCE}, ${_RANDOM}", () => {
    const doc = parse('global_defs {\n  router_id ${_PWD}/x "${_HASH}${_BANG}" ${_RANDOM 5 9} ${_INSTANCE}x\n}\n');
    expect(find(doc, "router_id")[0].args.map((a) => a.value)).toEqual(["/etc/keepalived/x", "#!", "5", "x"]);
    // Unquoted, the expanded '#' starts a comment, since keepalived strips comments again after expansion.
    expect(
      find(parse("global_defs {\n  router_id a ${_HASH} b\n}\n"), "router_id")[0].args.map((a) => a.value),
    ).toEqual(["a"]);
  });

  test("an undefined $NAME is left as written; a self-reference stops at ha-lint's limit", () => {
    const doc = parse("global_defs {\n  router_id $NOPE\n}\n$A=x $A\nglobal_defs {\n  router_id $A\n}\n");
    expect(find(doc, "router_id")[0].args[0].value).toBe("$NOPE");
    expect(doc.issues.some((i) => i.kind === "reader-limit" && i.code === "self-reference")).toBe(true);
  });

  test("a multi-line definition that contains itself is reported once, not expanded without end (keepalived -t hangs on it)", () => {
    const doc = parse("$RS= \\\n  smtp_alert \\\n  $RS \\\n  $RS\n\nglobal_defs {\n  $RS\n}\n");
    expect(doc.issues.filter((i) => i.code === "definition-loop").length).toBeGreaterThan(0);
    expect(doc.issues.length).toBeLessThan(10);
    expect(find(doc, "smtp_alert").length).toBe(1);
  });
});

describe("~SEQ", () => {
  test("past ha-lint's expansion limit the expansion is cut, but the lines after it are still read", () => {
    const text =
      "$BODY= \\\nglobal_defs { \\\n  router_id r${N} \\\n}\n\n~SEQ(N, 1, 50) $BODY\n\nglobal_defs {\n  router_id after\n}\nwill\n";
    const doc = parseKeepalived("/etc/keepalived/keepalived.conf", text, undefined, { limits: { maxLines: 20 } });
    const limits = doc.issues.filter((i) => i.kind === "reader-limit");
    expect(limits.map((i) => [i.range.start.line, i.code, i.data])).toEqual([
      [5, "expansion-limit", { budget: "more than 20 lines after expansion" }],
    ]);
    // The expansion stops at the limit; the statements written after it are there.
    expect(find(doc, "router_id").length).toBeLessThan(50);
    expect(find(doc, "router_id").at(-1)?.args[0].value).toBe("after");
    expect(find(doc, "will").map((s) => s.keyword.range.start.line)).toEqual([10]);
  });

  test("repeats the line for each value, with the variable expanded", () => {
    const doc = parse(
      "vrrp_instance V {\n  virtual_ipaddress {\n    ~SEQ(N, 1, 3) 192.0.2.${N}0/24\n    ~SEQx(H, 9, 11) 2001:db8::$H\n  }\n}\n",
    );
    const vips = find(doc, "virtual_ipaddress")[0].block!.statements.map((s) => s.keyword.value);
    expect(vips).toEqual([
      "192.0.2.10/24",
      "192.0.2.20/24",
      "192.0.2.30/24",
      "2001:db8::9",
      "2001:db8::a",
      "2001:db8::b",
    ]);
    const first = find(doc, "virtual_ipaddress")[0].block!.statements[0];
    expect(at(first.keyword)).toBe("2:18-34");
  });

  test("forms with one, two and three numbers, descending steps", () => {
    const values = (spec: string): string[] =>
      find(parse(`global_defs {\n  ~SEQ(${spec}) router_id $I\n}\n`), "router_id").map((s) => s.args[0].value);
    expect(values("I, 3")).toEqual(["1", "2", "3"]);
    expect(values("I, 5, 3")).toEqual(["5", "4", "3"]);
    expect(values("I, 0, 5, 10")).toEqual(["0", "5", "10"]);
  });

  test("invalid specifications are reported", () => {
    const doc = parse("~SEQ(I, 1, 0, 5) x\n~SEQ I 3\n");
    expect(doc.issues.map((i) => i.range.start.line)).toEqual([0, 1]);
  });
});

describe("robustness", () => {
  test("CRLF, a BOM and NUL bytes", () => {
    // keepalived -t 2.2.7 on this text: "Unknown keyword '\ufeffglobal_defs'", "Unexpected '{' - ignoring" (the BOM is
    // part of the first word), then router_id and '}' at the top level.
    const doc = parse("\ufeffglobal_defs {\r\n  router_id a\u0000b\r\n}\r\n");
    expect(doc.statements[0].keyword.value).toBe("\ufeffglobal_defs");
    expect(find(doc, "router_id")[0].args[0].value).toBe("a\u0000b");
    expect(at(find(doc, "router_id")[0].args[0])).toBe("1:12-15");
    expect(doc.issues.map((issue) => issue.code)).toEqual(["unexpected-open", "close-at-top"]);
    const plain = parse("global_defs {\r\n  router_id a\u0000b\r\n}\r\n");
    expect(plain.issues).toEqual([]);
  });

  test("10,000 nested braces are read without overflowing the stack", () => {
    // Only keywords that take a block open one: keepalived ignores each '{' after the unknown 'a' and reads each '}'
    // at the top level.
    const doc = parse("a {\n".repeat(10_000) + "}\n".repeat(10_000));
    expect(doc.statements.length).toBe(10_000);
    expect(doc.issues.filter((i) => i.code === "unexpected-open").length).toBe(10_000);
    expect(doc.issues.filter((i) => i.code === "close-at-top").length).toBe(10_000);
    const long = parse(`global_defs {${" {".repeat(10_000)}\n}\n`);
    expect(long.issues.filter((i) => i.code === "unexpected-open").length).toBe(10_000);
  });
});
