import type { Proxy } from "../../model/types.js";
import { defineRule } from "../rule.js";
import { haproxyConfigs, lineOf } from "./proxy-index.js";

/** 2.6 to 2.8 print the message as an ALERT (still only ERR_WARN), 2.9 and later as a WARNING. */
function printsAlert(version: string): boolean {
  const [major, minor] = version.split(".").map(Number);
  return major < 2 || (major === 2 && minor <= 8);
}

export default defineRule({
  id: "HP020",
  name: "defaults-explicit-and-implicit",
  severity: "warning",
  scope: "haproxy",
  docs: {
    summary: "A named `defaults` section both referenced with `from` and used implicitly by a proxy without `from`.",
    description:
      "Follows the sections in file order as HAProxy does: a proxy or defaults section with `from NAME` references " +
      "NAME explicitly; a proxy without `from` implicitly uses the last `defaults` section before it (a defaults " +
      "section without `from` inherits from none). Reports each section at which a named defaults section is, from " +
      "then on, both explicitly referenced and implicitly used: HAProxy prints its message there and at every later " +
      "user of that section.",
    why:
      "Named defaults sections are meant for the proxies that name them. A proxy that has no `from` and comes after " +
      "such a section silently takes its settings too (its mode, timeouts, options); that is usually a proxy added at " +
      "the end of the file. HAProxy flags the mix but loads the configuration: 2.6 prints the message as an ALERT, " +
      "yet sets only a warning code (exit 0, the proxy starts with the inherited settings); 2.9 and later print it as " +
      "a WARNING.",
    sources: [
      "HAProxy 2.6.12 src/cfgparse-listen.c cfg_parse_listen() (PR_FL_EXPLICIT_REF / PR_FL_IMPLICIT_REF; ha_alert() " +
        "with err_code |= ERR_WARN only)",
      "HAProxy v2.9.0 src/cfgparse-listen.c (the same message through ha_warning(): 'BUG/MINOR: cfgparse-listen: " +
        "fix warning being reported as an alert')",
      "HAProxy configuration manual 4 'defaults [<name>] [ from <defaults_name> ]'",
    ],
    bad:
      "defaults tcp_defaults\n    mode tcp\n\nfrontend pg from tcp_defaults\n    bind :5432\n    default_backend pg\n" +
      "\nbackend pg\n    server pg1 192.0.2.31:5432 check\n",
    good:
      "defaults tcp_defaults\n    mode tcp\n\nfrontend pg from tcp_defaults\n    bind :5432\n    default_backend pg\n" +
      "\nbackend pg from tcp_defaults\n    server pg1 192.0.2.31:5432 check\n",
    realTool:
      "haproxy 2.6.12 -c prints \"defaults section 'tcp_defaults' (declared at …) is explicitly referenced by " +
      "another proxy and implicitly used here\" as an [ALERT] on the proxy's line, then 'Configuration file is " +
      "valid' (exit 0); 3.0.11 and 3.2.26 print the same text as a [WARNING].",
    reportedBy: "haproxy -c",
    severityNote: "Warning: HAProxy loads the configuration (verified with 2.6.12, 3.0.11 and 3.2.26).",
  },
  messages: {
    implicitAfterExplicit: (data: { proxy: string; defaults: string; other: string; line: number; level: string }) =>
      `${data.proxy} uses defaults section '${data.defaults}' implicitly (it has no 'from' and '${data.defaults}' is ` +
      `the last defaults section before it), while ${data.other} (line ${data.line}) names it with 'from': HAProxy ` +
      `flags the mix (${data.level}) but loads the file, and this proxy takes the settings of '${data.defaults}'; ` +
      `add 'from ${data.defaults}' if it needs them, or put an anonymous defaults section before it`,
    explicitAfterImplicit: (data: { proxy: string; defaults: string; other: string; line: number; level: string }) =>
      `${data.proxy} names defaults section '${data.defaults}' with 'from', while ${data.other} (line ${data.line}) ` +
      `uses it implicitly: HAProxy flags the mix (${data.level}) but loads the file, and ${data.other} keeps taking ` +
      `the settings of '${data.defaults}'; give every proxy that needs them 'from ${data.defaults}', and put an ` +
      `anonymous defaults section after '${data.defaults}' for the others`,
  },
  check(ctx) {
    const level = printsAlert(ctx.settings.haproxyVersion) ? "an ALERT, exit code 0" : "a warning";
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
        const data = {
          proxy: `${p.kind} '${p.name}'`,
          defaults: d.name,
          other: `${other.kind} '${other.name}'`,
          line: lineOf(other.location),
          level,
        };
        ctx.report({
          file: p.location.file,
          range: p.location.range,
          messageId: p.from ? "explicitAfterImplicit" : "implicitAfterExplicit",
          data,
          related: [{ file: d.location.file, range: d.location.range, message: `defaults section '${d.name}'` }],
        });
      }
    }
  },
});
