import type { HaproxyKeywords } from "../../schema/haproxy-keywords.js";
import { compareVersions } from "../../syntax/haproxy/condition.js";
import type { HpLine, HpWord } from "../../syntax/haproxy/tree.js";
import { defineRule } from "../rule.js";
import { argumentProblem } from "./keyword-arguments.js";
import { optionArity } from "./line-arguments.js";

/** methodVersions[].name of src/ssl_sock.c: the values of ssl-min-ver and ssl-max-ver. */
const TLS_VERSIONS = ["SSLv3", "TLSv1.0", "TLSv1.1", "TLSv1.2", "TLSv1.3"];
/** The MUX protocols registered by src/mux_*.c (quic only in builds with QUIC: not judged). */
const MUX_PROTOCOLS: Record<string, { side: "frontend" | "backend" | "both"; since: string }> = {
  h1: { side: "both", since: "2.6" },
  h2: { side: "both", since: "2.6" },
  none: { side: "both", since: "2.6" },
  fcgi: { side: "backend", since: "2.6" },
  spop: { side: "backend", since: "3.1" },
};
/** The values bind_parse_level(), bind_parse_severity_output() and bind_parse_expose_fd() (src/cli.c) compare with. */
const CLI_BIND_VALUES: Record<string, string[]> = {
  level: ["user", "operator", "admin"],
  "severity-output": ["none", "number", "string"],
  "expose-fd": ["listeners"],
};
/** SSL_MAX_VFY_ERROR_CODE of include/haproxy/listener-t.h (2.6.12, 3.0.11). */
const MAX_VERIFY_ERROR = 94;

/**
 * The words ssl_parse_default_bind_options() / ssl_parse_default_server_options() (src/cfgparse-ssl.c) accept, with
 * the version that added them; `ssl-min-ver` and `ssl-max-ver` take a TLS version after them.
 */
const DEFAULT_OPTIONS: Record<"bind" | "server", Record<string, string>> = {
  bind: {
    "no-tls-tickets": "2.6",
    "prefer-client-ciphers": "2.6",
    "tls-tickets": "3.2",
    "strict-sni": "3.2",
    "no-strict-sni": "3.2",
  },
  server: { "no-tls-tickets": "2.6", "tls-tickets": "3.2" },
};

const unknownVariable = (w: HpWord): boolean => w.env.some((e) => e.resolved === undefined);

interface Finding {
  word: HpWord;
  problem: string;
}

/** The words of `no-sslv3`, `force-tlsv12` ...: parse_tls_method_options(). */
const TLS_METHOD_OPTION = /^(no|force)-(sslv3|tlsv10|tlsv11|tlsv12|tlsv13)$/;

function defaultOptionsProblem(line: HpLine, kind: "bind" | "server", version: string): Finding | undefined {
  const args = line.args;
  if (!args[0]) return { word: line.keyword, problem: "it needs at least one option" };
  for (let i = 0; i < args.length; i++) {
    const word = args[i].value;
    if (word === "ssl-min-ver" || word === "ssl-max-ver") {
      const value = args[i + 1]?.value;
      if (!value) return { word: args[i], problem: `'${word}' needs a TLS version (${TLS_VERSIONS.join(", ")})` };
      if (!TLS_VERSIONS.includes(value))
        return { word: args[i + 1], problem: `unknown TLS version '${value}' (${TLS_VERSIONS.join(", ")})` };
      i++;
      continue;
    }
    if (TLS_METHOD_OPTION.test(word)) continue;
    const since = DEFAULT_OPTIONS[kind][word];
    if (since !== undefined && compareVersions(version, since) >= 0) continue;
    return {
      word: args[i],
      problem:
        since !== undefined
          ? `option '${word}' needs HAProxy ${since} or newer`
          : `unknown option '${word}' (no-tls-tickets, ` +
            `${kind === "bind" ? "prefer-client-ciphers, " : ""}ssl-min-ver, ssl-max-ver, no-<version>, ` +
            `force-<version>)`,
    };
  }
  return undefined;
}

