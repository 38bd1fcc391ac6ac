import { defineCases } from "../rule.js";
import type rule from "./missing-final-newline.js";
import { FRONTEND_WWW, HTTP_DEFAULTS } from "./example-configs.js";

const body = `global
    maxconn 4096
${HTTP_DEFAULTS}${FRONTEND_WWW}backend web
    server w1 192.0.2.11:80 check`;

export default defineCases<typeof rule>({
  valid: [
    {
      name: "ends with a newline",
      files: {
        "haproxy.cfg": `${body}
`,
      },
    },
    {
      name: "CRLF line ends",
      files: {
        "haproxy.cfg": `${body}
`.replace(
          /\n/g,
          `\r
`,
        ),
      },
    },
  ],
  invalid: [
    {
      name: "last line without LF",
      files: { "haproxy.cfg": body },
      realTool: "Missing LF on last line, file might have been truncated at position 34",
      expect: [{ line: 12, column: 1, messageId: "missingLineFeed" }],
      fixed: {
        "haproxy.cfg": `${body}
`,
      },
    },
    {
      name: "a trailing comment without LF",
      files: {
        "haproxy.cfg": `${body}
# end of file`,
      },
      realTool: "Missing LF on last line",
      expect: [{ line: 13, messageId: "missingLineFeed" }],
      fixed: {
        "haproxy.cfg": `${body}
# end of file
`,
      },
    },
    {
      name: "trailing blanks without LF",
      files: {
        "haproxy.cfg": `${body}
   `,
      },
      realTool: "Missing LF on last line, file might have been truncated at position 4",
      expect: [{ line: 13, messageId: "missingLineFeed" }],
      fixed: {
        "haproxy.cfg": `${body}
   
`,
      },
    },
    {
      name: "HAProxy 3.2 stops there first",
      settings: { haproxyVersion: "3.2" },
      files: { "haproxy.cfg": body },
      realTool: "Missing LF on last line",
      expect: [{ line: 12, messageId: "missingLineFeedStopsFirst" }],
      fixed: {
        "haproxy.cfg": `${body}
`,
      },
    },
    {
      name: "a NUL byte ends the last line (the line feed after it does not help)",
      files: {
        "haproxy.cfg": `${body}
# end\u0000
`,
      },
      realTool: "Missing LF on last line, file might have been truncated at position 6",
      expect: [{ line: 13, messageId: "nulEndsLastLine" }],
      fixed: {
        "haproxy.cfg": `${body}
# end
`,
      },
    },
  ],
});
