// Loads a keepalived source tree for the message-table generator: every C file of lib/ and keepalived/*/ read by
// keepalived-c-reader.mjs, the functions by name, the #define values of every header, and the build profile
// (which preprocessor branches Debian's binary of that version has). Node builtins only.

import { readdirSync, readFileSync, existsSync } from "node:fs";
import { join } from "node:path";
import { findFunctions, preprocess, tokenize, evalCondition } from "./keepalived-c-reader.mjs";

/** The folders whose C files are read (tools/ and the genhash program are not part of keepalived -t). */
const CODE_DIRS = [
  "lib",
  "keepalived/core",
  "keepalived/vrrp",
  "keepalived/check",
  "keepalived/bfd",
  "keepalived/trackers",
];
const HEADER_DIRS = ["lib", "keepalived/include"];

/**
 * The preprocessor names Debian's keepalived packages define (from `keepalived -v`: "Config options" and "System
 * options" of bookworm's 2.2.7, trixie's 2.3.3 and sid's 2.3.4, mapped to the macros configure.ac sets for them).
 * Names not listed are undefined, except HAVE_* / HAVE_DECL_* feature tests of the C library and kernel headers,
 * which a current Debian has.
 */
const DEBIAN_DEFINES = [
  "_WITH_VRRP_",
  "_WITH_LVS_",
  "_WITH_BFD_",
  "_WITH_VRRP_AUTH_",
  "_HAVE_VRRP_VMAC_",
  "_HAVE_VRRP_IPVLAN_",
  "_WITH_NFTABLES_",
  "_WITH_FIREWALL_",
  "_WITH_REGEX_CHECK_",
  "_WITH_JSON_",
  "_WITH_UNICAST_CHKSUM_COMPAT_",
  "_WITH_SNMP_",
  "_WITH_SNMP_VRRP_",
  "_WITH_SNMP_CHECKER_",
  "_WITH_SNMP_RFC_",
  "_WITH_SNMP_RFCV2_",
  "_WITH_SNMP_RFCV3_",
  "_SNMP_V3_FOR_V2_",
  "_WITH_DBUS_",
  "_WITH_TRACK_PROCESS_",
  "_WITH_CN_PROC_",
  "_WITH_LINKBEAT_",
  "_HAVE_VRF_",
  "_WITH_SO_MARK_",
  "_HAVE_IPV4_DEVCONF_",
  "_HAVE_LIBNL3_",
  "_HAVE_FIB_ROUTING_",
  "_HAVE_IPVS_TUN_TYPE_",
  "_HAVE_IPVS_TUN_CSUM_",
  "_HAVE_IPVS_TUN_GRE_",
  "_HAVE_IPVS_SYNCD_ATTRIBUTES_",
  "_WITH_LVS_64BIT_STATS_",
  "LIBIPVS_USE_NL",
  "_HAVE_SSL_SET_TLSEXT_HOST_NAME_",
  "_USE_SYSTEMD_NOTIFY_",
  "_WITH_SYSTEMD_",
  "_HAVE_SCHED_RT_",
  "_HAVE_PR_SET_CHILD_SUBREAPER_",
  "_WITH_SOCK_NONBLOCK_",
  "_INIT_SYSTEMD_",
];
/** Added from 2.3 on (trixie and sid build with FILE_LOGGING). */
const DEBIAN_DEFINES_FROM_2_3 = ["ENABLE_LOG_TO_FILE", "LOG_FILE_APPEND"];

export function buildProfile(version) {
  const defined = new Set(DEBIAN_DEFINES);
  if (compareVersions(version, "2.3.0") >= 0) for (const name of DEBIAN_DEFINES_FROM_2_3) defined.add(name);
  const isDefined = (name) => defined.has(name) || /^HAVE_/.test(name);
  return {
    defined: isDefined,
    value: (name) => (isDefined(name) ? 1 : 0),
  };
}

