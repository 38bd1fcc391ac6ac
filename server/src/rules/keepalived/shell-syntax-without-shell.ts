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

/**
 * lib/notify.c check_script_secure(): a command whose first word starts with '<', blanks, then '/' is "checking for a
 * file being openable" and is run with system(), i.e. through /bin/sh -c.
 */
export function runsThroughSystem(program: string): boolean {
  return /^<[ \t]*\//.test(program);
}

type What = "vrrp_script" | "notify";

function check(ctx: RuleContext<typeof messages>, kind: What, owner: string, cmd: ScriptCommand): void {
  if (runsThroughShell(cmd.args)) return;
  const program = cmd.args[0] ?? "";
  const place = at(cmd.location);
  if (runsThroughSystem(program)) {
    if (kind === "notify") {
      ctx.report({ ...place, messageId: "notifyNotExecutable", data: { owner, program } });
      return;
    }
    const literal = shellSyntax(cmd.args);
    const devTcp = /\/dev\/(tcp|udp)\//.test(program);
    // A plain file test (`</run/haproxy.pid`) works with any /bin/sh.
    if (!devTcp && !literal) return;
    ctx.report({
      ...place,
      messageId: "runThroughSh",
      data: {
        owner,
        program,
        devTcp: devTcp
          ? " The /dev/tcp and /dev/udp names exist only in bash: on Debian and Ubuntu /bin/sh is dash, which cannot " +
            "open them, so there the check always fails."
          : "",
        literal: literal
          ? ` The words after it are passed in single quotes, so '${literal.arg}' (${literal.what}) is not interpreted.`
          : "",
      },
    });
    return;
  }
  if (/^([0-9]?[<>]|&>)/.test(program) || program.includes("$(") || program.includes("`")) {
    ctx.report({ ...place, messageId: "notAProgram", data: { owner, program, disabled: disabledBy(kind, owner) } });
    return;
  }
  const found = shellSyntax(cmd.args);
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
    ...place,
    messageId: "literalArgument",
    data: { owner, arg: found.arg, what: found.what, program },
    fixes,
  });
}

function disabledBy(kind: What, owner: string): string {
  return kind === "vrrp_script"
    ? `and disables ${owner} ('Disabling track script ... since not found/accessible')`
    : `and drops ${owner}`;
}

const messages = {
  literalArgument: (data: { owner: string; arg: string; what: string; program: string }) =>
    `${data.owner} passes '${data.arg}' (${data.what}) to ${data.program} as a literal argument: keepalived executes ` +
    `the program directly (execve()), without a shell, so it is not interpreted (wrap the command in "/bin/sh -c ` +
    `'...'" or move it into a script file)`,
  runThroughSh: (data: { owner: string; program: string; devTcp: string; literal: string }) =>
    `${data.owner} starts with '${data.program}': keepalived runs a command that starts with '</' through /bin/sh ` +
    `(system()), so the redirection is interpreted.${data.devTcp}${data.literal} Run it with "/bin/bash -c '...'" to ` +
    `choose the shell.`,
  notifyNotExecutable: (data: { owner: string; program: string }) =>
    `${data.owner} starts with '${data.program}': keepalived runs only an executable file as a notify command and ` +
    `drops this one without a word, so it never runs (use "/bin/bash -c '...'" or a script file)`,
  notAProgram: (data: { owner: string; program: string; disabled: string }) =>
    `${data.owner} starts with '${data.program}', which keepalived takes for the file to execute: it finds no such ` +
    `program ${data.disabled} (only a first word starting with '</' is run through a shell)`,
};

const rule = defineRule({
  id: "KA013",
  name: "shell-syntax-without-shell",
  severity: "warning",
  scope: "keepalived",
  docs: {
    summary:
      "A script or notify command written as a shell line (pipes, &&, ;, redirections, $(...), globs), which " +
      "keepalived does not run through a shell, or a `</...` check, which it does.",
    description:
      "Splits each vrrp_script `script` and each `notify*` command the way keepalived does and checks it against " +
      "how keepalived runs it. A command whose first word starts with `<` then `/` (such as " +
      "`</dev/tcp/127.0.0.1/80`) is run through /bin/sh; any other is executed directly, so `|`, `||`, `&&`, `;`, " +
      "`&`, redirections such as `>/dev/null` or `2>&1`, `$(...)` or backticks, `$VAR` and globs in path arguments " +
      "reach the program as literal words. A first word starting with `>` or `<` without `/`, or with `$(`, is " +
      "taken for a file name. Commands that already run `sh -c`/`bash -c` are not reported.",
    why:
      "keepalived's check_script_secure() treats a command starting with '</' as a test whether a file can be opened " +
      "and runs it with system(), that is /bin/sh -c, with every following word in single quotes: the redirection " +
      "works, but /dev/tcp/... exists only in bash, and Debian's and Ubuntu's /bin/sh is dash, so such a check fails " +
      "every time there. A notify command needs an executable file, so a '</' notify is dropped without a word. Every " +
      "other command is executed directly with execve(): no shell parses the line, and `pidof haproxy || exit 1` runs " +
      "pidof with the arguments `haproxy`, `||`, `exit`, `1`.",
    sources: [
      "keepalived 2.2.7 lib/notify.c check_script_secure() (a command starting '</' returns SC_SYSTEM; others need " +
        "an executable file), check_notify_script_secure() (notify scripts need SC_EXECUTABLE)",
      "keepalived 2.2.7 lib/notify.c system_call_script() (execve(), or system() of cmd_str()), cmd_str_r() (every " +
        "word but a leading '<'/'>' one in single quotes)",
      "keepalived 2.2.7 keepalived/vrrp/vrrp.c check_track_script_secure() (SC_SYSTEM is enough for a vrrp_script)",
      "keepalived 2.2.7 lib/parser.c alloc_strvec_quoted_escaped() (how script lines are split)",
    ],
    bad:
      'vrrp_script chk_haproxy {\n    script "/usr/bin/pgrep haproxy > /dev/null"\n}\nvrrp_script chk_port {\n' +
      '    script "</dev/tcp/127.0.0.1/80"\n}\n',
    good:
      'vrrp_script chk_haproxy {\n    script "/usr/bin/pgrep -x haproxy"\n}\nvrrp_script chk_port {\n' +
      "    script \"/bin/bash -c '</dev/tcp/127.0.0.1/80'\"\n}\n",
    realTool:
      "keepalived -t says nothing about the words of a command; it prints 'Disabling track script X since not " +
      "found/accessible' (on no line) when the first word is no file.",
    reportedBy: "none",
  },
  messages,
  check(ctx) {
    for (const { config } of keepalivedUnits(ctx)) {
      for (const s of config.scripts.values())
        if (s.command) check(ctx, "vrrp_script", `vrrp_script '${s.name}'`, s.command);
      for (const i of config.instances)
        for (const n of i.notify) check(ctx, "notify", `${n.kind} of ${i.name}`, n.command);
      for (const g of config.syncGroups)
        for (const n of g.notify) check(ctx, "notify", `${n.kind} of ${g.name}`, n.command);
    }
  },
});

export default rule;
