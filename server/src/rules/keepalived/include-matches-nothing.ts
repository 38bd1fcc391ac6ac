import { defineRule } from "../rule.js";
import { reportSyntaxIssues } from "../syntax-issues.js";

export default defineRule({
  id: "KA021",
  name: "include-matches-nothing",
  severity: "warning",
  scope: "keepalived",
  docs: {
    summary: "An include matches no file, or matches a file keepalived skips.",
    description:
      "Resolves each `include` glob relative to the including file's directory (keepalived changes into that directory) and reports a pattern that matches nothing, a file that cannot be read, and executable or non-regular files, which keepalived skips.",
    why: "With a plain `include`, keepalived prints 'Config files missing' and starts anyway (exit code 0), so an instance or script defined in the missing file simply does not exist on that node.",
    sources: [
      "keepalived lib/parser.c check_include(), open_glob_file(), check_glob_file()",
      "keepalived.conf(5) include / includer, includem, includew, includeb, includea",
    ],
    bad: "include /etc/keepalived/conf.d/*.conf   # directory is empty on this node\n",
    good: "include /etc/keepalived/conf.d/*.conf   # files present, or use 'includea' to make a missing file fatal\n",
    realTool:
      "keepalived -t prints a message for a missing include but still exits 0; executable includes are skipped with a message.",
    reportedBy: "keepalived -t",
  },
  check(ctx) {
    reportSyntaxIssues(ctx, "keepalived", ["include-no-match", "include-skipped"]);
  },
  cases: {
    valid: [
      {
        name: "include that matches",
        files: { "keepalived.conf": "include conf.d/a.conf\n", "conf.d/a.conf": "global_defs {\n}\n" },
      },
    ],
    invalid: [
      {
        name: "glob matching nothing",
        files: { "keepalived.conf": "global_defs {\n}\ninclude conf.d/*.conf\n" },
        realTool: "Config files missing",
        expect: [{ line: 3, message: "matches no file" }],
      },
    ],
  },
});
