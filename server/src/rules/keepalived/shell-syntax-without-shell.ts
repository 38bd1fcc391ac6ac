import type { ScriptCommand } from "../../model/types.js";
import type { Fix } from "../finding.js";
import { defineRule, type RuleContext } from "../rule.js";
import { at, keepalivedUnits, runsThroughShell } from "./ka-model.js";

const OPERATOR = /^(\|\||\||&&|&|;|;;|>|>>|<|<<|[0-9]?>&[0-9]|&>)$/;
const REDIRECT = /^([0-9]?>>?|&>|<)\S+$/;

/** The first argument a shell would interpret, and what it is. */
export function shellSyntax(args: readonly string[]): { arg: string; what: string } | undefined {
  for (const arg of args.slice(1)) {
    if (OPERATOR.test(arg))
      return {
        arg,
        what: /^[0-9]?[<>&]/.test(arg)
          ? "a redirection"
          : arg.startsWith("|") && arg.length === 1
            ? "a pipe"
            : "a shell operator",
      };
    if (REDIRECT.test(arg)) return { arg, what: "a redirection" };
    if (arg.includes("&&") || arg.includes("||") || /;$/.test(arg)) return { arg, what: "a shell operator" };
    if (arg.includes("$(") || arg.includes("`")) return { arg, what: "a command substitution" };
    if (/\$\{?[A-Za-z_]/.test(arg)) return { arg, what: "a shell variable" };
    if (/^\/\S*[*?[]/.test(arg)) return { arg, what: "a file glob" };
  }
  return undefined;
}

function check(ctx: RuleContext, what: string, cmd: ScriptCommand): void {
  if (runsThroughShell(cmd.args)) return;
  const program = cmd.args[0] ?? "";
  const first = /^([0-9]?[<>]|&>)/.test(program)
    ? { arg: program, what: "a redirection" }
    : program.includes("$(") || program.includes("`")
      ? { arg: program, what: "a command substitution" }
      : undefined;
  const found = first ?? shellSyntax(cmd.args);
  if (!found) return;
  const fixes: Fix[] = [];
  const w = cmd.word;
  if (w && !w.expanded && /^"[^"'\\]*"$/.test(w.text)) {
    fixes.push({
      description: "Run the command through /bin/sh -c",
      safe: false,
      edits: [{ file: w.location.file, range: w.location.range, newText: `"/bin/sh -c '${w.text.slice(1, -1)}'"` }],
    });
  }
  ctx.report({
    ...at(cmd.location),
    message: `${what} ${first ? `uses '${found.arg}' (${found.what}) as the program to run` : `passes '${found.arg}' (${found.what}) to ${program} as a literal argument`}: keepalived runs the command without a shell (execve, or system() with every word quoted), so it is not interpreted (wrap the command in "/bin/sh -c '...'" or move it into a script file)`,
    fixes,
  });
}

export default defineRule({
  id: "KA013",
  name: "shell-syntax-without-shell",
  severity: "warning",
  scope: "keepalived",
  docs: {
    summary:
      "A script or notify command uses shell syntax (pipes, &&, ;, redirections, $(...), globs) but is not run through a shell.",
    description:
      "Splits each vrrp_script `script` and each `notify*` command the way keepalived does and reports the first argument that only a shell would interpret: `|`, `||`, `&&`, `;`, `&`, redirections such as `>/dev/null` or `2>&1`, `$(...)` or backticks, `$VAR`, and globs in path arguments. Commands that already run `sh -c`/`bash -c` are not reported.",
    why: "keepalived executes the program directly with execve() when the file is executable, and otherwise through system() with every word single-quoted. Either way no shell parses the line: `pidof haproxy || exit 1` runs pidof with the arguments `haproxy`, `||`, `exit`, `1`. The check's exit status then depends on how the program treats the stray words, which is rarely what the author tested in a terminal.",
    sources: [
      "keepalived lib/notify.c system_call_script() and notify_exec()",
      "keepalived lib/parser.c alloc_strvec_quoted_escaped() (how script lines are split)",
      "keepalived.conf(5) vrrp_script: the script line and its quoting",
    ],
    bad: 'vrrp_script chk_haproxy {\n    script "/usr/bin/pgrep haproxy > /dev/null"\n}\n',
    good: "vrrp_script chk_haproxy {\n    script \"/bin/sh -c '/usr/bin/pgrep haproxy > /dev/null'\"\n}\n",
    realTool: "Neither keepalived -t nor the daemon reports it; the command just runs with the literal words.",
    reportedBy: "none",
  },
  check(ctx) {
    for (const { config } of keepalivedUnits(ctx)) {
      for (const s of config.scripts.values()) if (s.command) check(ctx, `vrrp_script '${s.name}'`, s.command);
      for (const i of config.instances) for (const n of i.notify) check(ctx, `${n.kind} of ${i.name}`, n.command);
      for (const g of config.syncGroups) for (const n of g.notify) check(ctx, `${n.kind} of ${g.name}`, n.command);
    }
  },
  cases: {
    valid: [
      {
        name: "through sh -c",
        files: {
          "keepalived.conf":
            "vrrp_script chk {\n  script \"/bin/sh -c '/usr/bin/pgrep haproxy > /dev/null || exit 1'\"\n}\n",
        },
      },
      {
        name: "plain command with a regex argument",
        files: { "keepalived.conf": "vrrp_script chk {\n  script \"/usr/bin/pgrep -f '^/usr/sbin/haproxy.*'\"\n}\n" },
      },
    ],
    invalid: [
      {
        name: "pipe in a check",
        files: {
          "keepalived.conf":
            "vrrp_script chk_haproxy {\n  script \"/usr/bin/ss -ltn | grep -q ':80 '\"\n  interval 2\n}\n",
        },
        expect: [{ line: 2, message: "'|' (a pipe)" }],
      },
      {
        name: "redirection in a notify",
        files: {
          "keepalived.conf":
            'vrrp_instance VI_1 {\n  interface eth0\n  virtual_router_id 51\n  notify_master "/usr/local/bin/vip-up.sh >> /var/log/vip.log 2>&1"\n}\n',
        },
        expect: [{ line: 4, message: "a redirection" }],
      },
      {
        name: "bash redirection as the command",
        files: {
          "keepalived.conf": 'vrrp_script chk_http_port {\n  script "</dev/tcp/127.0.0.1/80"\n  interval 1\n}\n',
        },
        expect: [{ line: 2, message: "as the program to run" }],
      },
      {
        name: "or-operator",
        files: { "keepalived.conf": 'vrrp_script chk {\n  script "/usr/bin/pidof haproxy || exit 1"\n}\n' },
        expect: [{ line: 2, message: "'||'" }],
      },
    ],
  },
});
