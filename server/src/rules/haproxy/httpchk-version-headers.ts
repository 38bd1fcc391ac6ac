import { atLeast } from "../../schema/versions.js";
import { defineRule } from "../rule.js";
import { haproxyUnits } from "./haproxy-version.js";

export default defineRule({
  id: "HP035",
  name: "httpchk-version-headers",
  severity: "error",
  scope: "haproxy",
  docs: {
    summary: "Headers or a body hidden after the HTTP version of `option httpchk` (`HTTP/1.1\\r\\nHost:\\ example`).",
    description:
      "Reports an `option httpchk METHOD URI VERSION` whose version word, as HAProxy decodes it, contains a CRLF: " +
      "the old trick to send headers with the health check. HAProxy 3.0 and later refuse it; 2.6 warns that it is " +
      "deprecated (an error there only under `zero-warning`).",
    why:
      "From 3.0 proxy_parse_httpchk_req() refuses the line, so a configuration written for 2.x stops a node after the " +
      "upgrade. `http-check send hdr NAME VALUE` sends the same headers in every version.",
    sources: [
      "HAProxy 2.6.12 src/tcpcheck.c proxy_parse_httpchk_req() ('hiding headers or body at the end of the version " +
        "string is deprecated'), printed as a warning by proxy_parse_httpchk_opt()",
      "HAProxy 3.0.11 src/tcpcheck.c proxy_parse_httpchk_req() ('... is unsupported. Use 'http-check send' " +
        "directive instead.', goto error), an alert with ERR_FATAL in proxy_parse_httpchk_opt()",
    ],
    bad: "backend web\n    option httpchk GET /health HTTP/1.1\\r\\nHost:\\ www.example.net\n",
    good: "backend web\n    option httpchk GET /health HTTP/1.1\n    http-check send hdr Host www.example.net\n",
    realTool:
      'haproxy -c 2.6.12 warns "hiding headers or body at the end of the version string is deprecated" (rc 0); ' +
      '3.0.11 and 3.2.26 print "... is unsupported" as an alert and exit 1.',
    reportedBy: "haproxy -c",
    severityNote: "Error from HAProxy 3.0 (refused); a warning before, an error there under zero-warning.",
    versions: "HAProxy 2.6 warns, 3.0 and later refuse.",
  },
  messages: {
    refused: (data: { version: string }) =>
      `headers hidden after the HTTP version of 'option httpchk': HAProxy ${data.version} refuses the line ` +
      `('unsupported'); send them with 'http-check send hdr NAME VALUE'`,
    warned: (data: { version: string }) =>
      `headers hidden after the HTTP version of 'option httpchk' are deprecated in HAProxy ${data.version} (a ` +
      `warning) and refused from 3.0; send them with 'http-check send hdr NAME VALUE'`,
    refusesToStart: (data: { version: string }) =>
      `headers hidden after the HTTP version of 'option httpchk' are deprecated in HAProxy ${data.version}, and ` +
      `'zero-warning' turns the warning into a refusal to start; send them with 'http-check send hdr NAME VALUE'`,
  },
  check(ctx) {
    for (const unit of haproxyUnits(ctx)) {
      const refuses = atLeast("haproxy", unit.version, "3.0");
      for (const { file, section } of unit.config.sections)
        for (const line of section.lines) {
          if (line.keyword.value !== "option" || line.args[0]?.value !== "httpchk") continue;
          // option httpchk [METHOD [URI [VERSION]]]: the version is the fourth word of the line
          const version = line.args[3];
          if (!version || !version.value.includes("\r\n")) continue;
          const place = { file, range: line.keyword.range };
          const data = { version: unit.version };
          if (refuses) ctx.report({ ...place, messageId: "refused", data });
          else {
            // zero-warning makes HAProxy refuse to start on any warning (haproxy.c)
            if (unit.zeroWarning) ctx.report({ ...place, messageId: "refusesToStart", severity: "error", data });
            else ctx.report({ ...place, messageId: "warned", severity: "warning", data });
          }
        }
    }
  },
});