/** Curated values of options whose parser compares them with a list. */
function curatedValueProblem(
  name: string,
  value: string,
  kind: "bind" | "server",
  version: string,
): string | undefined {
  switch (name) {
    case "verify": {
      const allowed = kind === "bind" ? ["none", "optional", "required"] : ["none", "required"];
      return allowed.includes(value)
        ? undefined
        : `unknown verify method '${value}' (${allowed.map((a) => `'${a}'`).join(", ")})`;
    }
    case "level":
    case "severity-output":
    case "expose-fd": {
      const allowed = CLI_BIND_VALUES[name];
      if (kind !== "bind" || allowed.includes(value)) return undefined;
      return `only ${allowed.map((a) => `'${a}'`).join(", ")} (not '${value}')`;
    }
    case "init-state": {
      // srv_parse_init_state() (src/server.c, 3.2.0)
      const allowed = ["none", "fully-up", "up", "down", "fully-down"];
      return kind !== "server" || allowed.includes(value)
        ? undefined
        : `expects one of ${allowed.map((a) => `'${a}'`).join(", ")}, not '${value}'`;
    }
    case "hash-key": {
      const allowed = ["id", "addr", "addr-port"];
      return kind !== "server" || allowed.includes(value) ? undefined : `has to be 'id', 'addr' or 'addr-port'`;
    }
    case "ssl-min-ver":
    case "ssl-max-ver":
      return TLS_VERSIONS.includes(value) ? undefined : `unknown TLS version '${value}' (${TLS_VERSIONS.join(", ")})`;
    case "proto": {
      if (value === "quic") return undefined;
      const mux = MUX_PROTOCOLS[value];
      if (!mux || compareVersions(version, mux.since) < 0) return `unknown MUX protocol '${value}'`;
      return undefined;
    }
    case "crt-ignore-err":
    case "ca-ignore-err": {
      if (value === "all") return undefined;
      for (const item of value.split(",")) {
        // 3.0 also takes the names of the verify errors
        if (!/^\d/.test(item) && compareVersions(version, "3.0") >= 0) continue;
        const code = Number.parseInt(item, 10) || 0;
        if (code <= 0 || code > MAX_VERIFY_ERROR) return `error ID '${code}' out of range (1..${MAX_VERIFY_ERROR})`;
      }
      return undefined;
    }
    default:
      return undefined;
  }
}

/**
 * Options whose parser refuses a missing value (the curated ones above; `sni`: srv_parse_sni() of src/ssl_sock.c
 * 'missing sni expression'; `hash-key`: srv_parse_hash_key() of src/server.c, from 3.0, compares the missing word
 * with id, addr and addr-port and refuses it).
 */
const CURATED_NEEDS_VALUE = [
  "verify",
  "ssl-min-ver",
  "ssl-max-ver",
  "proto",
  "crt-ignore-err",
  "ca-ignore-err",
  "sni",
  "hash-key",
];

/** The options of a bind or server line, each with the value it takes (from the keyword tables). */
function optionProblems(line: HpLine, first: number, kind: "bind" | "server", hk: HaproxyKeywords): Finding[] {
  const out: Finding[] = [];
  for (let i = first; i < line.args.length; i++) {
    const word = line.args[i];
    const spec = kind === "bind" ? hk.bindOption(word.value) : hk.serverOption(word.value);
    if (!spec) continue; // unknown options are HP017's
    const arity = optionArity(spec.args);
    if (arity === "variable") break;
    // an option or value built from an unknown environment variable cannot be judged
    if (unknownVariable(word) || (line.args[i + 1] && unknownVariable(line.args[i + 1]))) {
      i += arity;
      continue;
    }
    const shape = spec.optionShapes?.[hk.version];
    const value = line.args[i + 1];
    if (arity >= 1 && !value) {
      if (
        shape?.needsValue ||
        [...CURATED_NEEDS_VALUE, ...(kind === "bind" ? Object.keys(CLI_BIND_VALUES) : [])].includes(spec.name)
      )
        out.push({ word, problem: `'${spec.name}' needs a value` });
      break;
    }
    if (arity >= 1 && value) {
      const problem =
        curatedValueProblem(spec.name, value.value, kind, hk.version) ??
        (shape ? argumentProblem(shape.value, value.value) : undefined);
      if (problem)
        out.push({
          word: value,
          problem: `'${spec.name}' ${problem.startsWith("expects") ? problem : `: ${problem}`}`,
        });
    }
    i += arity;
  }
  return out;
}

/** Where the options of a bind or server line start (after the address, the name, the template's words). */
function optionsStart(keyword: string): number {
  if (keyword === "bind") return 1;
  if (keyword === "server") return 2;
  if (keyword === "default-server") return 0;
  return keyword === "server-template" ? 3 : -1;
}

