import { defineRule } from "../rule.js";
import { reportSyntaxIssues } from "../syntax-issues.js";

/** Sections whose name is an identifier HAProxy validates. */
const NAMED = new Set([
  "frontend",
  "backend",
  "listen",
  "defaults",
  "userlist",
  "peers",
  "resolvers",
  "mailers",
  "ring",
  "cache",
  "http-errors",
  "fcgi-app",
  "log-forward",
  "program",
]);
const PROXIES = new Set(["frontend", "listen", "backend", "defaults"]);

export default defineRule({
  id: "HP023",
  name: "haproxy-syntax-error",
  severity: "error",
  scope: "haproxy",
  docs: {
    summary: "haproxy.cfg text HAProxy's line parser rejects.",
    description:
      "Reports what HAProxy's line parser refuses: an unmatched single or double quote, an invalid `\\x` escape, a `$` inside double quotes that is not followed by a variable name, an unmatched `${`, unknown `.` directives, `.if`/`.elif`/`.else`/`.endif` that do not pair up or whose condition does not parse, an `.alert` in a branch that is taken, section names with characters HAProxy refuses, and an address on a `listen`/`frontend` line (the pre-1.5 syntax).",
    why: "Each of these makes `haproxy -c` fail and HAProxy refuse to start or reload, so a reload in production keeps the old configuration or, on a fresh start, no load balancer at all.",
    sources: [
      "HAProxy src/tools.c parse_line() (PARSE_ERR_QUOTE, PARSE_ERR_HEX, PARSE_ERR_VARNAME, PARSE_ERR_BRACE)",
      "HAProxy src/cfgcond.c",
      "HAProxy configuration manual 2.2-2.4 (quoting, environment variables, conditional blocks)",
    ],
    bad: 'backend app\n    http-request set-header X-Env "prod\n',
    good: 'backend app\n    http-request set-header X-Env "prod"\n',
    realTool: "haproxy -c reports it as a fatal error (rc 1).",
    reportedBy: "haproxy -c",
  },
  check(ctx) {
    reportSyntaxIssues(ctx, "haproxy", ["syntax-error"]);
    for (const doc of ctx.haproxy) {
      for (const section of doc.sections) {
        // Addresses: str2sa_range() expands $VAR and ${VAR} itself but knows no ${VAR-default}; only the line parser
        // does, inside double quotes.
        for (const line of section.lines) {
          const kw = line.keyword.value;
          const address = kw === "bind" ? line.args[0] : kw === "server" ? line.args[1] : undefined;
          const ref = address?.env.find((e) => !e.inQuotes && e.defaultValue !== undefined);
          if (!address || !ref) continue;
          ctx.report({
            file: doc.file,
            range: address.range,
            message: `'\${${ref.name}-${ref.defaultValue}}' outside double quotes: HAProxy expands variables in addresses but knows the '-default' form only inside double quotes, so it refuses this address; write "${address.text}" in double quotes`,
          });
        }
        const name = section.name;
        if (!name || !NAMED.has(section.kind)) continue;
        const bad = /[^A-Za-z0-9._:-]/.exec(name.value);
        if (bad) {
          ctx.report({
            file: doc.file,
            range: name.range,
            message: `character '${bad[0]}' is not allowed in the ${section.kind} name '${name.value}' (letters, digits, '.', '_', '-' and ':' only); HAProxy refuses it`,
          });
        }
        const extra = section.header.args[1];
        if (extra && PROXIES.has(section.kind) && extra.value !== "from") {
          ctx.report({
            file: doc.file,
            range: extra.range,
            message: `'${section.kind} ${name.value} ${extra.value}': an address on the section line is no longer accepted; declare it with 'bind ${extra.value}' inside the section`,
          });
        }
      }
    }
  },
  cases: {
    valid: [
      {
        name: "quotes, escapes and a taken .if",
        files: {
          "haproxy.cfg":
            "global\n.if version_atleast(2.4)\n    log stdout format raw local0\n.endif\nfrontend fe\n    bind :80\n    http-request set-header X-A \"a b\\x41\" # note\n    http-request set-header X-B 'it''s'\n",
        },
      },
    ],
    invalid: [
      {
        name: "unmatched quote",
        files: { "haproxy.cfg": 'backend b\n    http-request set-header X "v\n' },
        realTool: "unmatched quote",
        expect: [{ line: 2, message: "unmatched double quote" }],
      },
      {
        name: "variable default outside quotes in an address",
        files: { "haproxy.cfg": "frontend fe\n    bind ${VIP-192.0.2.10}:80\n" },
        realTool: "invalid address: '-192.0.2.10}'",
        expect: [{ line: 2, message: "inside double quotes" }],
      },
      {
        name: "bad hex escape",
        files: { "haproxy.cfg": "backend b\n    http-request set-header X a\\xZZ\n" },
        expect: [{ line: 2, message: "\\x" }],
      },
      {
        name: "invalid character in a proxy name",
        files: { "haproxy.cfg": "frontend www.example.net:80/x\n    bind :80\n" },
        expect: [{ line: 1, message: "character '/'" }],
      },
      {
        name: "address on the listen line",
        files: { "haproxy.cfg": "listen app 0.0.0.0:8080\n    server s 192.0.2.1:80\n" },
        expect: [{ line: 1, message: "bind 0.0.0.0:8080" }],
      },
      {
        name: ".if without .endif",
        files: { "haproxy.cfg": "global\n.if defined(X)\n    maxconn 10\n" },
        expect: [{ line: 2, message: ".endif" }],
      },
    ],
  },
});
