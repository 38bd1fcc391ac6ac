import { PROXY_SECTIONS } from "../../schema/haproxy-keywords.js";
import { defineRule } from "../rule.js";

/** Keywords HAProxy refuses (rather than ignores) in a proxy section that lacks the capability. */
const FATAL_OUT_OF_PLACE = new Set(["server", "default-server", "server-template"]);

export default defineRule({
  id: "HP016",
  name: "keyword-wrong-section",
  severity: "error",
  scope: "haproxy",
  docs: {
    summary: "A known keyword used in a section where HAProxy does not allow it.",
    description:
      "Uses the proxy keywords matrix of the target version: a frontend-only keyword in a backend, a backend-only keyword in a frontend, a keyword that may not stand in `defaults`, a keyword allowed only in a named `defaults` section used in an anonymous one, or a keyword of another kind of section altogether (a `global` keyword in a proxy).",
    why: "Depending on the keyword, HAProxy either ignores it with a warning (`bind` in a backend, `balance` in a frontend: the setting you wrote has no effect) or refuses the configuration (`server` in a frontend, `http-request` in an anonymous defaults section, a global keyword in a proxy).",
    sources: [
      "HAProxy configuration manual section 4.1 (keyword matrix, '(!)' marks)",
      "HAProxy src/cfgparse-listen.c warnifnotcap(), 'not allowed in 'defaults' section'",
    ],
    bad: "frontend fe\n    bind :80\n    balance roundrobin\n    server s1 192.0.2.1:80\n",
    good: "frontend fe\n    bind :80\n    default_backend be\nbackend be\n    balance roundrobin\n    server s1 192.0.2.1:80 check\n",
    realTool:
      "haproxy -c warns and ignores the keyword in a proxy without the capability, and fails (rc 1) for the other cases.",
    reportedBy: "haproxy -c",
    severityNote:
      "Error where HAProxy refuses the configuration (keywords not allowed in defaults, named-defaults-only keywords in an anonymous defaults section, server lines in a frontend, keywords of non-proxy sections); warning where HAProxy ignores the keyword with a warning (proxy capability mismatches).",
    versions: "Uses the keyword matrix of the configured HAProxy version.",
  },
  check(ctx) {
    const hk = ctx.haproxyKeywords;
    for (const doc of ctx.haproxy) {
      for (const section of doc.sections) {
        for (const line of section.lines) {
          const words = [line.keyword.value, ...line.args.map((a) => a.value)];
          const here = hk.match(section.kind, words);
          if (here) {
            if (section.kind === "defaults" && here.spec.namedDefaultsOnly && !section.name) {
              ctx.report({
                file: doc.file,
                range: line.keyword.range,
                message: `'${here.spec.name}' is allowed only in a named defaults section ('defaults NAME'); HAProxy refuses it in an anonymous one`,
              });
            }
            continue;
          }
          const accepting = hk.sectionsAccepting(words);
          if (accepting.length === 0) continue; // HP017
          const name = hk.match(accepting[0], words)!.spec.name;
          const proxyHome = accepting.filter((s) => PROXY_SECTIONS.has(s));
          if (PROXY_SECTIONS.has(section.kind) && proxyHome.length > 0) {
            const fatal = section.kind === "defaults" || FATAL_OUT_OF_PLACE.has(name);
            ctx.report({
              file: doc.file,
              range: line.keyword.range,
              severity: fatal ? "error" : "warning",
              message: fatal
                ? `'${name}' is not allowed in a ${section.kind} section (only in ${proxyHome.join(", ")}); HAProxy refuses the configuration`
                : `'${name}' has no effect in a ${section.kind} section (it applies to ${proxyHome.join(", ")}); HAProxy ignores it with a warning`,
            });
            continue;
          }
          ctx.report({
            file: doc.file,
            range: line.keyword.range,
            message: `'${name}' belongs in ${accepting
              .slice(0, 4)
              .map((s) => `'${s}'`)
              .join(", ")}, not in a '${section.kind}' section; HAProxy refuses it here`,
          });
        }
      }
    }
  },
  cases: {
    valid: [
      {
        name: "keywords in their sections",
        files: {
          "haproxy.cfg":
            "global\n    maxconn 100\ndefaults\n    mode http\nfrontend f\n    bind :80\n    default_backend b\nbackend b\n    balance roundrobin\n    server s 192.0.2.1:80 check\n",
        },
      },
    ],
    invalid: [
      {
        name: "backend keyword in a frontend",
        files: { "haproxy.cfg": "frontend f\n    bind :80\n    balance roundrobin\n" },
        realTool: "WARNING.*balance",
        expect: [{ line: 3, severity: "warning", message: "no effect" }],
      },
      {
        name: "server in a frontend",
        files: { "haproxy.cfg": "frontend f\n    bind :80\n    server s 192.0.2.1:80\n" },
        realTool: "server",
        expect: [{ line: 3, severity: "error" }],
      },
      {
        name: "global keyword in a backend",
        files: { "haproxy.cfg": "backend b\n    nbthread 4\n" },
        expect: [{ line: 2, severity: "error", message: "'global'" }],
      },
      {
        name: "http-request in anonymous defaults",
        files: { "haproxy.cfg": "defaults\n    http-request deny\n" },
        expect: [{ line: 2, severity: "error", message: "named defaults" }],
      },
    ],
  },
});
