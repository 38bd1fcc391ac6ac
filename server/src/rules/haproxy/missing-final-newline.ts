import { defineRule } from "../rule.js";

/** `haproxyVersion` "3.1" or later: the configuration is read twice, and the first pass stops at this error. */
function stopsFirst(version: string): boolean {
  const [major, minor] = version.split(".").map(Number);
  return major > 3 || (major === 3 && minor >= 1);
}

export default defineRule({
  id: "HP050",
  name: "missing-final-newline",
  severity: "error",
  scope: "haproxy",
  docs: {
    summary: "The last line of haproxy.cfg has no line feed: HAProxy refuses the file.",
    description:
      "Reports a file whose last line does not end with a line feed (LF), including a last line that is only blanks " +
      "or a comment, and a file whose last line holds a NUL byte. HAProxy reads the line, then refuses the whole " +
      "configuration, naming that line.",
    why:
      "HAProxy reads its configuration with fgets() and takes a last line without LF for a sign that the file was cut " +
      "short by an interrupted copy or a full disk, so it stops instead of starting with what may be half a " +
      "configuration. Editors that do not add the final newline, `echo -n`, templating tools and copy-paste into " +
      "heredocs all produce such files; the reload then fails.",
    sources: [
      "HAProxy 2.6.12 src/cfgparse.c readcfgfile() ('Missing LF on last line, file might have been truncated at " +
        "position %d', ERR_ALERT | ERR_FATAL)",
      "HAProxy 3.2 src/cfgparse.c parse_cfg() (same message; src/haproxy.c reads the file first in MODE_DISCOVERY " +
        "and exits on a fatal error there)",
    ],
    bad:
      "global\n    maxconn 4096\nfrontend www\n    bind :80\n    default_backend web\nbackend web\n" +
      "    server w1 192.0.2.11:80 check",
    good:
      "global\n    maxconn 4096\nfrontend www\n    bind :80\n    default_backend web\nbackend web\n" +
      "    server w1 192.0.2.11:80 check\n",
    realTool:
      "haproxy -c prints 'parsing [FILE:N]: Missing LF on last line, file might have been truncated at position P.' " +
      "and exits 1 (2.6.12, 3.0.11, 3.2.26). From 3.1 on it stops there before reporting the other errors of the " +
      "file.",
    reportedBy: "haproxy -c",
  },
  messages: {
    missingLineFeed: (data: { line: number; position: number }) =>
      `the last line has no line feed: HAProxy refuses the file ('Missing LF on last line, file might have been ` +
      `truncated at position ${data.position}', line ${data.line}); end the file with a newline`,
    missingLineFeedStopsFirst: (data: { line: number; position: number; version: string }) =>
      `the last line has no line feed: HAProxy refuses the file ('Missing LF on last line, file might have been ` +
      `truncated at position ${data.position}', line ${data.line}), and HAProxy ${data.version} stops there before ` +
      `it reports any other error of the file; end the file with a newline`,
    nulEndsLastLine: (data: { line: number; position: number }) =>
      `a NUL byte ends this last line for HAProxy, which then sees a line without a line feed and refuses the file ` +
      `('Missing LF on last line, file might have been truncated at position ${data.position}', line ${data.line}); ` +
      `remove the NUL byte`,
  },
  check(ctx) {
    const version = ctx.settings.haproxyVersion;
    for (const doc of ctx.haproxy) {
      const missing = doc.missingFinalNewline;
      if (!missing) continue;
      const end = missing.range.end;
      const afterNul = { line: end.line, character: end.character + 1 };
      const fixes = [
        missing.nul
          ? {
              description: "Remove the NUL byte",
              safe: true,
              edits: [{ file: doc.file, range: { start: end, end: afterNul }, newText: "" }],
            }
          : {
              description: "End the file with a newline",
              safe: true,
              edits: [{ file: doc.file, range: { start: end, end }, newText: "\n" }],
            },
      ];
      const place = { file: doc.file, range: missing.range, fixes };
      const data = { line: missing.line, position: missing.position };
      if (missing.nul) ctx.report({ ...place, messageId: "nulEndsLastLine", data });
      else if (stopsFirst(version))
        ctx.report({ ...place, messageId: "missingLineFeedStopsFirst", data: { ...data, version } });
      else ctx.report({ ...place, messageId: "missingLineFeed", data });
    }
  },
});
