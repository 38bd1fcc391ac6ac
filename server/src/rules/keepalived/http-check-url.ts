import type { KaStatement } from "../../syntax/keepalived/tree.js";
import { atLeast } from "../../schema/versions.js";
import { defineRule } from "../rule.js";
import { closingBrace } from "./block-close.js";
import { readLikeKeepalived } from "./statement-blocks.js";

export default defineRule({
  id: "KA053",
  name: "http-check-url",
  severity: "warning",
  scope: "keepalived",
  docs: {
    summary:
      "An HTTP_GET or SSL_GET checker keepalived drops or misreads: no url, a url without path, a digest that is " +
      "not 32 hexadecimal digits or is given twice.",
    description:
      "Checks the `url` blocks of HTTP_GET and SSL_GET checkers: a checker without any url, a url without `path`, " +
      "and `digest` values that are not exactly 32 hexadecimal characters or repeat one already given for the url.",
    why:
      "keepalived removes a checker without urls and a url without path when it reads them, so the real server is " +
      "then watched by fewer checks than written (or none, and stays in the pool whatever happens to it). A digest it " +
      "cannot read is ignored, so the page is accepted whatever its content.",
    sources: [
      "keepalived keepalived/check/check_http.c http_get_check_end(), url_check(), digest_handler() at v2.2.7 " +
        "('HTTP/SSL_GET checker has no urls specified - ignoring', 'HTTP/SSL_GET checker url has no path - ignoring', " +
        "\"digest '%s' character length should be 32 rather than %zu\", 'Unable to interpret hex digit', \"Digest " +
        "'%s' is a duplicate\")",
    ],
    bad: "HTTP_GET {\n    url {\n        digest <md5-of-the-page>\n    }\n}\n",
    good: "HTTP_GET {\n    url {\n        path /health\n        digest 9b3a0c85a887a256d6939da88aabd8cd\n    }\n}\n",
    realTool:
      "keepalived -t prints \"digest '<md5-of-the-page>' character length should be 32 rather than 17\" on the line " +
      "and 'HTTP/SSL_GET checker url has no path - ignoring' on no line (exit 5).",
    reportedBy: "keepalived -t",
    severityNote:
      "error for a checker without url before keepalived 2.2.8: http_get_check_end() at v2.2.7 keeps using the " +
      "checker it has just freed, and keepalived -t 2.2.7 was seen to crash on it (2.2.8 returns after " +
      "dequeue_new_checker(); 2.3.3 reports it and goes on: a warning there). Warning otherwise.",
    versions:
      "2.2.7 and earlier read a freed checker after 'no urls specified'; fixed in 2.2.8 (a return after " +
      "dequeue_new_checker(), check_http.c at v2.2.8)",
  },
  messages: {
    noUrls: (data: { check: string }) =>
      `this ${data.check} has no url: keepalived removes the checker ('HTTP/SSL_GET checker has no urls specified - ` +
      `ignoring')`,
    noUrlsCrash: (data: { check: string; version: string }) =>
      `this ${data.check} has no url: keepalived ${data.version} removes the checker and then reads it again ` +
      `(http_get_check_end() goes on after dequeue_new_checker()); keepalived -t 2.2.7 crashes on such a file ` +
      `(segmentation fault)`,
    noPath: () => `this url has no 'path': keepalived removes it ('HTTP/SSL_GET checker url has no path - ignoring')`,
    digestLength: (data: { digest: string; length: number }) =>
      `digest '${data.digest}' has ${data.length} characters, not the 32 hexadecimal digits of an MD5: keepalived ` +
      `ignores it`,
    digestNotHex: (data: { digest: string }) => `digest '${data.digest}' is not hexadecimal: keepalived ignores it`,
    digestTwice: () => `this url already has a digest: keepalived ignores this one ('is a duplicate')`,
  },
  check(ctx) {
    for (const doc of ctx.keepalived) {
      for (const { statement, blockId } of readLikeKeepalived(doc.statements, ctx.keepalivedKeywords).statements) {
        if (blockId !== "virtual_server/real_server" || !["HTTP_GET", "SSL_GET"].includes(statement.keyword.value))
          continue;
        const urls = statement.block?.statements.filter((s) => s.keyword.value === "url") ?? [];
        if (urls.length === 0) {
          const data = { check: statement.keyword.value };
          // keepalived reports it from the block's end handler, on the closing line
          if (!atLeast("keepalived", ctx.settings.keepalivedVersion, "2.2.8"))
            ctx.report({
              ...closingBrace(statement),
              severity: "error",
              messageId: "noUrlsCrash",
              data: { ...data, version: ctx.settings.keepalivedVersion },
            });
          else ctx.report({ ...closingBrace(statement), messageId: "noUrls", data });
          continue;
        }
        for (const url of urls) checkUrl(url, (r) => ctx.report(r));
      }
    }
  },
});

type Report =
  | { file: string; range: KaStatement["range"]; messageId: "noPath"; data?: undefined }
  | { file: string; range: KaStatement["range"]; messageId: "digestLength"; data: { digest: string; length: number } }
  | { file: string; range: KaStatement["range"]; messageId: "digestNotHex"; data: { digest: string } }
  | { file: string; range: KaStatement["range"]; messageId: "digestTwice"; data?: undefined };

function checkUrl(url: KaStatement, report: (r: Report) => void): void {
  const lines = url.block?.statements ?? [];
  if (!lines.some((s) => s.keyword.value === "path")) report({ ...closingBrace(url), messageId: "noPath" });
  let digestSeen = false;
  for (const line of lines.filter((s) => s.keyword.value === "digest" && s.args[0])) {
    const word = line.args[0];
    const place = { file: word.file, range: word.range };
    if (digestSeen) report({ ...place, messageId: "digestTwice" });
    else if (word.value.length !== 32)
      report({ ...place, messageId: "digestLength", data: { digest: word.value, length: word.value.length } });
    else if (!/^[0-9a-fA-F]{32}$/.test(word.value))
      report({ ...place, messageId: "digestNotHex", data: { digest: word.value } });
    else digestSeen = true;
  }
}
