/**
 * keepalived 2.2.7's reading of braces (lib/parser.c read_line(), process_stream(), alloc_value_block()): the split
 * at every brace outside double quotes, blocks opened only by keywords that take one, the brace count, and the stop
 * on a keyword without its value (null_strvec()). Each expectation here was checked with keepalived -t 2.2.7.
 */
import { describe, expect, test } from "vitest";
import { parseKeepalived } from "../../server/src/syntax/keepalived/parse.js";
import type { KaStatement, KeepalivedDocument } from "../../server/src/syntax/keepalived/tree.js";
import { virtualHost } from "../support/virtual-host.js";

const parse = (text: string, configId?: string): KeepalivedDocument =>
  parseKeepalived("/etc/keepalived/keepalived.conf", text, undefined, { configId });

/** Statements as `line: words` with their blocks indented, as keepalived builds them. */
function shape(statements: readonly KaStatement[], depth = 0): string[] {
  return statements.flatMap((s) => [
    `${"  ".repeat(depth)}${s.keyword.range.start.line + 1}: ${[s.keyword, ...s.args].map((w) => w.value).join(" ")}`,
    ...(s.block ? shape(s.block.statements, depth + 1) : []),
  ]);
}

const codes = (doc: KeepalivedDocument): string[] =>
  doc.issues.map((i) => `${i.range.start.line + 1}:${i.range.start.character + 1} ${i.code ?? i.kind}`);

describe("the split at braces", () => {
  test("a brace inside a word splits it; the rest is read as a line of its own", () => {
    const doc = parse("vrrp_instance VI_1 {\n  authentication {\n    auth_pass ab{c\n  }\n}\n");
    expect(shape(doc.statements)).toEqual([
      "1: vrrp_instance VI_1",
      "  2: authentication",
      "    3: auth_pass ab",
      "    3: c",
    ]);
    expect(codes(doc)).toEqual(["3:17 unexpected-open"]);
  });

  test("a brace after a comment sign is part of the comment; '//' is not a comment", () => {
    const doc = parse("global_defs {\n  router_id lb01 # {\n  notification_email_from a//b{c\n}\n");
    expect(shape(doc.statements)).toEqual([
      "1: global_defs",
      "  2: router_id lb01",
      "  3: notification_email_from a//b",
      "  3: c",
    ]);
  });

  test("braces inside double quotes are text", () => {
    const doc = parse('global_defs {\n  router_id "lb{01}"\n}\n');
    expect(shape(doc.statements)).toEqual(["1: global_defs", "  2: router_id lb{01}"]);
    expect(doc.issues).toEqual([]);
  });

  test("the rest after a brace goes through the reader again: @ID and include apply to it", () => {
    const files = {
      "/k/keepalived.conf": "global_defs { @lb01 router_id one\n}\nglobal_defs { include x.conf\n}\n",
      "/k/x.conf": "router_id two\n",
    };
    const doc = parseKeepalived("/k/keepalived.conf", files["/k/keepalived.conf"], virtualHost(files), {
      configId: "lb01",
    });
    expect(shape(doc.statements)).toEqual([
      "1: global_defs",
      "  1: router_id one",
      "3: global_defs",
      "  1: router_id two",
    ]);
  });

  test("@ID include is followed (include is recognised after @ID is applied)", () => {
    const files = { "/k/keepalived.conf": "@lb01 include x.conf\n", "/k/x.conf": "global_defs {\n}\n" };
    const read = (id: string) =>
      parseKeepalived("/k/keepalived.conf", files["/k/keepalived.conf"], virtualHost(files), { configId: id });
    expect(shape(read("lb01").statements)).toEqual(["1: global_defs"]);
    expect(read("lb02").statements).toEqual([]);
    expect(read("lb01").issues).toEqual([]);
  });
});

