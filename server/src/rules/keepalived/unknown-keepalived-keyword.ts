import type { KeepalivedKeywords } from "../../schema/keepalived-keywords.js";
import type { KaStatement } from "../../syntax/keepalived/tree.js";
import { defineRule, type RuleContext } from "../rule.js";
import { blockLabel } from "./block-names.js";
import { readLikeKeepalived } from "./statement-blocks.js";

const messages = {
  newerVersion: (data: { name: string; version: string; versions: string }) =>
    `'${data.name}' is not a keyword of keepalived ${data.version} (it exists in ${data.versions}): keepalived ` +
    `${data.version} reports 'Unknown keyword' and ignores the line`,
  wrongBlock: (data: { name: string; where: string; belongs: string }) =>
    `'${data.name}' is not valid in ${data.where}; it belongs in ${data.belongs}: keepalived reports 'Unknown ` +
    `keyword' and ignores it here`,
  unknown: (data: { name: string; where: string; hint: string }) =>
    `unknown keyword '${data.name}' in ${data.where}: keepalived reports it and ignores the line${data.hint}`,
};

function check(ctx: RuleContext<typeof messages>, kk: KeepalivedKeywords, statements: readonly KaStatement[]): void {
  const reading = readLikeKeepalived(statements, kk);
  // The braces keepalived ignores or reads as keywords are KA019's: the reader already placed every line in the
  // block keepalived reads it in.
  for (const { statement: st, blockId } of reading.statements) {
    const block = kk.block(blockId);
    if (!block || block.kind === "list") continue;
    const name = st.keyword.value;
    const where = blockLabel(blockId);
    if (kk.keyword(blockId, name)) continue;
    const place = { file: st.file, range: st.keyword.range };
    const other = kk.keywordAnyVersion(blockId, name);
    if (other) {
      const data = { name, version: kk.version, versions: other.versions.join(", ") };
      ctx.report({ ...place, messageId: "newerVersion", data });
      continue;
    }
    const elsewhere = kk.blocksAccepting(name);
    if (elsewhere.length > 0) {
      const belongs = elsewhere.slice(0, 3).map(blockLabel).join(" or ");
      ctx.report({ ...place, messageId: "wrongBlock", data: { name, where, belongs } });
      continue;
    }
    const suggestion = kk.suggest(blockId, name);
    ctx.report({
      ...place,
      messageId: "unknown",
      data: { name, where, hint: suggestion ? `. Did you mean '${suggestion}'?` : "" },
      fixes:
        suggestion && st.keyword.text === st.keyword.value
          ? [
              {
                description: `Replace '${name}' with '${suggestion}'`,
                safe: !st.keyword.expanded && st.keyword.text === st.keyword.value,
                edits: [{ file: st.file, range: st.keyword.range, newText: suggestion }],
              },
            ]
          : undefined,
    });
  }
}

export default defineRule({
  id: "KA018",
  name: "unknown-keepalived-keyword",
  severity: "warning",
  scope: "keepalived",
  docs: {
    summary: "A keyword keepalived does not know in this block (typo, wrong block, or wrong version).",
    description:
      "Checks the first word of every line against the keywords keepalived registers for the block keepalived reads " +
      "it in, in the target version (tables generated from keepalived's parser sources). Suggests the closest " +
      "keyword, names the block where a misplaced keyword belongs, and says in which versions a keyword exists. A " +
      "'{' after an unknown keyword is ignored by keepalived: the lines inside are read in the enclosing block, its " +
      "'}' ends the enclosing block and the lines after are read one level up; those lines and a '}' left over at " +
      "the top level are reported where keepalived reports them.",
    why:
      "keepalived reports an unknown keyword and skips the line: a typo such as `priorty 150` leaves the priority at " +
      "its default of 100 and the daemon starts anyway, so the failover plan silently changes. An unknown keyword " +
      "that opens a block does more: its '}' closes the enclosing block, so the rest of a vrrp_instance " +
      "(virtual_router_id, virtual_ipaddress ...) is read at the top level and lost.",
    sources: [
      "keepalived lib/parser.c process_stream() at v2.2.7: 'Unknown keyword', \"Unexpected '{' - ignoring\", a '}' " +
        "ends the current level (checked with keepalived -t 2.2.7: the lines after an unknown block are reported at " +
        "the top level)",
      "keepalived keepalived/vrrp/vrrp_parser.c, keepalived/core/global_parser.c keyword registrations",
    ],
    bad: "vrrp_instance VI_1 {\n    priorty 150\n}\n",
    good: "vrrp_instance VI_1 {\n    priority 150\n}\n",
    realTool:
      "keepalived -t reports \"Unknown keyword 'x'\" on the line (exit 5) but the daemon still starts; after an " +
      "unknown block also \"Unexpected '{' - ignoring\" and \"Unknown keyword '}'\".",
    reportedBy: "keepalived -t",
    versions: "Checked against the keywords of the configured keepalived version (2.2, 2.3 or 2.4).",
  },
  messages,
  check(ctx) {
    for (const doc of ctx.keepalived) check(ctx, ctx.keepalivedKeywords, doc.statements);
  },
});
