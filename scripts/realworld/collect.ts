/**
 * `npx tsx scripts/realworld/collect.ts [MIRROR_DIR]`: builds test/realworld from snapshots of the public repositories
 * listed in scripts/realworld/repos.txt (git directories under MIRROR_DIR, default $HA_LINT_MIRROR or /work/.mirror,
 * one `owner+name/repo` folder each, as the search tool's fetch leaves them).
 *
 * Every file is copied verbatim (bytes of the blob at the snapshot's HEAD). Skipped: templates (Jinja, ERB, Go,
 * shell placeholders), files that are not configurations of the tool, files with secrets, copies of a text already
 * taken (same text once comments and blank lines are dropped). Two or more keepalived files of one repository whose
 * VRRP instances share a virtual_router_id become a multi-node set: sets/<set>/<node>/keepalived.conf, with the
 * node's haproxy.cfg (its own, or the one the repository shares between its nodes).
 *
 * Writes test/realworld/{haproxy,keepalived,sets}/ and test/realworld/SOURCES.tsv; prints what it skipped and why.
 */
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, posix, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = resolve(here, "../..");
const outDir = join(repoRoot, "test/realworld");
const mirror = process.argv.slice(2).find((a) => !a.startsWith("--")) ?? process.env.HA_LINT_MIRROR ?? "/work/.mirror";

type Tool = "haproxy" | "keepalived";

interface Candidate {
  repo: string;
  commit: string;
  path: string;
  tool: Tool;
  text: Buffer;
  license: string;
}

interface SourceRow {
  file: string;
  repo: string;
  commit: string;
  path: string;
  license: string;
  kind: "single" | "set-node";
}

const MAX_BYTES = 200_000;

function gitDir(repo: string): string | undefined {
  const base = join(mirror, repo.replace("/", "+"), "repo");
  if (existsSync(join(base, ".git"))) return join(base, ".git");
  if (existsSync(join(base, "HEAD"))) return base;
  return undefined;
}

function git(dir: string, args: string[]): Buffer {
  return execFileSync("git", ["--git-dir", dir, ...args], { maxBuffer: 64 * 1024 * 1024 });
}

/** The SPDX id of the repository's licence file at HEAD, when it is one of the common ones. */
function licenseOf(dir: string, files: string[]): string {
  const file = files.find((f) => /^(LICEN[CS]E|COPYING)(\.md|\.txt)?$/i.test(f));
  if (!file) return "";
  const text = git(dir, ["show", `HEAD:${file}`]).toString("utf8");
  if (/Permission is hereby granted, free of charge/i.test(text)) return "MIT";
  if (/Apache License/i.test(text) && /Version 2\.0/.test(text)) return "Apache-2.0";
  if (/GNU AFFERO GENERAL PUBLIC LICENSE/i.test(text)) return "AGPL-3.0";
  if (/GNU LESSER GENERAL PUBLIC LICENSE/i.test(text)) return "LGPL";
  if (/GNU GENERAL PUBLIC LICENSE/i.test(text)) return /Version 3/.test(text) ? "GPL-3.0" : "GPL-2.0";
  if (/Mozilla Public License/i.test(text)) return "MPL-2.0";
  if (/This is free and unencumbered software/i.test(text)) return "Unlicense";
  if (/Redistribution and use in source and binary forms/i.test(text)) return "BSD";
  if (/CC0|Creative Commons/i.test(text)) return "CC";
  return "other";
}

/** The tool a file name belongs to, for names that are configurations and not templates or backups. */
function toolOfName(path: string): Tool | undefined {
  const base = posix.basename(path).toLowerCase();
  if (/\.(j2|jinja2?|tpl|tmpl|erb|template|ctmpl|example|sample|md|sh|py|yml|yaml|json|bak|orig|old|in)$/.test(base))
    return undefined;
  if (/keepalived/.test(base) && /\.conf/.test(base)) return "keepalived";
  if (/haproxy/.test(base) && /\.cfg/.test(base)) return "haproxy";
  return undefined;
}

