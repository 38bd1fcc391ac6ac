import type { Fix } from "../finding.js";
import { defineRule } from "../rule.js";
import { at, keepalivedUnits, SHELLS } from "./ka-model.js";

/** Usual absolute paths (Debian/Ubuntu, RHEL) and the package that ships the command. */
const KNOWN: Record<string, { path: string; pkg: string; process: boolean }> = {
  killall: { path: "/usr/bin/killall", pkg: "psmisc, which the keepalived package does not depend on", process: true },
  pgrep: { path: "/usr/bin/pgrep", pkg: "procps", process: true },
  curl: { path: "/usr/bin/curl", pkg: "curl", process: false },
  nc: { path: "/usr/bin/nc", pkg: "a netcat package", process: false },
};

/**
 * Programs every node running keepalived has: pidof (sysvinit-utils, an Essential package on Debian/Ubuntu; procps-ng
 * on RHEL), the coreutils/grep/util-linux basics (Essential), ip (iproute2, which Debian's keepalived package
 * depends on) and systemctl (keepalived is started by systemd on every current distribution). Found through PATH
 * there, they are not reported.
 */
const EVERYWHERE = new Set(
  "pidof systemctl ip test [ true false cat grep egrep sed kill ls echo printf sleep timeout stat head tail".split(" "),
);

export default defineRule({
  id: "KA012",
  name: "bare-script-command",
  severity: "warning",
  scope: "keepalived",
  docs: {
    summary:
      "A vrrp_script runs a program that may be missing (killall, pgrep, curl ...) by bare name instead of an " +
      "absolute path.",
    description:
      "Reports a vrrp_script whose command (the first word keepalived executes) contains no '/'. Shells (`sh`, " +
      "`bash`, ...) are not reported: they are present on every system and KA013 recommends them for shell syntax. " +
      "Nor are programs every keepalived node has (pidof, systemctl, ip, and the coreutils, grep and util-linux " +
      "basics of Debian's Essential packages): found through PATH, they never go missing. For killall and pgrep " +
      "the message suggests `vrrp_track_process`, which watches a process without any script.",
    why:
      "keepalived resolves a bare name through its own PATH once, at start-up. If the program is not there (killall " +
      "comes from psmisc, which Debian's keepalived package does not pull in) it logs 'Cannot find script killall in " +
      "path', then 'Disabling track script X since not found/accessible', and removes the tracker from every " +
      "instance: the instance runs untracked and the VIP no longer follows HAProxy. An absolute path fails loudly in " +
      "review and under enable_script_security is checked for safe ownership.",
    sources: [
      "keepalived lib/notify.c check_script_secure() / find_path() at v2.2.7 ('Cannot find script %s in path - " +
        "disabling', SC_NOTFOUND)",
      "keepalived keepalived/vrrp/vrrp.c check_track_script_secure() and check_vrrp_script_security() at v2.2.7 " +
        "('Disabling track script %s since not found/accessible'; the tracker is removed from every instance and " +
        "sync group)",
      "acassen/keepalived issue #2599 (vrrp_track_process instead of killall -0)",
      "opsnull/follow-me-install-kubernetes-cluster PR #393 'Cannot find script killall in path'",
    ],
    bad: 'vrrp_script chk_haproxy {\n    script "killall -0 haproxy"\n}\n',
    good:
      "vrrp_track_process track_haproxy {\n    process haproxy\n}\n# or\nvrrp_script chk_haproxy {\n" +
      '    script "/usr/bin/killall -0 haproxy"\n}\n',
    realTool:
      "keepalived -t prints 'Disabling track script X since not found/accessible' (on no line, exit 5) only where " +
      "the program is missing on the machine it runs on, and only for a file with a vrrp_instance: a message about " +
      "the machine, not the file. The daemon logs 'Cannot find script X in path - disabling' at start-up.",
    reportedBy: "runtime",
  },
  messages: {
    bareName: (data: { script: string; program: string; packageNote: string; advice: string }) =>
      `vrrp_script '${data.script}' runs '${data.program}' by bare name: keepalived looks it up in its PATH at ` +
      `start-up and, if it is missing${data.packageNote}, disables the script and removes it from every instance ` +
      `('Cannot find script ${data.program} in path'). ${data.advice}`,
  },
  check(ctx) {
    for (const { config } of keepalivedUnits(ctx)) {
      for (const script of config.scripts.values()) {
        const cmd = script.command;
        const program = cmd?.args[0];
        if (!cmd || !program || program.includes("/") || SHELLS.has(program) || EVERYWHERE.has(program)) continue;
        const known = KNOWN[program];
        const fixes: Fix[] = [];
        if (known && cmd.word && !cmd.word.expanded) {
          const m = /^(["']?)(\S+)/.exec(cmd.word.text);
          if (m && m[2] === program)
            fixes.push({
              description: `Use ${known.path} (check the path on your nodes)`,
              safe: false,
              edits: [
                {
                  file: cmd.word.location.file,
                  range: cmd.word.location.range,
                  newText: cmd.word.text.replace(program, known.path),
                },
              ],
            });
        }
        const target = cmd.args
          .slice(1)
          .filter((a) => !a.startsWith("-"))
          .pop();
        ctx.report({
          ...at(cmd.location),
          messageId: "bareName",
          data: {
            script: script.name,
            program,
            packageNote: known ? ` (${program} comes from ${known.pkg})` : "",
            advice: known?.process
              ? `Use an absolute path (${known.path}), or watch the process with 'vrrp_track_process' (process ` +
                `${target ?? "haproxy"}) and track_process`
              : `Use an absolute path${known ? ` (${known.path})` : ""}`,
          },
          fixes,
        });
      }
    }
  },
});
