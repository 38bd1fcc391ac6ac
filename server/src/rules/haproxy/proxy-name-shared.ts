import { atLeast } from "../../schema/versions.js";
import type { HpSection } from "../../syntax/haproxy/tree.js";
import { defineRule } from "../rule.js";
import { haproxyUnits, warningLevel } from "./haproxy-version.js";

export default defineRule({
  id: "HP061",
  name: "proxy-name-shared",
  severity: "warning",
  scope: "haproxy",
  docs: {
    summary:
      "A frontend and a backend with the same name (or a proxy named like an earlier defaults section): a warning " +
      "from HAProxy 3.1, refused from 3.3.",
    description:
      "Reports a frontend, backend or listen section whose name an earlier section of another kind already uses, " +
      "where older HAProxy versions allowed it: a frontend and a backend, or a proxy and a named defaults section. " +
      "Two sections of the same kind, or a listen with a frontend or backend, are refused by every version (HP005).",
    why:
      "HAProxy 3.1 deprecates the shared name ('This is dangerous and will not be supported anymore in version 3.3'), " +
      "3.3 refuses the configuration. With zero-warning, 3.1 and 3.2 already refuse to start. Statistics, logs and " +
      "the runtime API also tell the two apart only by type.",
    sources: [
      "HAProxy src/cfgparse-listen.c cfg_parse_listen() at v3.1.0/v3.2.0 (ha_warning '... has the same name as " +
        "...') and v3.3.0 (ha_alert 'This is no longer supported as of 3.3')",
    ],
    bad: "frontend web\n    bind :80\n    default_backend web\n\nbackend web\n    server s1 192.0.2.11:80 check\n",
    good: "frontend web\n    bind :80\n    default_backend be_web\n\nbackend be_web\n    server s1 192.0.2.11:80 check\n",
    realTool:
      "haproxy -c 3.2.26: \"backend 'web' has the same name as frontend 'web' declared at c.conf:10. This is " +
      'dangerous and will not be supported anymore in version 3.3." (warning); 2.6.12 and 3.0.11 accept it ' +
      "silently.",
    reportedBy: "haproxy -c",
    unreported: ["notYet"],
    severityNote: "Warning from 3.1; an error with `zero-warning` and from 3.3 (refused); info before 3.1.",
    versions: "HAProxy 3.1 and 3.2 warn, 3.3 and later refuse; before 3.1 the rule says what an upgrade does (info).",
  },
  messages: {
    warned: (data: { kind: string; name: string; other: string; line: number; version: string }) =>
      `${data.kind} '${data.name}' has the same name as the ${data.other} on line ${data.line}: HAProxy ` +
      `${data.version} warns that this is deprecated, and 3.3 refuses it; rename one of them`,
    refusesToStart: (data: { kind: string; name: string; other: string; line: number; version: string }) =>
      `${data.kind} '${data.name}' has the same name as the ${data.other} on line ${data.line}: HAProxy ` +
      `${data.version} warns about it and, with zero-warning set, refuses to start; rename one of them`,
    refused: (data: { kind: string; name: string; other: string; line: number; version: string }) =>
      `${data.kind} '${data.name}' has the same name as the ${data.other} on line ${data.line}: HAProxy ` +
      `${data.version} refuses the configuration (no longer supported as of 3.3); rename one of them`,
    notYet: (data: { kind: string; name: string; other: string; line: number; version: string }) =>
      `${data.kind} '${data.name}' has the same name as the ${data.other} on line ${data.line}: HAProxy ` +
      `${data.version} allows it, 3.1 warns and 3.3 refuses it; rename one of them`,
  },
  check(ctx) {
    for (const unit of haproxyUnits(ctx)) {
      const level = warningLevel(unit, atLeast("haproxy", unit.version, "3.1"));
      const refused = atLeast("haproxy", unit.version, "3.3");
      // The earlier sections by name, in order (the first that clashes is the one named).
      const earlier = new Map<string, HpSection[]>();
      for (const { file, section: s } of unit.config.sections) {
        const name = s.name;
        if (!["frontend", "backend", "listen", "defaults"].includes(s.kind) || !name) continue;
        const sameName = earlier.get(name.value);
        const other =
          s.kind === "defaults"
            ? undefined
            : sameName?.find(
                (e) =>
                  (e.kind === "frontend" && s.kind === "backend") ||
                  (e.kind === "backend" && s.kind === "frontend") ||
                  e.kind === "defaults",
              );
        if (sameName) sameName.push(s);
        else earlier.set(name.value, [s]);
        if (!other) continue;
        const data = {
          kind: s.kind,
          name: name.value,
          other: `${other.kind} section`,
          line: other.header.range.start.line + 1,
          version: unit.version,
        };
        if (refused) ctx.report({ file, range: name.range, severity: "error", messageId: "refused", data });
        else
          ctx.report({
            file,
            range: name.range,
            severity: level.severity,
            messageId: level.messageId,
            data,
          });
      }
    }
  },
});
