import { defineRule } from "../rule.js";
import { at, keepalivedUnits } from "./ka-model.js";

const GREP = /\b[ef]?grep\b((?:[ \t]+-[A-Za-z]+)*)[ \t]+(?:-e[ \t]+)?(['"]?)([^\s'"|;&]*?:(\d{1,5}))\2(?=$|[\s|;&)])/gm;

/** `grep ':80'`-like patterns in a command or script text: the pattern as written and its port. */
export function unterminatedPortGreps(text: string): { pattern: string; port: string }[] {
  const out: { pattern: string; port: string }[] = [];
  const code = text
    .split("\n")
    .filter((l) => !/^\s*#/.test(l))
    .join("\n");
  for (const m of code.matchAll(GREP)) {
    if (/[wx]/.test(m[1].replace(/-/g, ""))) continue; // -w / -x: whole-word or whole-line match
    out.push({ pattern: m[3], port: m[4] });
  }
  return out;
}

export default defineRule({
  id: "KA014",
  name: "port-grep-without-terminator",
  severity: "warning",
  scope: "keepalived",
  docs: {
    summary: "A check script greps for ':PORT' with nothing after the port, so ':80' also matches ':8080' or ':8000'.",
    description:
      "Looks at each vrrp_script command, and at the script file's text when the node's files include it, for " +
      "`grep` patterns that end with `:<digits>` and no terminator (a space, `$`, `\\b`, `\\>`, `[^0-9]`, or grep's " +
      "`-w`/`-x`). Comment lines of script files are skipped.",
    why:
      "Listening-socket checks such as `ss -ltn | grep -q ':80'` are meant to prove that HAProxy listens on port 80. " +
      "The pattern also matches ':8080', ':8000' or ':8443' of any other service, so the check stays green while " +
      "HAProxy is down and the VIP is never moved.",
    sources: [
      "ss(8) / netstat(8) output format 'address:port'",
      "grep(1) -w and -x",
      "DigitalOcean 'How to set up highly available HAProxy servers with keepalived' style checks (grep on " +
        "ss/netstat output)",
    ],
    bad: "vrrp_script chk_haproxy {\n    script \"/bin/sh -c 'ss -ltn | grep -q :80'\"\n}\n",
    good:
      'vrrp_script chk_haproxy {\n    script "/bin/sh -c \'ss -ltn | grep -q \\":80 \\"\'"\n}\n' +
      "# or: ss -ltn 'sport = :80' | grep -q LISTEN\n",
    realTool: "Nothing reports it: the check runs and succeeds whenever any port starting with those digits is open.",
    reportedBy: "none",
  },
  messages: {
    noTerminator: (data: { script: string; pattern: string; where: string; port: string }) =>
      `vrrp_script '${data.script}' greps '${data.pattern}'${data.where} with nothing after the port, so it also ` +
      `matches ':${data.port}0' or ':${data.port}${data.port.length < 3 ? data.port : "1"}' of another service and ` +
      `reports success while HAProxy is down (end the pattern with a space or '\\b', or use grep -w)`,
  },
  check(ctx) {
    for (const { config } of keepalivedUnits(ctx)) {
      for (const script of config.scripts.values()) {
        const cmd = script.command;
        if (!cmd) continue;
        const sources: { text: string; where: string }[] = [{ text: cmd.args.join(" "), where: "" }];
        if (cmd.fileText !== undefined) sources.push({ text: cmd.fileText, where: ` in ${cmd.args[0]}` });
        const seen = new Set<string>();
        for (const src of sources) {
          for (const g of unterminatedPortGreps(src.text)) {
            const key = `${g.pattern}${src.where}`;
            if (seen.has(key)) continue;
            seen.add(key);
            ctx.report({
              ...at(cmd.location),
              messageId: "noTerminator",
              data: {
                script: script.name,
                pattern: g.pattern,
                where: src.where,
                port: g.port,
              },
            });
          }
        }
      }
    }
  },
});
