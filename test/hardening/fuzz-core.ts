/**
 * Shared by the bounded fuzz suite (test/hardening/fuzz.test.ts) and the long runner (scripts/fuzz.ts):
 * grammar-aware generators for keepalived and HAProxy configs, byte-level mutation of the corpus, and the
 * properties every case must satisfy (parsers, model, simulation, LSP formatter, report formats, --fix).
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { analyze, ParseCache, type AnalysisResult, type InputFile } from "../../server/src/analyze.js";
import { applyFixes, applyFixesInPasses } from "../../server/src/cli/apply-fixes.js";
import { FORMATS } from "../../server/src/cli/formats/index.js";
import { formatText } from "../../server/src/lsp/format.js";
import type { Finding } from "../../server/src/rules/finding.js";
import { haproxyKeywords } from "../../server/src/schema/haproxy-keywords.js";
import { failoverMatrix, matrixTables } from "../../server/src/simulate/failover-matrix.js";
import { parseHaproxy } from "../../server/src/syntax/haproxy/parse.js";
import { parseKeepalived, type SourceHost } from "../../server/src/syntax/keepalived/parse.js";
import { walkStatements } from "../../server/src/syntax/keepalived/tree.js";
import { LineIndex, type Range } from "../../server/src/syntax/source.js";
import { corpusAvailable, corpusDir } from "../support/corpus-parity.js";
import { checkAloneEqualsCluster, checkShellsAgree } from "./fuzz-agreement.js";

// ------------------------------------------------------------------ generators

const pick = <T>(...xs: T[]) => fc.constantFrom(...xs);
const ip = fc
  .tuple(fc.integer({ min: 0, max: 3 }), fc.integer({ min: 1, max: 254 }))
  .map(([a, b]) => `192.0.2.${a * 60 + (b % 60) + 1}`);
const maybeCidr = fc.tuple(ip, pick("", "/24", "/32", "/33", "/x")).map(([a, m]) => a + m);
const kaName = pick("VI_1", "VI_2", "VI_DB", "chk_haproxy", "chk_pg", "G1", "lb01", "weird name", '"VI_1"');
const scriptName = pick("chk_haproxy", "chk_pg", "chk_missing");
const num = fc.oneof(fc.integer({ min: -300, max: 300 }), pick(0, 1, 50, 100, 101, 150, 254, 255, 256, 99999));
const secret = pick("Sup3rS3cret", "p@ss#word", "abc!def", '"quoted pass"', "12345678901");

const kaLeaf = fc.oneof(
  fc.tuple(pick("state"), pick("MASTER", "BACKUP", "FAULT", "master")).map((t) => t.join(" ")),
  fc
    .tuple(
      pick("priority", "virtual_router_id", "advert_int", "weight", "interval", "fall", "rise", "garp_master_delay"),
      num,
    )
    .map((t) => t.join(" ")),
  fc.tuple(pick("interface", "dev"), pick("eth0", "eth1", "ens3", "lo")).map((t) => t.join(" ")),
  fc.tuple(pick("unicast_src_ip"), ip).map((t) => t.join(" ")),
  fc
    .tuple(
      pick("script", "notify_master", "notify_backup", "notify_fault", "notify"),
      pick(
        '"/usr/bin/killall -0 haproxy"',
        '"/etc/keepalived/chk.sh"',
        "/usr/bin/true",
        '"systemctl stop haproxy"',
        '"/usr/bin/touch /tmp/x"',
      ),
    )
    .map((t) => t.join(" ")),
  pick(
    "nopreempt",
    "preempt_delay 5",
    "enable_script_security",
    "script_user root",
    "vrrp_strict",
    "use_vmac",
    "dont_track_primary",
    "track_interface",
    "smtp_alert",
  ),
  fc.tuple(pick("auth_pass"), secret).map((t) => t.join(" ")),
  pick("auth_type PASS", "auth_type AH", "router_id lb01"),
  fc.tuple(maybeCidr, pick("", "dev eth0", "label eth0:1", "brd 192.0.2.255 dev eth1")).map((t) => t.join(" ").trim()),
  fc.tuple(scriptName, pick("", "weight -30", "weight 20", "weight 300")).map((t) => t.join(" ").trim()),
  pick(
    "$VIP=192.0.2.100",
    "${VIP}/24",
    "$PRI=100",
    "priority $PRI",
    "@lb01 priority 150",
    "@^lb01 priority 90",
    "~SEQ(N, 1, 3) real_server 192.0.2.$N 80",
    "include conf.d/*.conf",
    "include ../../*",
    "include /etc/*",
    "# comment",
    "! comment",
    "\\",
  ),
);

const kaBlockName = pick(
  "authentication",
  "virtual_ipaddress",
  "virtual_ipaddress_excluded",
  "track_script",
  "track_interface",
  "unicast_peer",
  "group",
  "TCP_CHECK",
  "HTTP_GET",
  "url",
);

interface Tree {
  line: string;
  children?: Tree[];
}
const kaTree: fc.Arbitrary<Tree> = fc.letrec<{ tree: Tree }>((tie) => ({
  tree: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    kaLeaf.map((line) => ({ line })),
    fc.tuple(kaBlockName, fc.array(tie("tree"), { maxLength: 4 })).map(([line, children]) => ({ line, children })),
  ),
})).tree;

const kaTop = fc.oneof(
  fc
    .tuple(fc.constant("global_defs"), fc.array(kaLeaf, { maxLength: 5 }))
    .map(([h, c]) => ({ line: h, children: c.map((line) => ({ line })) })),
  fc
    .tuple(scriptName, fc.array(kaLeaf, { maxLength: 5 }))
    .map(([n, c]) => ({ line: `vrrp_script ${n}`, children: c.map((line) => ({ line })) })),
  fc.tuple(kaName, fc.array(kaTree, { maxLength: 10 })).map(([n, c]) => ({ line: `vrrp_instance ${n}`, children: c })),
  fc.tuple(kaName, fc.array(kaTree, { maxLength: 3 })).map(([n, c]) => ({ line: `vrrp_sync_group ${n}`, children: c })),
  fc.tuple(ip, fc.array(kaTree, { maxLength: 4 })).map(([a, c]) => ({
    line: `virtual_server ${a} 80`,
    children: [{ line: "lb_algo rr" }, { line: `real_server ${a} 8080`, children: c }],
  })),
  kaLeaf.map((line) => ({ line })),
);

/** Rendering knobs: indentation, braces on their own line or not, dropped/extra braces, CRLF. */
const style = fc.record({
  indent: pick("  ", "    ", "\t", "", " \t"),
  openOwnLine: fc.boolean(),
  eol: pick("\n", "\n", "\n", "\r\n"),
  dropBrace: fc.nat({ max: 30 }),
  extraBrace: fc.nat({ max: 30 }),
});