/** Why a text is not taken, or undefined when it is. */
function rejection(tool: Tool, text: string): string | undefined {
  if (text.length === 0) return "empty";
  if (text.includes("\0")) return "binary";
  if (/\{\{|\{%|<%|\{\{-/.test(text)) return "template (Jinja/ERB/Go)";
  if (/^\s*#!\s*\/|^\s*cat\s+<</m.test(text)) return "script, not a configuration";
  if (
    /<(your|YOUR|Your)[-_ ]?[A-Za-z_ -]*>|\b(YOUR|your)_[A-Z_]+\b|<(IP|VIP|HOST|PORT|INTERFACE|PASSWORD)[A-Z_]*>|__[A-Z]+(_[A-Z]+)*__/.test(
      text,
    )
  )
    return "template (placeholders)";
  if (
    /-----BEGIN [A-Z ]*PRIVATE KEY-----|\bAKIA[0-9A-Z]{16}\b|\bghp_[A-Za-z0-9]{20,}|xox[bp]-[0-9A-Za-z-]{10,}/.test(
      text,
    )
  )
    return "secret";
  if (strongPassword(tool, text)) return "secret (password that looks real)";
  if (
    /__[A-Z][A-Z0-9_]*__|<--[A-Za-z_]+-->|\b[Xx]{2,3}\.[Xx]{2,3}\.|\d\.xx|\[(virtual|main|backup|master|peer|node)_ip\]/.test(
      text,
    )
  )
    return "template (placeholders)";
  const angle =
    tool === "keepalived"
      ? /<[^<>\s]+>/
      : /<[A-Za-z0-9_.-]*(ip|IP|host|HOST|addr|ADDR|port|PORT|server|SERVER|domain|DOMAIN|node|NODE)[A-Za-z0-9_.-]*>/;
  if (angle.test(text.replace(/(^|\s)#.*$/gm, ""))) return "template (placeholders)";
  if (tool === "keepalived") {
    if (!/^\s*(vrrp_instance|virtual_server|global_defs|vrrp_script|vrrp_sync_group)\b/m.test(text))
      return "not a keepalived configuration";
    // Placeholders where a value belongs: a word for a number, %NAME%, ${name}, #NAME#, NAME_GOES_HERE.
    if (/^[ \t]*(virtual_router_id|priority|advert_int)[ \t]+[A-Za-z_%$#{<]/m.test(text))
      return "template (placeholders)";
    if (/^[ \t]*(state|interface)[ \t]+[%$#<{]|%[A-Za-z_]+%|_GOES_HERE|\bX\.X\.X\./m.test(text))
      return "template (placeholders)";
    if (/^[ \t]*(unicast_src_ip|mcast_src_ip)[ \t]+[A-Za-z_]+[ \t]*$/m.test(text)) return "template (placeholders)";
    if (/virtual_ipaddress\s*\{[^}]*?^\s*[$%]?[A-Za-z_]*(ip|IP|vip|VIP|Vip)[A-Za-z_]*\b(?![.:])/m.test(text))
      return "template (placeholders)";
    const defined = /^\s*\$[A-Za-z_]\w*\s*=/m.test(text);
    if (!defined && /\$\{?[A-Za-z][A-Za-z0-9_]{2,}\}?/.test(text.replace(/(^|\s)[#!].*$/gm, "")))
      return "template (shell variables)";
  } else {
    if (!/^\s*(global|defaults|frontend|backend|listen)\b/m.test(text)) return "not a haproxy configuration";
  }
  return undefined;
}

/** A password of 10+ characters mixing three character classes: likely a real one. */
function strongPassword(tool: Tool, text: string): boolean {
  const values: string[] = [];
  const patterns =
    tool === "haproxy"
      ? [/\bstats\s+auth\s+[^:\s]+:(\S+)/g, /\b(?:insecure-)?password\s+(\S+)/g]
      : [/\bauth_pass\s+(\S+)/g, /\bsmtp_password\s+(\S+)/g];
  for (const re of patterns) for (const m of text.matchAll(re)) values.push(m[1]);
  return values.some((v) => {
    if (v.length < 10 || v.startsWith("$")) return false;
    const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((re) => re.test(v)).length;
    return classes >= 3;
  });
}

/** The text without comments, blank lines and spacing: two files with the same key are one configuration. */
function dedupKey(text: string): string {
  const lines = text
    .split(/\r?\n|\r/)
    .map((l) =>
      l
        .replace(/(^|\s)[#!].*$/, "")
        .trim()
        .replace(/\s+/g, " "),
    )
    .filter(Boolean);
  return createHash("sha256").update(lines.join("\n")).digest("hex");
}

function readCandidates(repo: string, skipped: Map<string, string[]>): Candidate[] {
  const dir = gitDir(repo);
  if (!dir) {
    skipped.set("no snapshot", [...(skipped.get("no snapshot") ?? []), repo]);
    return [];
  }
  const commit = git(dir, ["rev-parse", "HEAD"]).toString().trim();
  const listing = git(dir, ["ls-tree", "-r", "-l", "HEAD"]).toString().split("\n").filter(Boolean);
  const files = listing.map((l) => l.split("\t")[1]);
  const license = licenseOf(dir, files);
  const out: Candidate[] = [];
  for (const row of listing) {
    const [meta, path] = row.split("\t");
    const [, type, , size] = meta.split(/\s+/);
    if (type !== "blob") continue;
    const tool = toolOfName(path);
    if (!tool) continue;
    if (Number(size) > MAX_BYTES || Number(size) === 0) continue;
    const text = git(dir, ["show", `HEAD:${path}`]);
    out.push({ repo, commit, path, tool, text, license });
  }
  return out;
}

function safeName(text: string): string {
  return text.replace(/[^A-Za-z0-9._-]+/g, "_").replace(/_+/g, "_");
}

/** VRIDs of the keepalived text (virtual_router_id values). */
function vrids(text: string): Set<string> {
  return new Set([...text.matchAll(/^\s*virtual_router_id\s+(\d+)/gm)].map((m) => m[1]));
}

/** A node name for a keepalived file of a set: its folder or the part of its name that is not "keepalived". */
function nodeName(path: string, siblings: string[]): string {
  const base = posix.basename(path);
  const stem = base
    .replace(/keepalived/i, "")
    .replace(/\.conf/i, "")
    .replace(/^[-_.]+|[-_.]+$/g, "");
  if (stem) return safeName(stem);
  const dirs = siblings.map((p) => posix.dirname(p));
  if (posix.dirname(path) === ".") return "root";
  const own = posix.dirname(path).split("/");
  // The deepest folder level where the siblings' paths differ names the node.
  for (let depth = 0; depth < own.length; depth++) {
    const names = new Set(dirs.map((d) => d.split("/")[depth]));
    if (names.size > 1) return safeName(own[depth] ?? "root");
  }
  return safeName(posix.basename(posix.dirname(path)) || "node");
}

interface SetNode {
  node: string;
  keepalived: Candidate;
  haproxy?: Candidate;
}

/**
 * Groups a repository's keepalived files into sets: files that share a VRID, in one folder (named per node) or in
 * sibling folders, two to four of them.
 */
function setsOfRepo(candidates: Candidate[]): { variant: string; nodes: SetNode[] }[] {
  const keep = candidates.filter((c) => c.tool === "keepalived");
  const hap = candidates.filter((c) => c.tool === "haproxy");
  const used = new Set<Candidate>();
  const sets: { variant: string; nodes: SetNode[] }[] = [];
  const parentOf = (c: Candidate): string => {
    const dir = posix.dirname(c.path);
    const base = posix.basename(c.path).toLowerCase();
    return base === "keepalived.conf" ? posix.dirname(dir) : dir;
  };
  const groups = new Map<string, Candidate[]>();
  for (const c of keep) groups.set(parentOf(c), [...(groups.get(parentOf(c)) ?? []), c]);
  for (const group of groups.values()) {
    const members = group.filter((c) => !used.has(c) && vrids(c.text.toString("latin1")).size > 0);
    if (members.length < 2 || members.length > 4) continue;
    const shared = [...vrids(members[0].text.toString("latin1"))].filter((v) =>
      members.every((m) => vrids(m.text.toString("latin1")).has(v)),
    );
    if (shared.length === 0) continue;
    const paths = members.map((m) => m.path);
    const named = members.map((m) => ({ member: m, node: nodeName(m.path, paths) }));
    // Variants of one exercise (master_FIX, 1.bridge) share VRIDs with the originals: each variant is its own set.
    const byVariant = new Map<string, typeof named>();
    for (const n of named) {
      const variant = n.node.replace(ROLE, "");
      byVariant.set(variant, [...(byVariant.get(variant) ?? []), n]);
    }
    for (const [variant, list] of byVariant) {
      if (list.length < 2 || list.length > 3) continue;
      if (/^[-_.]*(exerc|active-active)/i.test(variant)) continue;
      if (!list.every((n) => ROLE.test(n.node))) continue;
      if (new Set(list.map((n) => n.node)).size !== list.length) continue;
      const own = list.map((n) => n.member);
      const nodes = list.map((n) => {
        used.add(n.member);
        return { node: n.node, keepalived: n.member, haproxy: haproxyFor(n.member, n.node, hap, own) };
      });
      sets.push({ variant: safeName(variant.replace(/^[-_.]+|[-_.]+$/g, "")), nodes });
    }
  }
  return sets;
}

/** Names of nodes by their role in a pair or trio. */
const ROLE =
  /(master|backup|slaver?|main|primary|secondary|standby|node-?\d+|lb-?\d+|haproxy-?\d+|host-?\d+|server-?\d+|postgres\d+|local|root|^\d+|\d+$)/i;

/** The node's haproxy.cfg: one beside it naming the node, or the only one in its folder or the folder above. */
function haproxyFor(member: Candidate, node: string, hap: Candidate[], members: Candidate[]): Candidate | undefined {
  const dir = posix.dirname(member.path);
  const near = (d: string) => hap.filter((h) => posix.dirname(h.path) === d);
  const own = near(dir);
  const named = own.filter((h) => posix.basename(h.path).toLowerCase().includes(node.toLowerCase()));
  if (named.length === 1) return named[0];
  const memberDirs = new Set(members.map((m) => posix.dirname(m.path)));
  if (memberDirs.size > 1 && own.length === 1) return own[0];
  if (own.length === 1) return own[0];
  if (own.length === 0 && memberDirs.size > 1) {
    const above = near(posix.dirname(dir));
    if (above.length === 1) return above[0];
  }
  if (own.length === 0 && memberDirs.size === 1) {
    const above = near(posix.dirname(dir));
    if (above.length === 1) return above[0];
  }
  return undefined;
}

/** The deepest folder every one of these folders is in ("." for none). */
function commonFolder(folders: string[]): string {
  const parts = folders.map((f) => f.split("/"));
  const common: string[] = [];
  for (let i = 0; parts.every((p) => p[i] !== undefined && p[i] === parts[0][i]); i++) common.push(parts[0][i]);
  return common.length ? common.join("/") : ".";
}

function main(): void {
  const repos = readFileSync(join(here, "repos.txt"), "utf8")
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith("#"));
  const skipped = new Map<string, string[]>();
  const skip = (why: string, what: string) => skipped.set(why, [...(skipped.get(why) ?? []), what]);
  const seen = new Set<string>();
  const rows: SourceRow[] = [];
  const files = new Map<string, Buffer>();
  let setCount = 0;
  for (const repo of repos) {
    const all = readCandidates(repo, skipped);
    const good = all.filter((c) => {
      const why = rejection(c.tool, c.text.toString("latin1"));
      if (why) skip(why, `${c.repo}:${c.path}`);
      return !why;
    });
    for (const { variant, nodes: set } of setsOfRepo(good)) {
      const keys = set.map((n) => dedupKey(n.keepalived.text.toString("latin1")));
      const setKey = keys.slice().sort().join("+");
      if (seen.has(setKey) || keys.some((k) => seen.has(k))) {
        for (const n of set) skip("duplicate set", `${n.keepalived.repo}:${n.keepalived.path}`);
        continue;
      }
      seen.add(setKey);
      for (const k of keys) seen.add(k);
      const dirOfSet = commonFolder(set.map((n) => posix.dirname(n.keepalived.path)));
      const place = `${repo.replace("/", "+")}${dirOfSet === "." ? "" : `+${dirOfSet}`}${variant ? `+${variant}` : ""}`;
      const setName = safeName(place);
      setCount++;
      for (const n of set) {
        for (const [c, name] of [
          [n.keepalived, "keepalived.conf"],
          [n.haproxy, "haproxy.cfg"],
        ] as const) {
          if (!c) continue;
          seen.add(dedupKey(c.text.toString("latin1")));
          const file = `sets/${setName}/${n.node}/${name}`;
          files.set(file, c.text);
          rows.push({ file, repo: c.repo, commit: c.commit, path: c.path, license: c.license, kind: "set-node" });
        }
      }
    }
    for (const c of good) {
      const key = dedupKey(c.text.toString("latin1"));
      if (seen.has(key)) {
        if (!rows.some((r) => r.repo === c.repo && r.path === c.path)) skip("duplicate", `${c.repo}:${c.path}`);
        continue;
      }
      seen.add(key);
      const ext = c.tool === "haproxy" ? "cfg" : "conf";
      const file = `${c.tool}/${safeName(`${repo.replace("/", "+")}+${c.path}`)}${c.path.endsWith(`.${ext}`) ? "" : `.${ext}`}`;
      files.set(file, c.text);
      rows.push({ file, repo: c.repo, commit: c.commit, path: c.path, license: c.license, kind: "single" });
    }
  }
  for (const sub of ["haproxy", "keepalived", "sets"]) rmSync(join(outDir, sub), { recursive: true, force: true });
  for (const [file, text] of files) {
    mkdirSync(dirname(join(outDir, file)), { recursive: true });
    writeFileSync(join(outDir, file), text);
  }
  rows.sort((a, b) => a.file.localeCompare(b.file));
  const tsv = ["file\trepo\tcommit\tpath\tlicense\tkind"]
    .concat(rows.map((r) => [r.file, r.repo, r.commit, r.path, r.license, r.kind].join("\t")))
    .join("\n");
  writeFileSync(join(outDir, "SOURCES.tsv"), `${tsv}\n`);
  const singles = rows.filter((r) => r.kind === "single");
  console.log(
    `${singles.filter((r) => r.file.startsWith("haproxy/")).length} haproxy files, ` +
      `${singles.filter((r) => r.file.startsWith("keepalived/")).length} keepalived files, ${setCount} sets ` +
      `(${rows.length - singles.length} files in sets)`,
  );
  for (const [why, list] of skipped) console.log(`skipped ${list.length}: ${why}`);
  if (process.argv.includes("--verbose"))
    for (const [why, list] of skipped) for (const item of list) console.log(`  ${why}: ${item}`);
}

main();
