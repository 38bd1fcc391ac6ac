/**
 * A node's HAProxy configuration over several files (`-f haproxy.cfg -f conf.d/`): ha-lint reads the files in
 * HAProxy's order, as one configuration, and agrees with `haproxy -c -f ... -f ...` (2.6.12, the machine's own) on
 * the same files for the verdict and the file and line of each problem.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative } from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { analyzeWorkspace } from "../../server/src/workspace/analyze-workspace.js";
import { loadConfig } from "../../server/src/workspace/config-file.js";
import { diskFileSystem } from "../../server/src/workspace/file-system.js";
import { directoryConfigFiles } from "../../server/src/workspace/haproxy-files.js";
import { checkHaproxyFiles, toolsetFor } from "../support/real-binaries.js";

const scratch = mkdtempSync(join(tmpdir(), "ha-lint-split-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
const haproxy = toolsetFor("haproxy", "2.6");

const MAIN = `global
    maxconn 2000

defaults
    mode http
    timeout connect 5s
    timeout client 30s
    timeout server 30s
`;
const WEB = `frontend fe_web
    bind 127.0.0.1:18080
    http-request set-header X-Site www
    use_backend be_api if { path_beg /api/ }
    default_backend be_web

backend be_web
    server web01 127.0.0.1:18081 check
`;
const API = `backend be_api
    http-request set-header X-Api 1
    server api01 127.0.0.1:18082 check
`;

let count = 0;
/** Writes the files into a folder of their own, with a .ha-lint.yaml naming them as one node's HAProxy list. */
function tree(files: Record<string, string>, entries: readonly string[]): string {
  const dir = join(scratch, `t${++count}`);
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  const list = entries.map((e) => JSON.stringify(e)).join(", ");
  writeFileSync(
    join(dir, ".ha-lint.yaml"),
    `clusters:\n  - id: split\n    nodes:\n      - name: lb01\n        haproxy: [${list}]\n`,
  );
  return dir;
}

/** What ha-lint finds on the HAProxy files: `RULE file:line severity` of its errors and warnings. */
function lintPlaces(dir: string): string[] {
  const run = analyzeWorkspace({
    paths: [dir],
    fs: diskFileSystem,
    config: loadConfig(join(dir, ".ha-lint.yaml")),
    configDirFallback: dir,
  });
  return run.result.findings
    .filter((f) => f.severity !== "info" && /\.cfg$/.test(f.file))
    .map((f) => `${f.rule} ${relative(dir, f.file)}:${f.range.start.line + 1} ${f.severity}`)
    .sort();
}

/** `file:line` of every [ALERT]/[WARNING] haproxy -c prints about a line of a file. */
function toolPlaces(output: string): string[] {
  return (
    [...output.matchAll(/\[(?:ALERT|WARNING)\][^\n]*?(?:parsing )?\[([^\]:]+):(\d+)\]/g)]
      // HAProxy joins a directory given as `conf.d/` and its entries with one more '/' ("conf.d//20-api.cfg").
      .map((m) => `${m[1].replace(/^\.\//, "").replace(/\/+/g, "/")}:${m[2]}`)
      .sort()
  );
}

describe("the files HAProxy reads from a directory", () => {
  test("*.cfg only, not hidden, the first '.cfg' ending the name, byte order", () => {
    const dir = join(scratch, "order", "conf.d");
    mkdirSync(join(dir, "sub.cfg"), { recursive: true });
    for (const name of ["9-b.cfg", "10-a.cfg", "B.cfg", "a.cfg", ".hidden.cfg", "x.cfg.bak", "y.cfg.cfg", "z.conf"])
      writeFileSync(join(dir, name), "");
    expect(directoryConfigFiles(diskFileSystem, dir).map((f) => relative(dir, f))).toEqual([
      "10-a.cfg",
      "9-b.cfg",
      "B.cfg",
      "a.cfg",
    ]);
  });
});