describe("blocks as keepalived builds them", () => {
  test("a '{' after a keyword that takes no block is ignored and counted", () => {
    const doc = parse("vrrp_instance VI_1 {\n  priority 100 {\n  advert_int 1\n}\n");
    expect(shape(doc.statements)).toEqual(["1: vrrp_instance VI_1", "  2: priority 100", "  3: advert_int 1"]);
    expect(codes(doc)).toEqual(["2:16 unexpected-open"]);
    expect(doc.issues[0].data).toEqual({ where: "the vrrp_instance block", closeLine: 4, missing: 1 });
  });

  test("the '}' of an unknown keyword's block closes the enclosing block", () => {
    const doc = parse("vrrp_instance VI_1 {\n  foo {\n    bar\n  }\n  priority 100\n}\n");
    expect(shape(doc.statements)).toEqual(["1: vrrp_instance VI_1", "  2: foo", "  3: bar", "5: priority 100"]);
    expect(codes(doc)).toEqual(["2:7 unexpected-open", "6:1 close-at-top"]);
  });

  test("a block keyword without '{' still opens its block; the count finds the extra '}'", () => {
    const doc = parse("vrrp_instance VI_1 {\n  authentication\n    auth_type PASS\n  }\n}\n");
    expect(shape(doc.statements)).toEqual(["1: vrrp_instance VI_1", "  2: authentication", "    3: auth_type PASS"]);
    expect(codes(doc)).toEqual(["3:5 missing-open", "5:1 extra-close", "5:1 skipped-unknown"]);
  });

  test("a list block reads one entry per line, up to its '}'", () => {
    const doc = parse("vrrp_instance VI_1 {\n  virtual_ipaddress { 192.0.2.1/24 dev eth0\n    192.0.2.2/24 }\n}\n");
    expect(shape(doc.statements)).toEqual([
      "1: vrrp_instance VI_1",
      "  2: virtual_ipaddress",
      "    2: 192.0.2.1/24 dev eth0",
      "    3: 192.0.2.2/24",
    ]);
    expect(doc.issues).toEqual([]);
  });

  test("an unclosed block is reported at its '{'; an extra '}' where it stands", () => {
    expect(codes(parse("vrrp_instance VI_1 {\n  priority 100\n"))).toEqual(["1:20 unclosed"]);
    expect(codes(parse("global_defs {\n}\n}\n"))).toEqual(["3:1 extra-close"]);
  });

  test("a keyword of a newer version is unknown: its '{' opens nothing in 2.2", () => {
    const text = "vrrp_instance VI_1 {\n  auth_hmac {\n    key abc\n  }\n  priority 100\n}\n";
    const old = parseKeepalived("/k.conf", text, undefined, { version: "2.2" });
    expect(shape(old.statements)).toEqual([
      "1: vrrp_instance VI_1",
      "  2: auth_hmac",
      "  3: key abc",
      "5: priority 100",
    ]);
    const now = parseKeepalived("/k.conf", text, undefined, { version: "2.4" });
    expect(shape(now.statements)).toEqual([
      "1: vrrp_instance VI_1",
      "  2: auth_hmac",
      "    3: key abc",
      "  5: priority 100",
    ]);
  });
});

describe("a keyword without its value stops keepalived", () => {
  test("the tree ends at the line; what follows is not read, but the other processes count its braces", () => {
    const doc = parse("vrrp_instance VI_1 {\n  state\n  priority 300\n  priorty 1\n}\n}\n");
    expect(shape(doc.statements)).toEqual(["1: vrrp_instance VI_1", "  2: state"]);
    expect(doc.stopped).toMatchObject({ keyword: "state", position: 2 });
    // keepalived -t 2.2.7, 2.3.3, 2.3.4: 'Extra '}' found' and 'Unknown keyword '}'' on line 6 as well
    expect(codes(doc)).toEqual(["2:3 missing-parameter", "6:1 extra-close", "6:1 skipped-unknown"]);
  });

  test("a brace before the value leaves the keyword alone on its line", () => {
    const doc = parse("vrrp_instance VI_1 {\n  priority {100}\n}\n");
    expect(doc.stopped?.keyword).toBe("priority");
    expect(doc.issues.find((i) => i.kind === "missing-parameter")?.data).toMatchObject({ cutBy: "{" });
  });

  test("an unterminated quote drops the value", () => {
    const doc = parse('vrrp_instance VI_1 {\n  state "MASTER\n}\n');
    expect(doc.stopped?.keyword).toBe("state");
    expect(codes(doc)).toEqual(["2:3 missing-parameter", "2:9 unterminated-quote"]);
  });

  test("keywords without a value to read do not stop it", () => {
    const doc = parse("vrrp_instance VI_1 {\n  nopreempt\n  dont_track_primary\n}\nvrrp_instance\n");
    expect(doc.stopped).toBeUndefined();
  });
});
