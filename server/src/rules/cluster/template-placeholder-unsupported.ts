import { defineRule } from "../rule.js";

export default defineRule({
  id: "HA027",
  name: "template-placeholder-unsupported",
  severity: "error",
  scope: "cluster",
  docs: {
    summary:
      "A cluster template holds `{{ ... }}` or `{% ... %}` that is not a plain name: ha-lint does not render it.",
    description:
      "With the `{{ name }}` form enabled (.ha-lint.yaml `template: placeholders:`), ha-lint replaces `{{ name }}` " +
      "(a plain name, with optional spaces) by the node's value. Anything else in double braces, and every `{% ... " +
      "%}` statement (filters, expressions, loops, conditions: Jinja2 or Go templates), is left as written and " +
      "reported once at the template line, so that no finding is silently based on text the real renderer would " +
      "have changed.",
    why:
      "The rules read the rendered text. Text that ha-lint cannot render stays in it as written, and neither " +
      "keepalived nor HAProxy reads `{{ ... }}` as anything but words: the result of the analysis for those lines is " +
      "not the result for the file the real renderer produces.",
    sources: [
      "Jinja2 template designer documentation (expressions, filters, statements)",
      "Go text/template documentation (actions)",
    ],
    bad: "vrrp_instance VI_1 {\n    priority {{ priority | default(100) }}\n}\n",
    good: "vrrp_instance VI_1 {\n    priority {{ priority }}\n}\n",
    realTool: "Neither tool sees the template.",
    reportedBy: "none",
  },
  messages: {
    unsupported: (data: { written: string }) =>
      `${data.written}: ha-lint renders plain {{ name }} placeholders only; this is left in the rendered text as ` +
      `written, so findings on this line describe the unrendered text. Render the file with its own tool (for ` +
      `Ansible: ha-lint ansible) or use a plain placeholder.`,
  },
  check(ctx) {
    for (const rendering of ctx.renderings ?? [])
      for (const u of rendering.unsupported)
        ctx.report({
          file: rendering.template,
          range: u.range,
          messageId: "unsupported",
          data: { written: u.written },
        });
  },
});