function renderTrees(
  trees: Tree[],
  s: { indent: string; openOwnLine: boolean; eol: string; dropBrace: number; extraBrace: number },
): string {
  const out: string[] = [];
  let n = 0;
  const walk = (t: Tree, depth: number): void => {
    const pad = s.indent.repeat(depth);
    if (!t.children) {
      out.push(pad + t.line);
      return;
    }
    n++;
    if (s.openOwnLine) out.push(pad + t.line, pad + (n === s.dropBrace ? "" : "{"));
    else out.push(pad + t.line + (n === s.dropBrace ? "" : " {"));
    for (const c of t.children) walk(c, depth + 1);
    out.push(pad + "}" + (n === s.extraBrace ? " }" : ""));
  };
  for (const t of trees) walk(t, 0);
  return out.join(s.eol) + s.eol;
}

export const keepalivedConfig: fc.Arbitrary<string> = fc
  .tuple(fc.array(kaTop, { maxLength: 8 }), style)
  .map(([t, s]) => renderTrees(t, s));

const hpSection = pick(
  "global",
  "defaults",
  "frontend",
  "backend",
  "listen",
  "userlist",
  "peers",
  "resolvers",
  "program",
  "bogus_section",
);
const hpName = pick("web", "db", "stats", "be_web", "be_db", "admins", "", "fe web");
const addr = fc
  .tuple(
    pick("", "*", "0.0.0.0", "192.0.2.10", "[::]", "${VIP}", "ipv4@"),
    pick(":80", ":443", ":5432", ":8404", ":0", ":99999", "", ":80-90"),
  )
  .map(([a, p]) => a + p);
