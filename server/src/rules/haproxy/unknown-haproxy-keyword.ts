import { defineRule } from "../rule.js";

export default defineRule({
  id: "HP017",
  name: "unknown-haproxy-keyword",
  severity: "error",
  scope: "haproxy",
  docs: {
    summary: "A keyword HAProxy does not know (typo, keyword of another version, or a line before any section).",
    description:
      "Checks the keyword of every line (multi-word keywords such as `timeout client`, `option httpchk`, `stats auth` included, with `no`/`default` prefixes) against the keywords of the target HAProxy version, generated from the configuration manual's keyword matrix and the keyword lists of the sources and of `haproxy -dKall`. Suggests the closest keyword, and says when a keyword exists only in other versions.",
    why: "HAProxy rejects the whole configuration on an unknown keyword: `haproxy -c` fails and a reload keeps running the old configuration, or a fresh start brings up no load balancer. Keywords also appear and disappear between versions (2.6 has no `option forwarded`; 3.x no longer has `option transparent`), so a config that works on one node fails on a node with another version.",
    sources: ["HAProxy configuration manual section 4.1 (proxy keywords matrix) and section 3 (global parameters)", "HAProxy src/cfgparse.c, src/cfgparse-listen.c 'unknown keyword'"],
    bad: "defaults\n    timout client 30s\n",
    good: "defaults\n    timeout client 30s\n",
    realTool: "haproxy -c reports \"unknown keyword 'x' in 'y' section; did you mean 'z' maybe ?\" as a fatal error (rc 1).",
    versions: "Checked against the keywords of the configured HAProxy version (2.6, 2.8, 3.0, 3.2 or 3.4).",
  },
  check(ctx) {
    const hk = ctx.haproxyKeywords;
    for (const doc of ctx.haproxy) {
      for (const line of doc.outside) {
        ctx.report({
          file: doc.file,
          range: line.keyword.range,
          message: `'${line.keyword.value}' appears before any section; a haproxy.cfg must start with a section keyword (global, defaults, frontend, backend, listen, ...)`,
        });
      }
      for (const section of doc.sections) {
        if (hk.keywordsOf(section.kind).length === 0) continue;
        for (const line of section.lines) {
          const words = [line.keyword.value, ...line.args.map((a) => a.value)];
          if (hk.match(section.kind, words)) continue;
          if (hk.sectionsAccepting(words).length > 0) continue; // HP016: valid keyword, wrong section
          const other = hk.matchAnyVersion(section.kind, words);
          const label = other ? other.spec.name : words[0];
          if (other) {
            ctx.report({
              file: doc.file,
              range: line.keyword.range,
              message: `'${other.spec.name}' is not a keyword of HAProxy ${hk.version} in '${section.kind}' sections (it exists in ${other.spec.versions.join(", ")}); HAProxy ${hk.version} refuses to start with it`,
            });
            continue;
          }
          const suggestion = hk.suggest(section.kind, words);
          const isOption = words[0] === "option" || (words[0] === "no" && words[1] === "option");
          const what = isOption ? `unknown option '${words[words[0] === "no" ? 2 : 1] ?? ""}'` : `unknown keyword '${label}'`;
          const end = isOption ? (line.args[words[0] === "no" ? 1 : 0] ?? line.keyword).range.end : line.keyword.range.end;
          ctx.report({
            file: doc.file,
            range: { start: line.keyword.range.start, end },
            message: `${what} in '${section.kind}' section; HAProxy refuses to start with it${suggestion ? `. Did you mean '${suggestion}'?` : ""}`,
            fixes:
              suggestion && !isOption && !suggestion.includes(" ")
                ? [{ description: `Replace '${label}' with '${suggestion}'`, safe: true, edits: [{ file: doc.file, range: line.keyword.range, newText: suggestion }] }]
                : undefined,
          });
        }
      }
    }
  },
  cases: {
    valid: [
      {
        name: "typical configuration",
        files: {
          "haproxy.cfg":
            "global\n    maxconn 4096\n    log /dev/log local0\ndefaults\n    mode http\n    timeout client 30s\n    timeout server 30s\n    timeout connect 5s\n    option httplog\n    no option http-server-close\nfrontend fe\n    bind 192.0.2.10:80\n    default_backend be\nbackend be\n    balance roundrobin\n    option httpchk GET /health\n    server s1 198.51.100.1:80 check\n",
        },
      },
    ],
    invalid: [
      { name: "typo", files: { "haproxy.cfg": "defaults\n    timout client 30s\n" }, expect: [{ line: 2, message: "Did you mean" }] },
      { name: "unknown option", files: { "haproxy.cfg": "backend b\n    option httpchck\n" }, expect: [{ line: 2, message: "unknown option 'httpchck'" }] },
      { name: "line before any section", files: { "haproxy.cfg": "maxconn 100\nglobal\n" }, expect: [{ line: 1, message: "before any section" }] },
      { name: "keyword of a newer version", files: { "haproxy.cfg": "backend b\n    server s 192.0.2.1:80\n    option forwarded\n" }, expect: [{ line: 3, message: "not a keyword of HAProxy 2.6" }] },
    ],
  },
});
