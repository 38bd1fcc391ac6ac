import { compareVersions } from "../../syntax/haproxy/condition.js";
import type { HpLine, HpWord } from "../../syntax/haproxy/tree.js";
import { defineRule } from "../rule.js";

/** The filters of each version's flt_kw_list registrations (src/*.c), with the version that added them. */
const FILTERS: Record<string, string> = {
  cache: "2.6",
  compression: "2.6",
  "fcgi-app": "2.6",
  spoe: "2.6",
  trace: "2.6",
  "bwlim-in": "2.7",
  "bwlim-out": "2.7",
  // registered by the OpenTracing addon when HAProxy is built with it (Debian's 2.6.12 is)
  opentracing: "2.6",
};

const PROXIES = new Set(["frontend", "backend", "listen"]);

type Problem =
  | { word: HpWord; messageId: "missingName" }
  | { word: HpWord; messageId: "unknownFilter" }
  | { word: HpWord; messageId: "filterOfNewerVersion"; problem: string }
  | { word: HpWord; messageId: "problem"; problem: string };

/** What the filter's parser refuses (parse_filter() of src/filters.c and each filter's own parser). */
function filterProblem(line: HpLine, version: string, compressionBefore: boolean): Problem | undefined {
  const [name, ...rest] = line.args;
  if (!name) return { word: line.keyword, messageId: "missingName" };
  const since = FILTERS[name.value];
  if (since === undefined) return { word: name, messageId: "unknownFilter" };
  if (compareVersions(version, since) < 0) return { word: name, messageId: "filterOfNewerVersion", problem: since };
  const fail = (word: HpWord, problem: string): Problem => ({ word, messageId: "problem", problem });
  switch (name.value) {
    case "spoe": {
      // parse_spoe_flt(): 'config <file>' is required, 'engine <id>' optional, nothing else
      let config = false;
      for (let i = 0; i < rest.length; i += 2) {
        const option = rest[i];
        if (option.value !== "config" && option.value !== "engine")
          return fail(option, `unknown keyword '${option.value}' (only 'config <file>' and 'engine <name>')`);
        if (!rest[i + 1]) return fail(option, `'${option.value}' needs a value`);
        if (option.value === "config") config = true;
      }
      return config ? undefined : fail(name, "it needs 'config <file>' (the SPOE configuration file)");
    }
    case "cache":
    case "fcgi-app":
      // parse_cache_flt(), parse_fcgi_flt(): one name, nothing after it
      if (!rest[0])
        return fail(name, `it needs the name of the ${name.value === "cache" ? "cache" : "fcgi-app section"}`);
      return rest[1] ? fail(rest[1], `unexpected word '${rest[1].value}' after the name`) : undefined;
    case "compression":
      // parse_http_comp_flt(): no argument, one per proxy
      if (compressionBefore) return fail(name, "a proxy takes only one compression filter");
      return rest[0] ? fail(rest[0], `unexpected word '${rest[0].value}'`) : undefined;
    case "trace":
      // parse_trace_flt(): 'name <value>', quiet, random-parsing, random-forwarding, hexdump
      for (let i = 0; i < rest.length; i++) {
        const option = rest[i].value;
        if (option === "name") {
          if (!rest[i + 1]) return fail(rest[i], "'name' needs a value");
          i++;
        } else if (!["quiet", "random-parsing", "random-forwarding", "hexdump"].includes(option))
          return fail(rest[i], `unknown keyword '${option}'`);
      }
      return undefined;
    default:
      return undefined;
  }
}

export default defineRule({
  id: "HP030",
  name: "filter-declaration",
  severity: "error",
  scope: "haproxy",
  docs: {
    summary: "A `filter` line HAProxy refuses: no or unknown filter, or arguments its parser does not take.",
    description:
      "Checks every `filter` line of the proxies against the filters of the target version (cache, compression, " +
      "fcgi-app, spoe, trace; bwlim-in and bwlim-out from 2.7; opentracing when the build has it) and their " +
      "parsers: `filter spoe` needs `config <file>` and knows only `config` and `engine`, each with a value; " +
      "`filter cache <name>` and `filter fcgi-app <name>` take one name; `filter compression` takes nothing and " +
      "comes once per proxy; `filter trace` knows `name <value>`, `quiet`, `random-parsing`, `random-forwarding` " +
      "and `hexdump`.",
    why:
      "HAProxy refuses the configuration on such a line: a SPOE filter written without its configuration file, or a " +
      "bandwidth-limit filter on a 2.6 node, stops a reload.",
    sources: [
      "HAProxy 2.6.12 src/filters.c parse_filter() ('missing argument for', 'unknown keyword', the check that the " +
        "filter's parser used every word)",
      "HAProxy 2.6.12 src/flt_spoe.c parse_spoe_flt() ('missing config file', 'option without value'), src/cache.c " +
        "parse_cache_flt(), src/fcgi-app.c parse_fcgi_flt(), src/flt_http_comp.c parse_http_comp_flt() ('Proxy " +
        "supports only one compression filter'), src/flt_trace.c parse_trace_flt()",
      "the flt_kw_list registrations of 2.6.12, 3.0.11 and 3.2.0 (bwlim-in and bwlim-out are in 3.0 and 3.2, not in " +
        "2.6)",
    ],
    bad: "backend agents\n    filter spoe engine ip-reputation\n",
    good: "backend agents\n    filter spoe engine ip-reputation config /etc/haproxy/spoe-ip-reputation.conf\n",
    realTool: "haproxy -c reports \"'filter' : ''spoe' : missing config file'\" and the like as a fatal error (rc 1).",
    reportedBy: "haproxy -c",
    versions: "bwlim-in and bwlim-out need 2.7 or newer.",
  },
  messages: {
    missingName: () => "'filter' without a filter name; HAProxy refuses the configuration",
    unknownFilter: (data: { name: string }) =>
      `unknown filter '${data.name}' (cache, compression, fcgi-app, spoe, trace, bwlim-in, bwlim-out); HAProxy ` +
      `refuses the configuration`,
    filterOfNewerVersion: (data: { name: string; since: string; version: string }) =>
      `filter '${data.name}' needs HAProxy ${data.since} or newer; HAProxy ${data.version} refuses it`,
    problem: (data: { name: string; problem: string }) =>
      `'filter ${data.name}': ${data.problem}; HAProxy refuses the configuration`,
  },
  check(ctx) {
    const version = ctx.haproxyKeywords.version;
    for (const doc of ctx.haproxy) {
      for (const section of doc.sections) {
        if (!PROXIES.has(section.kind)) continue;
        let compression = false;
        for (const line of section.lines) {
          if (line.keyword.value !== "filter") continue;
          if ([line.keyword, ...line.args].some((w) => w.env.some((e) => e.resolved === undefined))) continue;
          const found = filterProblem(line, version, compression);
          if (line.args[0]?.value === "compression") compression = true;
          if (!found) continue;
          const name = line.args[0]?.value ?? "";
          const at = { file: doc.file, range: found.word.range };
          if (found.messageId === "missingName") ctx.report({ ...at, messageId: "missingName" });
          else if (found.messageId === "unknownFilter")
            ctx.report({ ...at, messageId: "unknownFilter", data: { name } });
          else if (found.messageId === "filterOfNewerVersion")
            ctx.report({ ...at, messageId: "filterOfNewerVersion", data: { name, since: found.problem, version } });
          else ctx.report({ ...at, messageId: "problem", data: { name, problem: found.problem } });
        }
      }
    }
  },
});