export function compareVersions(a, b) {
  const pa = a.split(".").map(Number);
  const pb = b.split(".").map(Number);
  for (let i = 0; i < 3; i++) if ((pa[i] ?? 0) !== (pb[i] ?? 0)) return (pa[i] ?? 0) - (pb[i] ?? 0);
  return 0;
}

/** The version of a source tree, from configure.ac's AC_INIT. */
export function sourceVersion(dir) {
  const configure = readFileSync(join(dir, "configure.ac"), "utf8");
  const match = /AC_INIT\(\[Keepalived\],\s*\[([\d.]+)\]/.exec(configure);
  if (!match) throw new Error(`no version in ${dir}/configure.ac`);
  return match[1];
}

function listC(dir, sub, ext) {
  const full = join(dir, sub);
  if (!existsSync(full)) return [];
  return readdirSync(full)
    .filter((name) => name.endsWith(ext))
    .sort()
    .map((name) => `${sub}/${name}`);
}

/**
 * Reads the tree: { version, files: Map(path -> { guards, inBuild(line) }), functions: Map(name -> defs[]),
 * defines: Map(name -> text) }.
 */
export function loadSources(dir) {
  const version = sourceVersion(dir);
  const build = buildProfile(version);
  const files = new Map();
  const functions = new Map();
  const defines = new Map();
  const aliases = new Map();
  const paths = [
    ...HEADER_DIRS.flatMap((sub) => listC(dir, sub, ".h")),
    ...CODE_DIRS.flatMap((sub) => listC(dir, sub, ".c")),
  ];
  for (const path of paths) {
    const pre = preprocess(readFileSync(join(dir, path), "latin1"));
    const built = (guard) => guard.every((c) => evalCondition(c, build));
    for (const d of pre.defines) if (!defines.has(d.name) && built(d.guard)) defines.set(d.name, d.value);
    // `#define set_value(str) (set_value_r(str))`: a call of the macro is a call of the function it expands to
    for (const m of pre.macros) {
      const target = /^\(?\s*(\w+)\s*\(/.exec(m.body);
      if (target && !aliases.has(m.name) && built(m.guard)) aliases.set(m.name, target[1]);
    }
    readEnums(pre.code, defines);
    {
      const cache = new Map();
      const inBuild = (line) => {
        if (!cache.has(line))
          cache.set(
            line,
            (pre.guards[line - 1] ?? []).every((c) => evalCondition(c, build)),
          );
        return cache.get(line);
      };
      const guardOf = (line) => (pre.guards[line - 1] ?? []).join(" && ");
      files.set(path, { inBuild, guardOf });
      for (const fn of findFunctions(tokenize(pre.code), path)) {
        if (!functions.has(fn.name)) functions.set(fn.name, []);
        functions.get(fn.name).push(fn);
      }
    }
  }
  for (const [macro, target] of aliases)
    if (!functions.has(macro) && functions.has(target)) functions.set(macro, functions.get(target));
  return { version, files, functions, defines };
}

/** `enum { A, B = 4, C }` members as defines (their values). */
function readEnums(code, defines) {
  for (const match of code.matchAll(/\benum\b[^{;]*\{([^}]*)\}/g)) {
    let next = 0;
    for (const part of match[1].split(",")) {
      const member = /^\s*(\w+)\s*(?:=\s*(.+?))?\s*$/.exec(part);
      if (!member) continue;
      const value = member[2] !== undefined ? member[2] : String(next);
      if (!defines.has(member[1])) defines.set(member[1], value);
      const numeric = Number(value);
      next = Number.isFinite(numeric) ? numeric + 1 : next + 1;
    }
  }
}

/** The definition of a function, preferring the one in `file` (static functions share names across files). */
export function lookup(functions, name, file) {
  const defs = functions.get(name);
  if (!defs) return undefined;
  return defs.find((d) => d.file === file) ?? defs[0];
}