export default defineRule({
  id: "HP033",
  name: "option-values",
  severity: "error",
  scope: "haproxy",
  docs: {
    summary:
      "A bind or server option without its value or with a value HAProxy refuses; unknown words in ssl-default " +
      "options.",
    description:
      "Reads the options of `bind`, `server`, `default-server` and `server-template` lines: an option that needs a " +
      "value and ends the line, a delay or integer value of the wrong form (the types measured with the binary of " +
      "each version, scripts/schema/haproxy-probe-shapes.mjs), `verify` (bind: none, optional, required; server: " +
      "none, required), `ssl-min-ver`/`ssl-max-ver` (SSLv3, TLSv1.0 to TLSv1.3), `proto` (the MUX protocols h1, h2, " +
      "none, fcgi; spop from 3.1), `crt-ignore-err`/`ca-ignore-err` (all, or IDs 1 to 94; names from 3.0) and the " +
      "CLI's bind options `level` (user, operator, admin), `severity-output` (none, number, string) and `expose-fd` " +
      "(listeners), on bind lines and on the global `stats socket`. Also " +
      "the words of the global `ssl-default-bind-options` and `ssl-default-server-options` (`strict-sni` and " +
      "`tls-tickets` only from 3.2).",
    why:
      "HAProxy refuses the configuration on such an option. `crt-ignore-err 0`, `proto qmux` or " +
      "`ssl-default-bind-options strict-sni` written for a newer version stop a reload on an older node.",
    sources: [
      "HAProxy 2.6.12 src/cfgparse-ssl.c ssl_bind_parse_verify(), srv_parse_verify(), parse_tls_method_minmax() " +
        "('unknown ssl/tls version'), bind_parse_ignore_err() ('ID ... out of range (1..94)'), " +
        "ssl_parse_default_bind_options() and ssl_parse_default_server_options() ('unknown option ... on global " +
        "statement')",
      "HAProxy 2.6.12, 3.0.11 and 3.2.0 src/cli.c bind_parse_level() ('only supports 'user', 'operator', and " +
        "'admin''), bind_parse_severity_output(), bind_parse_expose_fd() ('missing level', ... all ERR_FATAL)",
      "HAProxy 2.6.12 src/listener.c bind_parse_proto() and src/server.c srv_parse_proto() ('unknown MUX " +
        "protocol'), the mux_proto_list registrations of src/mux_*.c",
      "the same functions at 3.0.11 and 3.2.0 (3.2 adds strict-sni, no-strict-sni and tls-tickets to " +
        "ssl-default-bind-options)",
      "the option value types measured with haproxy 2.6.12, 3.0.11 and 3.2.26 (scripts/schema/haproxy-shapes.json)",
    ],
    bad:
      "global\n    ssl-default-bind-options strict-sni\n\nbackend web\n" +
      "    server w1 192.0.2.11:443 ssl verify maybe\n",
    good:
      "global\n    ssl-default-bind-options no-tls-tickets\n\nbackend web\n" +
      "    server w1 192.0.2.11:443 ssl verify required ca-file /etc/ssl/certs/ca.pem\n",
    realTool:
      "haproxy -c reports \"unknown option 'strict-sni' on global statement 'ssl-default-bind-options'\", " +
      "\"'verify' : unknown verify method 'maybe'\", \"'proto' :  unknown MUX protocol 'qmux'\" and the like as " +
      "fatal errors (rc 1).",
    reportedBy: "haproxy -c",
  },
  messages: {
    option: (data: { problem: string; version: string }) =>
      `${data.problem}; HAProxy ${data.version} refuses the configuration`,
    defaults: (data: { keyword: string; problem: string; version: string }) =>
      `'${data.keyword}': ${data.problem}; HAProxy ${data.version} refuses the configuration`,
  },
  check(ctx) {
    const hk = ctx.haproxyKeywords;
    const version = hk.version;
    for (const doc of ctx.haproxy) {
      for (const section of doc.sections) {
        for (const line of section.lines) {
          const kw = line.keyword.value;
          if (
            section.kind === "global" &&
            (kw === "ssl-default-bind-options" || kw === "ssl-default-server-options") &&
            !line.args.some(unknownVariable)
          ) {
            const found = defaultOptionsProblem(line, kw === "ssl-default-bind-options" ? "bind" : "server", version);
            if (found)
              ctx.report({
                file: doc.file,
                range: found.word.range,
                messageId: "defaults",
                data: { keyword: kw, problem: found.problem, version },
              });
            continue;
          }
          const statsSocket = section.kind === "global" && kw === "stats" && line.args[0]?.value === "socket";
          const first = statsSocket ? 2 : optionsStart(kw);
          if (first < 0 || (kw === "server" && (section.kind === "peers" || section.kind === "ring"))) continue;
          for (const found of optionProblems(line, first, kw === "bind" || statsSocket ? "bind" : "server", hk))
            ctx.report({
              file: doc.file,
              range: found.word.range,
              messageId: "option",
              data: { problem: found.problem, version },
            });
        }
      }
    }
  },
});
