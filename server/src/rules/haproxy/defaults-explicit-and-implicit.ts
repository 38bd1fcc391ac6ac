import type { Proxy } from "../../model/types.js";
import { defineRule } from "../rule.js";
import { haproxyConfigs, lineOf } from "./proxy-index.js";

const TO = "    timeout connect 5s\n    timeout client 30s\n    timeout server 30s\n";

export default defineRule({
  id: "HP020",
  name: "defaults-explicit-and-implicit",
  severity: "warning",
  scope: "haproxy",
  docs: {
    summary: "A named `defaults` section both referenced with `from` and used implicitly by a proxy without `from`.",
    description:
      "Follows the sections in file order as HAProxy does: a proxy or defaults section with `from NAME` references NAME explicitly; a proxy without `from` implicitly uses the last `defaults` section before it. Reports each section at which a named defaults section has become both explicitly referenced and implicitly used.",
    why: "HAProxy forbids mixing both uses of one defaults section because the settings a proxy really gets become ambiguous (rules of named defaults are meant for proxies that name them). HAProxy 2.6 reports it as an ALERT while still loading the configuration; later versions report it as a warning. The usual cause is a proxy added at the end of the file, after a named defaults section meant only for `from` users.",
    sources: [
      "HAProxy src/cfgparse-listen.c cfg_parse_listen() (PR_FL_EXPLICIT_REF / PR_FL_IMPLICIT_REF, 'is explicitly referenced by another proxy and implicitly used here')",
      "HAProxy configuration manual 4 'defaults [<name>] [ from <defaults_name> ]'",
    ],
    bad: "defaults tcp_defaults\n    mode tcp\n\nfrontend pg from tcp_defaults\n    bind :5432\n    default_backend pg\n\nbackend pg\n    server pg1 192.0.2.31:5432 check\n",
    good: "defaults tcp_defaults\n    mode tcp\n\nfrontend pg from tcp_defaults\n    bind :5432\n    default_backend pg\n\nbackend pg from tcp_defaults\n    server pg1 192.0.2.31:5432 check\n",
    realTool:
      "haproxy 2.6 -c prints \"defaults section 'tcp_defaults' … is explicitly referenced by another proxy and implicitly used here\" as an ALERT but keeps rc 0 and starts; 2.7 and later print it as a WARNING.",
    reportedBy: "haproxy -c",
    severityNote:
      "Warning: HAProxy 2.6 prints an ALERT yet loads the configuration (verified with 2.6.12), later versions print a warning.",
  },
  check(ctx) {
    for (const config of haproxyConfigs(ctx)) {
      const sections = [...config.defaults, ...config.proxies].sort(
        (a, b) => a.sectionLocation.range.start.line - b.sectionLocation.range.start.line,
      );
      const explicit = new Map<Proxy, Proxy>();
      const implicit = new Map<Proxy, Proxy>();
      for (const p of sections) {
        const d = p.defaults;
        if (!d || !d.name) continue;
        if (p.from) {
          if (!explicit.has(d)) explicit.set(d, p);
        } else if (p.kind !== "defaults") {
          if (!implicit.has(d)) implicit.set(d, p);
        } else continue;
        const e = explicit.get(d);
        const i = implicit.get(d);
        if (!e || !i) continue;
        const other = p.from ? i : e;
        const how = p.from
          ? `names it with 'from', while ${other.kind} '${other.name}' (line ${lineOf(other.location)}) uses it implicitly`
          : `uses it implicitly (it has no 'from' and '${d.name}' is the last defaults section before it), while ${other.kind} '${other.name}' (line ${lineOf(other.location)}) names it with 'from'`;
        ctx.report({
          file: p.location.file,
          range: p.location.range,
          message: `${p.kind} '${p.name}' ${how}: HAProxy rejects mixing both uses of defaults section '${d.name}' (ALERT in 2.6, warning later); add 'from ${d.name}' to every proxy that needs it, or put an anonymous defaults section after it for the others`,
          related: [{ file: d.location.file, range: d.location.range, message: `defaults section '${d.name}'` }],
        });
      }
    }
  },
  cases: {
    valid: [
      {
        name: "explicit users only, then a last anonymous defaults",
        files: {
          "haproxy.cfg": `defaults tcp_defaults\n    mode tcp\n${TO}\nfrontend pg from tcp_defaults\n    bind :5432\n    default_backend pg\n\nbackend pg from tcp_defaults\n    server pg1 192.0.2.31:5432 check\n\ndefaults\n    mode http\n${TO}\nfrontend www\n    bind :80\n    default_backend web\n\nbackend web\n    server w1 192.0.2.11:80 check\n`,
        },
      },
    ],
    invalid: [
      {
        name: "backend forgot from",
        files: {
          "haproxy.cfg": `defaults tcp_defaults\n    mode tcp\n${TO}\nfrontend pg from tcp_defaults\n    bind :5432\n    default_backend pg\n\nbackend pg\n    server pg1 192.0.2.31:5432 check\n`,
        },
        realTool:
          "defaults section 'tcp_defaults' .* is explicitly referenced by another proxy and implicitly used here",
        expect: [{ line: 11, message: "backend 'pg' uses it implicitly" }],
      },
      {
        name: "named defaults derived from the one in use",
        files: {
          "haproxy.cfg": `defaults base\n${TO}\nfrontend www\n    bind :80\n    default_backend web\n\nbackend web\n    server w1 192.0.2.11:80 check\n\ndefaults http from base\n    mode http\n`,
        },
        realTool: "defaults section 'base' .* is explicitly referenced",
        expect: [{ line: 13, message: "defaults 'http' names it with 'from'" }],
      },
    ],
  },
});