const hpLine = fc.oneof(
  pick(
    "daemon",
    "maxconn 4000",
    "log /dev/log local0",
    "user haproxy",
    "group haproxy",
    "stats socket /run/haproxy.sock mode 660 level admin",
    "nbthread 4",
    "mode http",
    "mode tcp",
    "mode udp",
  ),
  pick(
    "timeout connect 5s",
    "timeout client 30s",
    "timeout server 30s",
    "timeout check 2",
    "timeout client",
    "option httplog",
    "option tcplog",
    "option redispatch",
    "retries 3",
    "balance roundrobin",
    "balance leastconn",
    "option httpchk GET /health",
    "option pgsql-check user haproxy",
    "http-check expect status 200",
  ),
  fc
    .tuple(pick("bind"), addr, pick("", "ssl crt /etc/ssl/x.pem", "v4v6", "transparent"))
    .map((t) => t.join(" ").trim()),
  fc
    .tuple(
      pick("server"),
      pick("s1", "s2", "pg1"),
      addr,
      pick("", "check", "check inter 2s fall 3 rise 2", "check port 8008 backup", "weight 300", "disabled"),
    )
    .map((t) => t.join(" ").trim()),
  fc
    .tuple(
      pick("default_backend", "use_backend"),
      hpName,
      pick("", "if is_api", "unless { path_beg /x }", "if !missing_acl"),
    )
    .map((t) => t.join(" ").trim()),
  fc
    .tuple(
      pick("acl"),
      pick("is_api", "bad acl"),
      pick("path_beg /api", "hdr(host) -i example.com", "src 10.0.0.0/8", "nbsrv(be_db) lt 1", "bogus_fetch"),
    )
    .map((t) => t.join(" ")),
  pick(
    "http-request deny if !is_api",
    "http-request set-header X-Forwarded-Proto https if { ssl_fc }",
    "tcp-request content accept if { req_ssl_hello_type 1 }",
    "http-request redirect scheme https unless { ssl_fc }",
  ),
  fc
    .tuple(pick("stats auth admin:", "user alice password ", "user bob insecure-password ", "stats auth "), secret)
    .map((t) => t.join("")),
  pick(
    "stats enable",
    "stats uri /stats",
    "stats refresh 10s",
    "errorfile 503 /etc/haproxy/errors/503.http",
    "log global",
    "option forwardfor",
    "cookie SRV insert indirect nocache",
  ),
  pick(
    ".if version_atleast(2.4)",
    ".if defined(FOO)",
    ".elif streq(a,b)",
    ".else",
    ".endif",
    '.diag "x"',
    "# comment",
    '"quoted \\" escape"',
    "'single ' quote",
    "word\\ with\\ escapes",
    "${HOME}",
    "\\",
  ),
);
const hpSectionArb = fc
  .tuple(hpSection, hpName, fc.array(hpLine, { maxLength: 10 }))
  .map(([k, n, lines]) => ({ header: `${k} ${n}`.trim(), lines }));

export const haproxyConfig: fc.Arbitrary<string> = fc
  .tuple(fc.array(hpSectionArb, { maxLength: 7 }), pick("    ", "\t", "", "  "), pick("\n", "\n", "\r\n"))
  .map(
    ([sections, ind, eol]) => sections.map((s) => [s.header, ...s.lines.map((l) => ind + l)].join(eol)).join(eol) + eol,
  );

/** Characters that matter to the lexers. */
const alphabet = "{}\"'\\#!$@~^()=,;:*.-_/[]%\n\r\t \u0000\u00e9\ufeffabcxyz019";