describe.skipIf(!haproxy)("agrees with haproxy -c -f haproxy.cfg -f conf.d/", () => {
  const run = (files: Record<string, string>, entries: string[]) => {
    const dir = tree(files, entries);
    const tool = checkHaproxyFiles(haproxy!, entries, files);
    return { dir, tool, lint: lintPlaces(dir) };
  };

  test("clean: the defaults of haproxy.cfg reach conf.d's proxies, use_backend finds a backend of another file", () => {
    const { tool, lint } = run({ "haproxy.cfg": MAIN, "conf.d/10-web.cfg": WEB, "conf.d/20-api.cfg": API }, [
      "haproxy.cfg",
      "conf.d/",
    ]);
    expect(tool.status, tool.output).toBe(0);
    expect(toolPlaces(tool.output)).toEqual([]);
    expect(lint).toEqual([]);
  });

  test("a typo in a conf.d file: refused, at that file's line", () => {
    const files = {
      "haproxy.cfg": MAIN,
      "conf.d/10-web.cfg": WEB,
      "conf.d/20-api.cfg": API.replace("    server", "    timout server 5s\n    server"),
    };
    const { tool, lint } = run(files, ["haproxy.cfg", "conf.d/"]);
    expect(tool.status).not.toBe(0);
    expect(toolPlaces(tool.output)).toEqual(["conf.d/20-api.cfg:3"]);
    expect(tool.output).toMatch(/unknown keyword 'timout' in 'backend' section/);
    expect(lint).toEqual(["HP017 conf.d/20-api.cfg:3 error"]);
  });

  test("a defaults section of one file applies to the proxies of the next (lexical order: 15- before 20-)", () => {
    const files = {
      "haproxy.cfg": MAIN,
      "conf.d/10-web.cfg": WEB,
      "conf.d/15-tcp.cfg":
        "defaults\n    mode tcp\n    timeout connect 5s\n    timeout client 30s\n    timeout server 30s\n",
      "conf.d/20-api.cfg": API,
    };
    const { tool, lint } = run(files, ["haproxy.cfg", "conf.d/"]);
    // be_api is now a TCP backend: HAProxy refuses the http frontend's use_backend to it (naming the frontend's
    // section, 10-web.cfg:1; ha-lint points at the use_backend line of that file) and ignores be_api's http-request.
    expect(tool.status).toBe(1);
    expect(tool.output).toMatch(
      /http frontend 'fe_web' \(conf\.d\/+10-web\.cfg:1\) tries to use incompatible tcp backend 'be_api' \(conf\.d\/+20-api\.cfg:1\)/,
    );
    expect(tool.output).toMatch(/'http-request' rules ignored for backend 'be_api' as they require HTTP mode/);
    expect(lint).toEqual(["HP003 conf.d/10-web.cfg:4 error", "HP022 conf.d/20-api.cfg:2 warning"]);
  });

  test("a directory's files in HAProxy's order, 'y.cfg.cfg' skipped", () => {
    const files = { "d/9-b.cfg": "bogus9\n", "d/10-a.cfg": "bogus10\n", "d/y.cfg.cfg": "bogusy\n" };
    const tool = checkHaproxyFiles(haproxy!, ["d/"], files);
    const order = [...tool.output.matchAll(/unknown keyword '(bogus\w+)'/g)].map((m) => m[1]);
    expect(order).toEqual(["bogus10", "bogus9"]);
    const dir = tree(files, ["d/"]);
    expect(directoryConfigFiles(diskFileSystem, join(dir, "d")).map((f) => relative(dir, f))).toEqual([
      "d/10-a.cfg",
      "d/9-b.cfg",
    ]);
  });

  test("files that are not loaded (hidden, other extensions) are not read", () => {
    const broken = "this is not a configuration\n";
    const files = {
      "haproxy.cfg": MAIN,
      "conf.d/10-web.cfg": WEB,
      "conf.d/20-api.cfg": API,
      "conf.d/.old.cfg": broken,
      "conf.d/20-api.cfg.bak": broken,
      "conf.d/notes.txt": broken,
    };
    const { tool, lint } = run(files, ["haproxy.cfg", "conf.d/"]);
    expect(tool.status, tool.output).toBe(0);
    expect(lint).toEqual([]);
  });

  test("the order of -f matters: a backend-only file first, then the defaults", () => {
    const files = { "api.cfg": API, "haproxy.cfg": MAIN, "web.cfg": WEB };
    const { tool, lint } = run(files, ["api.cfg", "haproxy.cfg", "web.cfg"]);
    // be_api is read before any defaults: no timeouts and TCP mode, so the http frontend cannot use it.
    expect(tool.status).toBe(1);
    expect(tool.output).toMatch(/missing timeouts for backend 'be_api'/);
    expect(tool.output).toMatch(
      /http frontend 'fe_web' \(web\.cfg:1\) tries to use incompatible tcp backend 'be_api' \(api\.cfg:1\)/,
    );
    expect(lint).toEqual(["HP003 web.cfg:4 error", "HP009 api.cfg:1 warning", "HP022 api.cfg:2 warning"]);
  });
});
