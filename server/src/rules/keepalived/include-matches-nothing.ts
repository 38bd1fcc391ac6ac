import { defineRule } from "../rule.js";
import { syntaxIssues } from "../syntax-issues.js";

/** lib/parser.c check_include(): the checks each include keyword adds (R readable, M missing, W wildcard). */
const CHECKS: Record<string, { readable: boolean; missing: boolean; wildcard: boolean }> = {
  include: { readable: false, missing: false, wildcard: false },
  includer: { readable: true, missing: false, wildcard: false },
  includem: { readable: true, missing: true, wildcard: false },
  includew: { readable: true, missing: true, wildcard: true },
  includeb: { readable: true, missing: false, wildcard: false },
  includea: { readable: true, missing: true, wildcard: true },
};

const WILDCARD = /[*?[]/;

export default defineRule({
  id: "KA021",
  name: "include-matches-nothing",
  severity: "warning",
  scope: "keepalived",
  docs: {
    summary: "An include matches no file, or matches a file keepalived skips or cannot read.",
    description:
      "Resolves each `include` glob relative to the including file's directory (keepalived changes into that " +
      "directory) in the node's tree and reports a pattern that matches nothing, a file that cannot be read, and " +
      "executable or non-regular files. What keepalived then does depends on the keyword: `include` carries on " +
      "without the file; `includer`, `includem`, `includew`, `includeb` and `includea` make an unreadable or " +
      "skipped file an error, `includem` a missing file, `includew` and `includea` also a wildcard that matches " +
      "nothing.",
    why:
      "With a plain `include`, keepalived carries on without the file (it logs 'Config files missing' for a named " +
      "file or directory that is not there, and nothing at all for a wildcard that matches nothing), so an instance " +
      "or script defined in it simply does not exist on that node. With the checking variants the same problem is a " +
      "configuration file error, and the daemon does not start.",
    sources: [
      "keepalived 2.2.7 lib/parser.c check_include() (the include, includer, includem, includew, includeb, includea " +
        "checks)",
      "keepalived 2.2.7 lib/parser.c open_glob_file() ('Config files missing', 'No config files matched'), " +
        "check_glob_file() ('is not a regular non-executable file - skipping'), file_config_error()",
      "keepalived 2.2.7 keepalived/core/main.c: had_config_file_error() makes the daemon exit " +
        "(KEEPALIVED_EXIT_NO_CONFIG)",
    ],
    bad: "include /etc/keepalived/conf.d/*.conf   # directory is empty on this node\n",
    good: "include /etc/keepalived/conf.d/*.conf   # files present, or use 'includea' to make a missing file fatal\n",
    realTool:
      "keepalived -t prints 'Config files missing ...', 'No config files matched ...' or '... is not a regular " +
      "non-executable file - skipping' and exits 0 for a plain include (6 with the checking variants, whose daemon " +
      "then refuses to start); these are messages about the machine's files, which ha-lint reads from the node's " +
      "tree instead.",
    reportedBy: "keepalived -t",
    unreported: ["noMatch", "noMatchFatal", "skipped", "skippedFatal", "unreadable", "unreadableFatal"],
    severityNote:
      "Error where the include keyword makes the problem a configuration file error (keepalived -t exits 6 and the " +
      "daemon does not start: main.c had_config_file_error()); warning for a plain include, which keepalived skips.",
  },
  messages: {
    noMatch: (data: { keyword: string; pattern: string }) =>
      `${data.keyword} '${data.pattern}' matches no file in this node's tree: keepalived carries on without it, so ` +
      `nothing defined there exists on this node`,
    noMatchFatal: (data: { keyword: string; pattern: string }) =>
      `${data.keyword} '${data.pattern}' matches no file in this node's tree: ${data.keyword} makes that a ` +
      `configuration file error ('Config files missing' / 'No config files matched'), and keepalived does not start`,
    skipped: (data: { file: string }) =>
      `'${data.file}' is executable or not a regular file: keepalived skips it ('is not a regular non-executable ` +
      `file - skipping') and carries on without it`,
    skippedFatal: (data: { keyword: string; file: string }) =>
      `'${data.file}' is executable or not a regular file: keepalived skips it, and ${data.keyword} makes that a ` +
      `configuration file error, so keepalived does not start`,
    unreadable: (data: { file: string }) =>
      `included file '${data.file}' cannot be read: keepalived carries on without it`,
    unreadableFatal: (data: { keyword: string; file: string }) =>
      `included file '${data.file}' cannot be read: ${data.keyword} makes that a configuration file error, and ` +
      `keepalived does not start`,
  },
  check(ctx) {
    for (const issue of syntaxIssues(ctx, "keepalived", ["include-no-match", "include-skipped"])) {
      const place = { file: issue.file, range: issue.range };
      const d = issue.data ?? {};
      const keyword = String(d.keyword ?? "include");
      const checks = CHECKS[keyword] ?? CHECKS.include;
      const pattern = String(d.pattern ?? "");
      if (issue.code === "no-match") {
        const fatal = checks.wildcard || (checks.missing && !WILDCARD.test(pattern));
        if (fatal) ctx.report({ ...place, severity: "error", messageId: "noMatchFatal", data: { keyword, pattern } });
        else ctx.report({ ...place, messageId: "noMatch", data: { keyword, pattern } });
      } else if (issue.code === "skipped") {
        const file = String(d.file);
        if (checks.readable)
          ctx.report({ ...place, severity: "error", messageId: "skippedFatal", data: { keyword, file } });
        else ctx.report({ ...place, messageId: "skipped", data: { file } });
      } else if (issue.code === "unreadable") {
        const file = String(d.file);
        if (checks.readable)
          ctx.report({ ...place, severity: "error", messageId: "unreadableFatal", data: { keyword, file } });
        else ctx.report({ ...place, messageId: "unreadable", data: { file } });
      }
    }
  },
});