export interface Mutation {
  at: number;
  kind: "delete" | "insert" | "replace" | "truncate" | "dup" | "bytes" | "swap";
  len: number;
  byte: number;
}
export const mutations: fc.Arbitrary<Mutation[]> = fc.array(
  fc.record({
    at: fc.nat(),
    kind: pick("delete", "insert", "replace", "truncate", "dup", "bytes", "swap"),
    len: fc.integer({ min: 1, max: 64 }),
    byte: fc.nat({ max: 255 }),
  }),
  { minLength: 1, maxLength: 8 },
);

/** Byte-level mutation: works on the UTF-8 bytes (so it can break multi-byte characters), decoded as the CLI decodes files. */
export function mutate(text: string, edits: readonly Mutation[]): string {
  let b = Buffer.from(text, "utf8");
  for (const e of edits) {
    const p = b.length === 0 ? 0 : e.at % (b.length + 1);
    const ch = Buffer.from([e.byte % 2 === 0 ? alphabet.charCodeAt(e.byte % alphabet.length) & 0x7f : e.byte]);
    switch (e.kind) {
      case "delete":
        b = Buffer.concat([b.subarray(0, p), b.subarray(p + e.len)]);
        break;
      case "insert":
        b = Buffer.concat([b.subarray(0, p), ch, b.subarray(p)]);
        break;
      case "replace":
        b = Buffer.concat([b.subarray(0, p), ch, b.subarray(p + 1)]);
        break;
      case "truncate":
        b = b.subarray(0, p);
        break;
      case "dup":
        b = Buffer.concat([b.subarray(0, p + e.len), b.subarray(p, p + e.len), b.subarray(p + e.len)]);
        break;
      case "bytes":
        b = Buffer.concat([b.subarray(0, p), Buffer.alloc(Math.min(e.len, 8), e.byte), b.subarray(p)]);
        break;
      case "swap": {
        const q = b.length === 0 ? 0 : (e.at * 7 + e.len) % (b.length + 1);
        const [x, y] = p < q ? [p, q] : [q, p];
        const m = Math.min(e.len, y - x);
        b = Buffer.concat([
          b.subarray(0, x),
          b.subarray(y - m, y),
          b.subarray(x + m, y - m),
          b.subarray(x, x + m),
          b.subarray(y),
        ]);
        break;
      }
    }
  }
  return b.toString("utf8");
}

/** Corpus files (all of them, or every n-th), as text. */
export function corpusFiles(every = 1): { name: string; language: "haproxy" | "keepalived"; text: string }[] {
  if (!corpusAvailable()) return [];
  const out: { name: string; language: "haproxy" | "keepalived"; text: string }[] = [];
  for (const sub of ["haproxy/upstream", "haproxy/upstream-v2.6.0", "keepalived/upstream"]) {
    const names = readdirSync(join(corpusDir, sub)).sort();
    for (let i = 0; i < names.length; i += every) {
      const text = readFileSync(join(corpusDir, sub, names[i]), "utf8");
      if (text.length > 200_000) continue;
      out.push({ name: `${sub}/${names[i]}`, language: sub.startsWith("haproxy") ? "haproxy" : "keepalived", text });
    }
  }
  return out;
}

// ------------------------------------------------------------------ cases

/** A two-node cluster: each node's keepalived.conf and haproxy.cfg, plus one included keepalived file. */
export interface Case {
  ka1: string;
  ka2: string;
  hp1: string;
  hp2: string;
  inc: string;
}

export function grammarCases(): fc.Arbitrary<Case> {
  return fc
    .record({
      ka1: keepalivedConfig,
      ka2: fc.option(keepalivedConfig),
      hp1: haproxyConfig,
      hp2: fc.option(haproxyConfig),
      inc: keepalivedConfig,
      m: fc.option(mutations, { freq: 3 }),
    })
    .map(({ ka1, ka2, hp1, hp2, inc, m }) => {
      // The second node is often the first with a few edits (the interesting pairs differ a little).
      const k2 = ka2 ?? ka1.replace(/MASTER/g, "BACKUP").replace(/priority 1\d\d/g, "priority 90");
      return { ka1: m ? mutate(ka1, m) : ka1, ka2: k2, hp1, hp2: hp2 ?? hp1, inc };
    });
}

