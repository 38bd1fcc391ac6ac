import { defineRule } from "../rule.js";
import { syntaxIssues } from "../syntax-issues.js";

const num = (v: string | number | undefined): number => Number(v ?? 0);

/** Findings of one kind listed per file; past this many, one finding counts the rest. */
export const LISTED_PER_KIND = 20;

const KIND_NAMES: Record<string, string> = {
  "unexpected-open": "'{' that keepalived ignores",
  "close-at-top": "'}' that close nothing",
  "extra-close": "extra '}'",
  unclosed: "blocks never closed",
  "missing-open": "blocks without their '{'",
  "extra-words": "list blocks with words before their '{'",
};
/** Issues listed one by one whatever their number: keepalived prints each of them too. */
const UNCAPPED = new Set(["skipped-open", "skipped-unknown"]);
const str = (v: string | number | undefined): string => String(v ?? "");

export default defineRule({
  id: "KA019",
  name: "unbalanced-braces",
  severity: "warning",
  scope: "keepalived",
  docs: {
    summary: "A brace keepalived reads otherwise than the text suggests: extra, never closed, ignored, or missing.",
    description:
      "Reads the blocks the way keepalived does. keepalived splits every line at a `{` or `}` outside double quotes " +
      "(even inside a word), opens a block only after a keyword that takes one, and counts the braces on their own. " +
      "Reports a `{` after a keyword that takes no block (keepalived ignores it, and the next `}` closes the " +
      "enclosing block), a `}` at the top level, a `}` with no `{` open (by count), a block that is never closed, a " +
      "block keyword without its `{`, and words between a list block's keyword and its `{`. keepalived's processes " +
      "skip the top-level blocks they do not run (the checker skips vrrp_instance, the VRRP process virtual_server, " +
      "the parent both) by counting braces: where a list block without its `{` makes that count end early, the " +
      "lines after it that those processes read at the top level are reported too ('Unknown keyword', 'Unexpected " +
      "'{''), as keepalived -t prints them.",
    why:
      "keepalived does not stop on these: it reads on, and the blocks it builds are not the ones the indentation " +
      "shows. An ignored `{` makes the `}` meant for it close the enclosing vrrp_instance early, so the lines after " +
      "it are read at the top level and lost; a missing `}` pulls the following instances into the open block. The " +
      "settings that move out of their block are reported where keepalived reads them (unknown keywords, missing " +
      "VIPs, default priorities).",
    sources: [
      "keepalived 2.2.7 lib/parser.c read_line(): the split at the first '{' or '}' outside quotes (line_residue), " +
        "the brace count ('Extra '}' found')",
      "keepalived 2.2.7 lib/parser.c process_stream(): 'Unexpected '{' - ignoring', 'Missing '{' at beginning of " +
        "configuration block', 'Unknown keyword '}''",
      "keepalived 2.2.7 lib/parser.c alloc_value_block(): ''{' missing from beginning of block' (a log line " +
        "keepalived -t does not print), 'Block %s has extra parameters'",
      "keepalived 2.2.7 lib/parser.c init_data(): 'There are %d missing '}'s or extra '{'s'",
      "keepalived lib/parser.c process_stream() at v2.2.7, v2.3.3 and v2.3.4: an inactive keyword's block is skipped " +
        "by skip_sublevel, counting every '{' and '}' word; checked on the three binaries with a unicast_peer, " +
        "virtual_ipaddress and track_interface block written without '{' (the lines after the list's '}' are " +
        "'Unknown keyword' at the top level, a '{' there 'Unexpected')",
    ],
    bad:
      "vrrp_instance VI_1 {\n    state MASTER\n    priority 100 {\n    virtual_ipaddress {\n        192.0.2.10/24\n" +
      "    }\n}\n",
    good:
      "vrrp_instance VI_1 {\n    state MASTER\n    priority 100\n    virtual_ipaddress {\n        192.0.2.10/24\n" +
      "    }\n}\n",
    realTool:
      "keepalived -t prints each of these ('Unexpected '{' - ignoring', 'Extra '}' found', 'Unknown keyword '}'', " +
      "'Missing '{' ...', 'There are N missing '}'s or extra '{'s' on no line) and exits 5: the daemon starts with " +
      "what it read.",
    reportedBy: "keepalived -t",
    unreported: ["missingListOpen"],
  },
  messages: {
    unexpectedOpen: (data: { where: string; closeLine: number; missing: number }) =>
      `keepalived ignores this '{' ('Unexpected '{' - ignoring'): the keyword before it takes no block, so the lines ` +
      `after it stay in ` +
      `${data.where}${data.closeLine > 0 ? ` and the '}' on line ${data.closeLine} closes ${data.where}` : ""}${data.missing > 0 ? `; it still counts the brace ('There are ${data.missing} missing '}'s or extra '{'s' at the end)` : ""}`,
    closeAtTop: () =>
      "this '}' closes nothing: in keepalived's reading the block it seems to close has already ended, so it takes " +
      "the '}' for a keyword at the top level ('Unknown keyword '}'') and ignores it",
    extraClose: (data: { top: boolean }) =>
      `extra '}': there are more '}' than '{' at this point; keepalived reports "Extra '}' ` +
      `found"${data.top ? " and, with no block open, takes it for a keyword ('Unknown keyword '}''), so it closes " : ""}` +
      `${data.top ? "nothing" : ""}`,
    unclosed: (data: { keyword: string; missing: number }) =>
      `this ${data.keyword} block is never closed: keepalived reads every line after it, to the end of the file, as ` +
      `part of ${data.keyword} ('There are ${data.missing} missing '}'s or extra '{'s')`,
    missingOpen: (data: { keyword: string }) =>
      `${data.keyword} opens a block but no '{' follows it: keepalived reports 'Missing '{' at beginning of ` +
      `configuration block', reads this line as the first line of the block anyway, and ends the block at the next ` +
      `'}'`,
    missingListOpen: (data: { keyword: string }) =>
      `${data.keyword} opens a block but no '{' follows it: keepalived reads this line as the block's first entry ` +
      `anyway and ends the block at the next '}', which was meant to close the list; its processes that skip the ` +
      `enclosing block by counting braces end that block there too (it logs ''{' missing from beginning of block ` +
      `${data.keyword}', which keepalived -t does not print)`,
    skippedUnknown: (data: { word: string; keyword: string; closeLine: number }) =>
      `keepalived's processes that do not run ${data.keyword} blocks skip them by counting braces, and the count ` +
      `ends at the '}' on line ${data.closeLine} (a block above has no '{'): they read this line at the top level ` +
      `and report 'Unknown keyword '${data.word}'' (the process that runs the block still reads it inside)`,
    skippedOpen: (data: { word: string; keyword: string; closeLine: number }) =>
      `keepalived's processes that do not run ${data.keyword} blocks skip them by counting braces, and the count ` +
      `ends at the '}' on line ${data.closeLine} (a block above has no '{'): they read this '{' at the top level and ` +
      `report 'Unexpected '{' - ignoring'`,
    more: (data: { count: number; what: string }) =>
      `and ${data.count} more ${data.what} in this file, after this one (not listed one by one)`,
    extraWords: (data: { keyword: string; word: string }) =>
      `${data.keyword} takes no words before its block: keepalived reports 'Block ${data.keyword} has extra ` +
      `parameters ${data.word} ...' and ignores them`,
  },
  check(ctx) {
    const issues = syntaxIssues(ctx, "keepalived", ["unbalanced-brace", "block-structure"]);
    const counts = new Map<string, number>();
    for (const issue of issues) {
      const key = `${issue.file}\u0000${issue.code}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    const listed = new Map<string, number>();
    for (const issue of issues) {
      const place = { file: issue.file, range: issue.range };
      const d = issue.data ?? {};
      const key = `${issue.file}\u0000${issue.code}`;
      const n = (listed.get(key) ?? 0) + 1;
      listed.set(key, n);
      if (n > LISTED_PER_KIND + 1 && !UNCAPPED.has(issue.code ?? "")) continue;
      if (n === LISTED_PER_KIND + 1 && !UNCAPPED.has(issue.code ?? "")) {
        const what = KIND_NAMES[issue.code ?? ""] ?? "brace problems";
        ctx.report({ ...place, messageId: "more", data: { count: (counts.get(key) ?? n) - LISTED_PER_KIND, what } });
        continue;
      }
      switch (issue.code) {
        case "unexpected-open":
          ctx.report({
            ...place,
            messageId: "unexpectedOpen",
            data: { where: str(d.where), closeLine: num(d.closeLine), missing: num(d.missing) },
          });
          break;
        case "close-at-top":
          ctx.report({ ...place, messageId: "closeAtTop" });
          break;
        case "extra-close":
          ctx.report({ ...place, messageId: "extraClose", data: { top: num(d.top) === 1 } });
          break;
        case "unclosed":
          ctx.report({ ...place, messageId: "unclosed", data: { keyword: str(d.keyword), missing: num(d.missing) } });
          break;
        case "missing-open":
          ctx.report({
            ...place,
            messageId: num(d.list) === 1 ? "missingListOpen" : "missingOpen",
            data: { keyword: str(d.keyword) },
          });
          break;
        case "skipped-open":
        case "skipped-unknown": {
          const data = { word: str(d.word), keyword: str(d.keyword), closeLine: num(d.closeLine) };
          ctx.report({ ...place, messageId: issue.code === "skipped-open" ? "skippedOpen" : "skippedUnknown", data });
          break;
        }
        case "extra-words":
          ctx.report({ ...place, messageId: "extraWords", data: { keyword: str(d.keyword), word: str(d.word) } });
          break;
        case undefined:
          // An issue without a code names no brace problem: nothing to report.
          break;
      }
    }
  },
});
