import type { Substitution } from "../../syntax/template.js";
import { defineRule } from "../rule.js";

/** The template placeholders a node's vars give no value for, first occurrence per name and line. */
function unset(substitutions: readonly Substitution[]): Substitution[] {
  const seen = new Set<string>();
  return substitutions.filter((s) => {
    const key = `${s.line}\u0000${s.templateStart}`;
    if (s.value !== undefined || seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

export default defineRule({
  id: "HA026",
  name: "template-variable-unset",
  severity: "error",
  scope: "cluster",
  docs: {
    summary: "A placeholder of a cluster template has no value in a node's `vars` (.ha-lint.yaml).",
    description:
      "Renders each cluster `template:` of .ha-lint.yaml once per node with that node's `vars` and reports, at the " +
      "template line, every placeholder (`${NAME}`, `$NAME`, `{{ name }}`, `@@NAME@@`, as the template's " +
      "`placeholders` enable) that the node gives no value for, naming the node. The rendered file keeps the " +
      "placeholder as written, and every other rule reads that rendered text.",
    why:
      "A deployment tool that renders the same template (envsubst, a kubeadm-style script, consul-template) either " +
      "leaves such a placeholder in the file or replaces it with nothing, and neither daemon gives it a value: " +
      "keepalived expands only `$NAME` definitions of its own configuration and leaves any other `$NAME` or " +
      "`${NAME}` as written (keepalived 2.2.7 lib/parser.c replace_param(): find_definition() finds nothing) and " +
      "then reads the braces of `${NAME}` as block braces: `keepalived -t` 2.2.7 reads `priority ${PRIORITY}` as " +
      '"invalid number \'$\'", falls back to priority 100, and misreads the rest of the instance ("Unknown keyword ' +
      "'PRIORITY'\", then every line after it); HAProxy expands `${NAME}` only inside double quotes, from its " +
      "environment at start-up, and an unset one becomes empty (HAProxy 2.6.12 src/tools.c parse_line()).",
    sources: [
      "keepalived 2.2.7 lib/parser.c replace_param() / find_definition() (undefined parameters are left as written)",
      "HAProxy 2.6.12 src/tools.c parse_line() (environment variables inside double quotes)",
      "envsubst(1) (GNU gettext): $NAME and ${NAME}",
    ],
    bad:
      "# .ha-lint.yaml: template keepalived: keepalived.conf.tmpl; lb02 has vars {STATE: BACKUP}\n" +
      "vrrp_instance VI_1 {\n    state ${STATE}\n    priority ${PRIORITY}\n}\n",
    good:
      "# .ha-lint.yaml: lb02 has vars {STATE: BACKUP, PRIORITY: 100}\nvrrp_instance VI_1 {\n    state ${STATE}\n" +
      "    priority ${PRIORITY}\n}\n",
    realTool:
      "Neither tool sees the template; `keepalived -t` on the rendered file reports the value left in it (a " +
      "priority that is not a number, an unknown keyword).",
    reportedBy: "none",
  },
  messages: {
    unset: (data: { placeholder: string; name: string; node: string }) =>
      `${data.placeholder}: node ${data.node} has no '${data.name}' in its vars (.ha-lint.yaml), so its rendered ` +
      `file keeps '${data.placeholder}' as written instead of a value. Add ${data.name} to ${data.node}'s vars.`,
  },
  check(ctx) {
    for (const rendering of ctx.renderings ?? [])
      for (const s of unset(rendering.substitutions))
        ctx.report({
          file: rendering.template,
          range: {
            start: { line: s.line, character: s.templateStart },
            end: { line: s.line, character: s.templateEnd },
          },
          messageId: "unset",
          data: { placeholder: s.written, name: s.name, node: rendering.node },
        });
  },
});