export function corpusCases(files: ReturnType<typeof corpusFiles>): fc.Arbitrary<Case> {
  const ka = files.filter((f) => f.language === "keepalived");
  const hp = files.filter((f) => f.language === "haproxy");
  return fc
    .record({
      k: fc.nat({ max: ka.length - 1 }),
      h: fc.nat({ max: hp.length - 1 }),
      mk: mutations,
      mh: mutations,
      second: fc.boolean(),
    })
    .map(({ k, h, mk, mh, second }) => {
      const ka1 = mutate(ka[k].text, mk);
      const hp1 = mutate(hp[h].text, mh);
      return { ka1, ka2: second ? ka[k].text : ka1, hp1, hp2: second ? hp[h].text : hp1, inc: "" };
    });
}

/** Pure noise over the lexers' alphabet, same text in all four files. */
export const noiseCases: fc.Arbitrary<Case> = fc
  .array(fc.constantFrom(...alphabet.split("")), { maxLength: 600 })
  .map((a) => a.join(""))
  .map((t) => ({ ka1: t, ka2: t, hp1: t, hp2: t, inc: t }));

// ------------------------------------------------------------------ properties

export class PropertyFailure extends Error {}

const fail = (what: string): never => {
  throw new PropertyFailure(what);
};

const ROOT = "/fz";
export const PATHS = {
  ka1: `${ROOT}/lb01/keepalived.conf`,
  ka2: `${ROOT}/lb02/keepalived.conf`,
  hp1: `${ROOT}/lb01/haproxy.cfg`,
  hp2: `${ROOT}/lb02/haproxy.cfg`,
  inc: `${ROOT}/lb01/conf.d/extra.conf`,
} as const;

function hostOf(files: Map<string, string>): SourceHost {
  return {
    readFile: (f) => files.get(f),
    glob: (pattern) => {
      // Only the one include folder exists; anything else matches nothing (never the real disk).
      if (pattern.startsWith(`${ROOT}/lb01/conf.d/`) || pattern === `${ROOT}/lb01/conf.d/*.conf`)
        return files.has(PATHS.inc) ? [PATHS.inc] : [];
      return [];
    },
  };
}

function inside(text: string, r: Range): boolean {
  const index = new LineIndex(text);
  const lineLength = (l: number): number => {
    const start = index.lineStart(l);
    const next = l + 1 < index.lineCount ? index.lineStart(l + 1) : text.length;
    let end = next;
    if (l + 1 < index.lineCount) {
      if (text.charCodeAt(end - 1) === 10) end--;
      if (text.charCodeAt(end - 1) === 13) end--;
    }
    return end - start;
  };
  for (const p of [r.start, r.end]) {
    if (!Number.isInteger(p.line) || !Number.isInteger(p.character) || p.line < 0 || p.character < 0) return false;
    if (p.line >= index.lineCount || p.character > lineLength(p.line)) return false;
  }
  return r.start.line < r.end.line || (r.start.line === r.end.line && r.start.character <= r.end.character);
}

const hk = haproxyKeywords("2.6");

export function shape(file: string, text: string, language: "haproxy" | "keepalived"): unknown {
  if (language === "haproxy") {
    const d = parseHaproxy(file, text, { sectionKeywords: hk.sectionNames });
    return {
      sections: d.sections.map((s) => [
        s.kind,
        s.name?.value,
        s.lines.map((l) => [l.keyword.value, ...l.args.map((a) => a.value)]),
      ]),
      outside: d.outside.map((l) => [l.keyword.value, ...l.args.map((a) => a.value)]),
    };
  }
  const d = parseKeepalived(file, text);
  return {
    statements: [...walkStatements(d.statements)].map(({ statement, parents }) => [
      parents.length,
      statement.keyword.value,
      ...statement.args.map((a) => a.value),
    ]),
  };
}

