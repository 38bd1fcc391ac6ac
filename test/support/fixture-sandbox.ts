/**
 * What a fixture's keepalived.conf is checked with (`keepalived -t` in private namespaces, test/support/
 * real-binaries.ts ToolSandbox), so that its verdict is about the configuration and not about this machine:
 * - the node's interfaces: the host's own where the node's tree records them (`ip -j link` / `ip -j addr` output,
 *   the host facts ha-lint reads), else every interface the file names ("Non-existent interface" otherwise);
 * - the users its `script_user` lines name (2.3.x only, see fixtureSandbox());
 * - its /etc files: an etc/ tree, or the scripts a flat node keeps beside its config.
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import type { ToolSandbox } from "./real-binaries.js";

const IP_JSON = ["ip-link.json", "ip-addr.json"];
const NAME = /^[A-Za-z][A-Za-z0-9_.-]{0,14}$/;

/** Interfaces named by the file: after interface, dev, bind_if, and the lines of track_interface blocks. */
export function interfacesNamed(text: string): string[] {
  const named = new Set<string>();
  for (const found of text.matchAll(
    /\b(?:interface|dev|bind_if|lvs_sync_daemon|vrf)\s+([A-Za-z][A-Za-z0-9_.-]{0,14})/g,
  ))
    if (!found[1].endsWith(".")) named.add(found[1]);
  for (const block of text.matchAll(/\btrack_interface\s*\{([^}]*)\}/g))
    for (const line of block[1].split("\n")) {
      const word = line.trim().split(/\s+/)[0];
      if (word && NAME.test(word)) named.add(word);
    }
  return [...named].sort();
}

/** The host's interfaces from the node's `ip -j` host facts, searched from the file's folder up to the fixture's. */
function recordedInterfaces(fixtureDir: string, file: string): string[] | undefined {
  for (let dir = dirname(file); dir.startsWith(fixtureDir); dir = dirname(dir)) {
    for (const folder of [join(dir, "etc/ha-lint"), dir]) {
      const names = new Set<string>();
      for (const name of IP_JSON) {
        const path = join(folder, name);
        if (!existsSync(path)) continue;
        const entries = JSON.parse(readFileSync(path, "utf8")) as { ifname?: string }[];
        for (const entry of entries) if (entry.ifname && NAME.test(entry.ifname)) names.add(entry.ifname);
      }
      if (names.size > 0) return [...names].filter((name) => name !== "lo").sort();
    }
    if (dir === fixtureDir) break;
  }
  return undefined;
}

/** The interfaces to give keepalived for the fixture file `file` (absolute) of the fixture folder `fixtureDir`. */
export function fixtureInterfaces(fixtureDir: string, file: string, text: string): string[] {
  return recordedInterfaces(fixtureDir, file) ?? interfacesNamed(text);
}

/**
 * What a fixture file's check runs with: for keepalived, the interfaces of fixtureInterfaces() over the texts of the
 * fixture's files (a node's includes name interfaces too) and the script users they name; haproxy runs as it is.
 */
export function fixtureSandbox(
  tool: "haproxy" | "keepalived",
  version: string,
  fixtureDir: string,
  file: string,
  files: Readonly<Record<string, string | Buffer>>,
): ToolSandbox | undefined {
  if (tool !== "keepalived") return undefined;
  const text = Object.values(files).map(String).join("\n");
  // keepalived 2.2.7's check_script_secure() (lib/notify.c), after resolving a script's path as a script user other
  // than root, sends itself SIGTERM when its parent is not the main process, which is always so under -t: with the
  // users there, 2.2.7 -t dies half-way and says nothing about the file. 2.3.x skips that under -t.
  const users = atLeastMinor(version, 2, 3) ? scriptUsers(text) : [];
  const etc = { ...besideFiles(file, text), ...etcFiles(file) };
  return { interfaces: fixtureInterfaces(fixtureDir, file, text), users, etc };
}

/**
 * A node kept flat (lb01/keepalived.conf, lb01/check_haproxy.sh) names its scripts where the host has them
 * (/etc/keepalived/check_haproxy.sh): each /etc path the texts name whose file name stands beside the checked file.
 */
function besideFiles(file: string, text: string): Record<string, { text: Buffer; mode: number }> {
  const out: Record<string, { text: Buffer; mode: number }> = {};
  for (const found of text.matchAll(/(?<![\w/])\/etc\/([\w.+-]+(?:\/[\w.+-]+)+)/g)) {
    const beside = join(dirname(file), found[1].split("/").pop()!);
    if (existsSync(beside) && statSync(beside).isFile())
      out[found[1]] = { text: readFileSync(beside), mode: statSync(beside).mode & 0o777 };
  }
  return out;
}

function atLeastMinor(version: string, major: number, minor: number): boolean {
  const [got, gotMinor] = version.split(".").map(Number);
  return got > major || (got === major && gotMinor >= minor);
}

/** The files of the node's etc/ tree, when the file is in one (`NODE/etc/keepalived/keepalived.conf`), with modes. */
function etcFiles(file: string): ToolSandbox["etc"] {
  const at = file.lastIndexOf("/etc/");
  if (at < 0) return {};
  const root = file.slice(0, at + "/etc".length);
  const out: Record<string, { text: Buffer; mode: number }> = {};
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.isFile())
        out[relative(root, path)] = { text: readFileSync(path), mode: statSync(path).mode & 0o777 };
    }
  };
  walk(root);
  return out;
}

/** The users `script_user` lines name (a node that names one has created it: it is part of the host). */
export function scriptUsers(text: string): string[] {
  const users = new Set<string>();
  for (const found of text.matchAll(/^\s*script_user\s+([a-z_][a-z0-9_-]*)/gm))
    if (found[1] !== "root") users.add(found[1]);
  return [...users].sort();
}