const SETTINGS = { haproxyVersion: "2.6", keepalivedVersion: "2.2" } as const;

function analysisInputs(files: Map<string, string>): InputFile[] {
  const inputs: InputFile[] = [];
  for (const k of ["ka1", "ka2", "hp1", "hp2"] as const) {
    const t = files.get(PATHS[k]);
    if (t !== undefined)
      inputs.push({ path: PATHS[k], text: t, language: k.startsWith("ka") ? "keepalived" : "haproxy" });
  }
  return inputs;
}

function runAnalysis(files: Map<string, string>, cache?: ParseCache): AnalysisResult {
  return analyze({
    files: analysisInputs(files),
    host: hostOf(files),
    settings: SETTINGS,
    ...(cache ? { cache } : {}),
  });
}

const keyOf = (f: Finding): string => `${f.rule}\u0000${f.file}\u0000${f.message}`;

export interface CheckStats {
  /** Whether the case also ran the comparisons (CLI against server, alone against cluster). */
  compared: boolean;
  findings: number;
  /** The rules with a finding on the case (before any fix). */
  rules: string[];
  fixesApplied: number;
  formatted: number;
  ms: number;
}

/**
 * Every property, on one case. Throws PropertyFailure (or the exception the code under test threw). With `compare`,
 * also the comparisons of test/hardening/fuzz-agreement.ts (CLI against language server, a file alone against its
 * cluster), which cost several more analyses and run on a sample of the cases.
 */
export function checkCase(c: Case, timeBoundMs = 20_000, compare = false): CheckStats {
  const started = performance.now();
  const files = new Map<string, string>([
    [PATHS.ka1, c.ka1],
    [PATHS.ka2, c.ka2],
    [PATHS.hp1, c.hp1],
    [PATHS.hp2, c.hp2],
    [PATHS.inc, c.inc],
  ]);
  // 1. Parsers alone, on the file no analysis reads unless an include picks it (the others are parsed in 2, and
  // their issues come back as findings whose ranges are checked there).
  {
    const d = parseKeepalived(PATHS.inc, c.inc, hostOf(files), { configId: "lb01" });
    for (const i of d.issues)
      if (!inside(files.get(i.file) ?? fail(`keepalived issue in unknown file ${i.file}`), i.range))
        fail(`keepalived issue range outside ${i.file}: ${JSON.stringify(i.range)} (${i.message})`);
  }
  // 2. The whole analysis: model, simulation, rules. One parse cache for the case, as the language server keeps
  // one: the analyses after --fix re-parse only the files a fix changed.
  const cache = new ParseCache();
  const result = runAnalysis(files, cache);
  if (result.internalErrors.length)
    fail(`internal error in rule ${result.internalErrors[0].rule}: ${result.internalErrors[0].message}`);
  for (const f of result.findings) {
    const text = files.get(f.file) ?? fail(`finding ${f.rule} in a file that is not an input: ${f.file}`);
    if (!inside(text, f.range))
      fail(`finding ${f.rule} range outside ${f.file}: ${JSON.stringify(f.range)} (${f.message})`);
    for (const r of f.related ?? []) {
      const t = files.get(r.file);
      if (t !== undefined && !inside(t, r.range))
        fail(`related location of ${f.rule} outside ${r.file}: ${JSON.stringify(r.range)}`);
    }
    for (const fix of f.fixes ?? [])
      for (const e of fix.edits)
        if (!inside(files.get(e.file) ?? fail(`fix of ${f.rule} edits unknown file ${e.file}`), e.range))
          fail(`fix edit of ${f.rule} outside ${e.file}: ${JSON.stringify(e.range)}`);
  }
  // 3. Simulation as the CLI prints it, and every report format.
  matrixTables(failoverMatrix(result.input.simulations));
  const sources = new Map(
    [...files].filter(([p]) => p !== PATHS.inc || result.input.keepalived.some((d) => d.files.includes(p))),
  );
  for (const format of Object.values(FORMATS)) {
    format({
      toolVersion: "0",
      findings: result.findings,
      fileCount: sources.size,
      clusters: [],
      sources,
      display: (f) => f,
      docsUrl: (id) => id,
      color: false,
    });
  }
  // 4. LSP formatter: idempotent, same syntax tree.
  let formatted = 0;
  for (const k of ["ka1", "hp1", "inc"] as const) {
    const language = k === "hp1" ? "haproxy" : "keepalived";
    const text = files.get(PATHS[k])!;
    let original: string | undefined;
    for (const indent of ["    ", "\t"]) {
      const once = formatText(text, language, { indent, sectionKeywords: hk.sectionNames });
      const twice = formatText(once, language, { indent, sectionKeywords: hk.sectionNames });
      if (twice !== once) fail(`formatting ${k} (${language}) is not idempotent`);
      // Unchanged text has the same tree: parse only what the formatter changed.
      if (
        once !== text &&
        JSON.stringify(shape(PATHS[k], once, language)) !==
          (original ??= JSON.stringify(shape(PATHS[k], text, language)))
      )
        fail(`formatting ${k} (${language}) changes the syntax tree`);
      if (once !== text) formatted++;
    }
  }
  // 5. --fix (safe, then unsafe) in passes as the CLI runs it: the output re-parses, the fixes settle (nothing left
  // to apply, no fix undoing another) and the findings fixed in the first pass are gone.
  let fixesApplied = 0;
  // Without unsafe fixes, --unsafe-fixes applies the very same set: run it only when it differs.
  const hasUnsafe = result.findings.some((f) => f.fixes?.some((x) => !x.safe));
  for (const unsafe of hasUnsafe ? [false, true] : [false]) {
    const reanalyze = (texts: ReadonlyMap<string, string>): Finding[] => {
      const again = runAnalysis(new Map(texts), cache);
      if (again.internalErrors.length)
        fail(`after --fix: internal error in rule ${again.internalErrors[0].rule}: ${again.internalErrors[0].message}`);
      return again.findings;
    };
    const fixed = applyFixesInPasses(result.findings, files, unsafe, reanalyze);
    if (fixed.applied.length === 0) continue;
    fixesApplied += fixed.applied.length;
    const flag = unsafe ? "--fix --unsafe-fixes" : "--fix";
    if (fixed.skipped > 0) {
      const left = fixed.remaining.find((f) => f.fixes?.some((x) => x.safe || unsafe))!;
      fail(`${flag}: fixes still offered after ${fixed.passes} passes: ${left.rule} ${left.message}`);
    }
    const count = (fs: readonly Finding[]): Map<string, number> => {
      const m = new Map<string, number>();
      for (const f of fs) m.set(keyOf(f), (m.get(keyOf(f)) ?? 0) + 1);
      return m;
    };
    const before = count(result.findings);
    const now = count(fixed.remaining);
    const firstPass = count(applyFixes(result.findings, files, unsafe).applied.map((a) => a.finding));
    for (const [k, n] of firstPass) {
      if ((now.get(k) ?? 0) > (before.get(k) ?? 0) - n)
        fail(`${flag}: finding still there after its fix: ${k.split("\u0000").join(" | ")}`);
    }
    for (const [f, t] of fixed.changed) {
      parseKeepalived(f, t);
      parseHaproxy(f, t);
    }
  }
  const ms = performance.now() - started;
  if (ms > timeBoundMs) fail(`analysis took ${Math.round(ms)} ms (bound ${timeBoundMs} ms)`);
  if (compare) {
    checkAloneEqualsCluster(result, analysisInputs(files), hostOf(files), SETTINGS);
    checkShellsAgree(ROOT, files, PATHS.ka1);
  }
  const rules = [...new Set(result.findings.map((f) => f.rule))];
  return { findings: result.findings.length, rules, fixesApplied, formatted, ms, compared: compare };
}
