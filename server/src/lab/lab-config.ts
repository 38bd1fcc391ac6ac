/**
 * The lab copy of each node's keepalived.conf, written from the syntax tree (the words keepalived's reader hands to
 * its parsers, after includes, `@` conditions, `$` definitions and `~SEQ`), not from the model:
 *  - every word in an address position (unicast_src_ip, mcast_src_ip, unicast_peer entries, VIP entries and their
 *    `brd`/`peer` words) has its leading IPv4 address mapped one-to-one, consistently across the nodes of the cluster
 *    and in the same numeric order (keepalived breaks ties by the higher address), into 192.0.2.0/24, then
 *    198.51.100.0/24, then 203.0.113.0/24; the rest of the word (`/24`, `-range`, anything) is kept as written, so
 *    keepalived reads the lab copy as it reads the original (lab-addresses.ts). What it reads is taken from its own
 *    dump of the configuration when the lab starts (keepalived-dump.ts, lab-reading.ts);
 *  - every VRRP interface becomes the node's lab link; other interfaces (VIP `dev`, `track_interface`) become
 *    interfaces of the same name;
 *  - each vrrp_script command becomes a stub whose exit status the lab controls (a fail file), keeping interval,
 *    timeout, fall, rise, weight [reverse] and init_fail;
 *  - notify scripts, SMTP/SNMP settings, LVS/static routes and trackers the lab cannot drive are left out (listed in
 *    `notes`); everything else is kept.
 */
import { existsSync, lstatSync } from "node:fs";
import { join } from "node:path";
import { NOTIFY_KINDS, type Cluster, type Node } from "../model/index.js";
import { parseScriptLine, type KaStatement, type KaWord } from "../syntax/keepalived/index.js";
import { AddressMap, LabUnsupported, leadingIpv4, looksIpv6 } from "./lab-addresses.js";

export { AddressMap, LAB_RANGES, LabUnsupported } from "./lab-addresses.js";

export interface LabNodePlan {
  node: Node;
  /** Short, unique, file-name-safe key of the node (`lb01`). */
  key: string;
  /** Name of the lab link inside the node's namespace (the node's first VRRP interface where possible). */
  link: string;
  /** Lab addresses the cluster declares for the node (`addresses:` of .ha-lint.yaml); empty when it declares none. */
  declaredAddresses: string[];
  /**
   * Lab addresses of the configured source addresses as the lab's own reading of the words sees them (the leading
   * address of each unicast_src_ip / mcast_src_ip word): the first guess of the node's addresses, which keepalived's
   * own reading then confirms or corrects.
   */
  guessedAddresses: string[];
  /** Lab addresses put on the link (first = primary), /24 each: set from keepalived's reading before the run. */
  linkAddresses: string[];
  /** Interface names the config uses -> lab interface names (the link, or an interface of its own). */
  interfaces: Map<string, string>;
  /** Extra interfaces to create (lab names): VIP devices and tracked interfaces other than the link. */
  dummies: string[];
  /** vrrp_script name -> fail file name (inside the node's lab folder). */
  failFiles: Map<string, string>;
  /** vrrp_instance name -> the scripts its track_script block names in the lab copy. */
  trackedScripts: Map<string, string[]>;
  /** The lab config text. */
  config: string;
  /** What the lab copy leaves out or changes besides the mapping. */
  notes: string[];
  /** Instances with trackers the lab cannot drive (track_process, track_file): `VI_1 track_process`. */
  undrivable: string[];
}

export interface LabClusterPlan {
  cluster: Cluster;
  addresses: AddressMap;
  nodes: LabNodePlan[];
  /** The shell the stubs run (a path keepalived's script checks accept in the binary's root). */
  shell: string;
}

export interface PlanOptions {
  /** Addresses the cluster declares per node (by keepalived file), as written in .ha-lint.yaml. */
  declaredAddresses?: ReadonlyMap<string, readonly string[]>;
  /** The shell of the stubs (default: stubShell() of the machine). */
  shell?: string;
}

const IFNAME = /^[A-Za-z0-9_.-]{1,15}$/;
const ADDRESS_KEYWORDS = new Set(["unicast_src_ip", "mcast_src_ip"]);
const VIP_BLOCKS = new Set(["virtual_ipaddress", "virtual_ipaddress_excluded"]);
const KEPT_TOP = new Set(["global_defs", "vrrp_script", "vrrp_instance", "vrrp_sync_group"]);
const DROPPED_GLOBALS = new Set([
  "notification_email",
  "notification_email_from",
  "smtp_server",
  "smtp_connect_timeout",
  "smtp_helo_name",
  "smtp_alert",
  "smtp_alert_vrrp",
  "smtp_alert_checker",
  "script_user",
  "enable_script_security",
  "net_namespace",
  "net_namespace_ipvs",
  "namespace_with_ipsets",
  "instance",
  "enable_traps",
  "enable_snmp_vrrp",
  "enable_snmp_keepalived",
  "enable_snmp_checker",
  "enable_snmp_rfc",
  "enable_snmp_rfcv2",
  "enable_snmp_rfcv3",
  "snmp_socket",
  "enable_dbus",
  "enable_dbus_instance",
  "lvs_sync_daemon",
  "lvs_flush",
  "lvs_flush_onstop",
  "vrrp_notify_fifo",
  "vrrp_notify_fifo_script",
  "notify_fifo",
  "notify_fifo_script",
  "config_save_dir",
  "tmp_config_directory",
]);
const DROPPED_INSTANCE = new Set([
  ...NOTIFY_KINDS,
  "smtp_alert",
  "virtual_routes",
  "virtual_rules",
  "track_file",
  "track_process",
  "track_bfd",
  "debug",
]);

/** A word as keepalived's tokeniser reads it back. */
export function quoteWord(value: string): string {
  if (value !== "" && /^[^\s#!"{}]+$/.test(value)) return value;
  if (value.includes('"'))
    throw new LabUnsupported(`cannot write the value ${JSON.stringify(value)} back (it holds a double quote)`);
  return `"${value}"`;
}

function fileKey(name: string): string {
  return name.replace(/[^A-Za-z0-9_.-]/g, "_").slice(0, 40) || "node";
}

/**
 * The shell for the stubs in a root ("" = the machine's own): the first of /bin/sh and /usr/bin/sh whose folders are
 * real folders. keepalived 2.3 checks every folder of a script's path with lstat() when script security is on
 * (notify.c check_security()), so on a merged-/usr system `/bin/sh` (/bin a symbolic link) disables the script;
 * keepalived 2.2 resolved the path with realpath() first.
 */
export function stubShell(root = ""): string {
  for (const candidate of ["/bin/sh", "/usr/bin/sh"]) {
    const parts = candidate.split("/").filter(Boolean);
    let realFolders = true;
    for (let i = 1; i < parts.length; i++) {
      try {
        if (!lstatSync(join(root || "/", ...parts.slice(0, i))).isDirectory()) realFolders = false;
      } catch {
        realFolders = false;
      }
    }
    if (realFolders && existsSync(join(root || "/", candidate))) return candidate;
  }
  return "/bin/sh";
}

/** The stub keepalived runs for a vrrp_script: it fails while the fail file exists. */
export function stubCommand(failFile: string, shell = stubShell()): string {
  if (!/^[A-Za-z0-9_./+-]+$/.test(failFile))
    throw new LabUnsupported(`lab folder path ${failFile} has characters the stub cannot quote`);
  return `${shell} -c 'test ! -e ${failFile}'`;
}

const topLevel = (node: Node, keyword: string): KaStatement[] =>
  (node.keepalived?.document.statements ?? []).filter((s) => s.keyword.value === keyword);
const inside = (statement: KaStatement, keyword: string): KaStatement[] =>
  (statement.block?.statements ?? []).filter((s) => s.keyword.value === keyword);

/** Every word of a node's config in an address position. */
function addressWords(node: Node): KaWord[] {
  const out: KaWord[] = [];
  for (const inst of topLevel(node, "vrrp_instance")) {
    for (const child of inst.block?.statements ?? []) {
      const k = child.keyword.value;
      if (ADDRESS_KEYWORDS.has(k) && child.args[0]) out.push(child.args[0]);
      else if (k === "unicast_peer") out.push(...(child.block?.statements ?? []).map((p) => p.keyword));
      else if (VIP_BLOCKS.has(k)) {
        for (const entry of child.block?.statements ?? []) {
          out.push(entry.keyword);
          entry.args.forEach((word, i) => {
            if ((word.value === "brd" || word.value === "peer") && entry.args[i + 1]) out.push(entry.args[i + 1]);
          });
        }
      }
    }
  }
  return out;
}

/** Plan the lab of one cluster: address map, interfaces and the lab config of each node. */
export function planCluster(cluster: Cluster, labDir: string, options: PlanOptions = {}): LabClusterPlan {
  const nodes = cluster.nodes.filter((n) => topLevel(n, "vrrp_instance").length > 0);
  const declaredOf = (node: Node): readonly string[] =>
    (node.keepalived && options.declaredAddresses?.get(node.keepalived.file)) ?? [];
  for (const member of nodes) {
    const ipv6Word = addressWords(member).find((w) => looksIpv6(w.value));
    if (ipv6Word) throw new LabUnsupported(`${member.name}: IPv6 address ${ipv6Word.value}: the lab maps IPv4 only`);
    const bad = declaredOf(member).find((a) => leadingIpv4(a)?.rest !== "");
    if (bad !== undefined) throw new LabUnsupported(`${member.name}: declared address '${bad}' is not an IPv4 address`);
  }
  const addresses = new AddressMap(nodes.flatMap((n) => [...declaredOf(n), ...addressWords(n).map((w) => w.value)]));
  const shell = options.shell ?? stubShell();
  const keys = new Set<string>();
  const plans: LabNodePlan[] = [];
  for (const node of nodes) {
    let key = fileKey(node.name);
    for (let i = 2; keys.has(key); i++) key = `${fileKey(node.name)}-${i}`;
    keys.add(key);
    const notes: string[] = [];
    const instances = topLevel(node, "vrrp_instance");
    const vrrpIfaces = [
      ...new Set(instances.flatMap((i) => inside(i, "interface").map((s) => s.args[0]?.value)).filter(isString)),
    ];
    const first = vrrpIfaces[0];
    const link = first && IFNAME.test(first) && first !== "lo" ? first : "lab0";
    if (first && link !== first)
      notes.push(`VRRP interface '${first}' cannot be created as such: the lab link is '${link}'`);
    const interfaces = new Map<string, string>();
    for (const i of vrrpIfaces) interfaces.set(i, link);
    if (vrrpIfaces.length > 1)
      notes.push(`VRRP interfaces ${vrrpIfaces.join(", ")} all map to the one lab link '${link}'`);
    const dummies: string[] = [];
    const other = (name: string): void => {
      if (interfaces.has(name)) return;
      const lab =
        IFNAME.test(name) && name !== "lo" && name !== link && !/^hl[xy]\d/.test(name) ? name : `hld${dummies.length}`;
      interfaces.set(name, lab);
      dummies.push(lab);
    };
    for (const inst of instances) {
      for (const block of inst.block?.statements.filter((s) => VIP_BLOCKS.has(s.keyword.value)) ?? [])
        for (const entry of block.block?.statements ?? []) {
          const devIndex = entry.args.findIndex((w) => w.value === "dev");
          if (devIndex >= 0 && entry.args[devIndex + 1]) other(entry.args[devIndex + 1].value);
        }
      for (const interfaceLine of inside(inst, "track_interface").flatMap((b) => b.block?.statements ?? []))
        other(interfaceLine.keyword.value);
    }
    const guessed = instances
      .flatMap((i) => (i.block?.statements ?? []).filter((s) => ADDRESS_KEYWORDS.has(s.keyword.value)))
      .map((s) => (s.args[0] ? addresses.labAddress(s.args[0].value) : undefined))
      .filter(isString);
    const declared = declaredOf(node)
      .map((a) => addresses.labAddress(a))
      .filter(isString);
    const failFiles = new Map<string, string>();
    let count = 0;
    for (const statement of topLevel(node, "vrrp_script")) {
      const name = statement.args[0]?.value;
      if (name !== undefined && !failFiles.has(name)) failFiles.set(name, `fail-${count++}-${fileKey(name)}`);
    }
    const trackedScripts = new Map<string, string[]>();
    for (const inst of instances) {
      const name = inst.args[0]?.value;
      if (name === undefined) continue;
      const tracked = inside(inst, "track_script").flatMap((trackBlock) =>
        (trackBlock.block?.statements ?? []).map((t) => t.keyword.value),
      );
      trackedScripts.set(name, tracked);
    }
    const undrivable = instances.flatMap((i) =>
      ["track_process", "track_file"]
        .filter((k) => inside(i, k).length > 0)
        .map((k) => `${i.args[0]?.value ?? "?"} ${k}`),
    );
    const nodeDir = `${labDir}/${key}`;
    const config = renderConfig(node, { addresses, interfaces, link, failFiles, nodeDir, notes, shell });
    plans.push({
      node,
      key,
      link,
      declaredAddresses: [...new Set(declared)],
      guessedAddresses: [...new Set(guessed)],
      linkAddresses: [],
      interfaces,
      dummies,
      failFiles,
      trackedScripts,
      config,
      notes,
      undrivable,
    });
  }
  // Addresses the configs mention that no node has (peer-list typos) already have lab addresses no node has.
  return { cluster, addresses, nodes: plans, shell };
}

const isString = (v: string | undefined): v is string => v !== undefined;

interface RenderContext {
  addresses: AddressMap;
  interfaces: Map<string, string>;
  link: string;
  failFiles: Map<string, string>;
  nodeDir: string;
  notes: string[];
  shell: string;
}

function renderConfig(node: Node, ctx: RenderContext): string {
  const keepalivedConfig = node.keepalived;
  if (!keepalivedConfig) throw new Error(`${node.name}: no keepalived configuration to render`);
  const out: string[] = [
    `# ha-lint lab copy of ${node.name}'s keepalived configuration (${keepalivedConfig.document.file})`,
  ];
  const dropped = new Set<string>();
  const globals = keepalivedConfig.document.statements.filter((s) => s.keyword.value === "global_defs");
  const globalWords = new Set(globals.flatMap((g) => (g.block?.statements ?? []).map((s) => s.keyword.value)));
  const securityWithoutUser = globalWords.has("enable_script_security") && !globalWords.has("script_user");
  out.push("global_defs {");
  for (const global of globals) {
    for (const setting of global.block?.statements ?? []) {
      if (DROPPED_GLOBALS.has(setting.keyword.value)) {
        if (!["script_user", "enable_script_security"].includes(setting.keyword.value))
          dropped.add(`global ${setting.keyword.value}`);
        continue;
      }
      out.push(...renderPlain(setting, 1));
    }
  }
  // keepalived runs the stubs as root. With enable_script_security and no script_user, keepalived looks for the
  // user keepalived_script and removes every script without it: the lab keeps that behaviour as it is.
  out.push("  enable_script_security");
  if (!securityWithoutUser) out.push("  script_user root");
  out.push("}");

  for (const statement of keepalivedConfig.document.statements) {
    const keywordName = statement.keyword.value;
    if (keywordName === "global_defs") continue;
    if (!KEPT_TOP.has(keywordName)) {
      dropped.add(keywordName);
      continue;
    }
    if (keywordName === "vrrp_script")
      out.push(...renderScript(statement, ctx, securityWithoutUser && namesItsUser(statement)));
    else if (keywordName === "vrrp_instance") out.push(...renderInstance(statement, ctx, dropped));
    else out.push(...renderSyncGroup(statement, dropped));
  }
  if (dropped.size > 0) ctx.notes.push(`left out: ${[...dropped].sort().join(", ")}`);
  return out.join("\n") + "\n";
}

/** The vrrp_script names the user it runs as (a `user` line, or a user after the quoted command). */
function namesItsUser(statement: KaStatement): boolean {
  return (
    inside(statement, "user").some((u) => u.args.length > 0) ||
    inside(statement, "script").some((s) => parseScriptLine(s.line).user !== undefined)
  );
}

const indent = (depth: number): string => "  ".repeat(depth);

function words(wordList: readonly KaWord[]): string {
  return wordList.map((w) => quoteWord(w.value)).join(" ");
}

function renderPlain(statement: KaStatement, depth: number): string[] {
  const head = `${indent(depth)}${[statement.keyword, ...statement.args].map((w) => quoteWord(w.value)).join(" ")}`;
  if (!statement.block) return [head];
  return [`${head} {`, ...statement.block.statements.flatMap((s) => renderPlain(s, depth + 1)), `${indent(depth)}}`];
}

function renderScript(statement: KaStatement, ctx: RenderContext, userRoot: boolean): string[] {
  const name = statement.args[0]?.value;
  if (name === undefined) return [];
  const out = [`vrrp_script ${quoteWord(name)} {`];
  for (const child of statement.block?.statements ?? []) {
    const k = child.keyword.value;
    if (k === "script") {
      if (child.args.length === 0) continue;
      const fail = ctx.failFiles.get(name);
      if (!fail) continue;
      out.push(`  script "${stubCommand(`${ctx.nodeDir}/${fail}`, ctx.shell)}"`);
    } else if (["interval", "timeout", "weight", "rise", "fall", "init_fail"].includes(k))
      out.push(...renderPlain(child, 1));
  }
  if (userRoot) out.push("  user root");
  out.push("}");
  return out;
}

function mapAddress(ctx: RenderContext, word: KaWord): string {
  return quoteWord(ctx.addresses.lab(word.value) ?? word.value);
}

function renderInstance(statement: KaStatement, ctx: RenderContext, dropped: Set<string>): string[] {
  const out = [`vrrp_instance ${words(statement.args)} {`];
  for (const child of statement.block?.statements ?? []) {
    const k = child.keyword.value;
    if (DROPPED_INSTANCE.has(k)) {
      dropped.add(k);
      continue;
    }
    if (k === "interface" && child.args[0])
      out.push(`  interface ${quoteWord(ctx.interfaces.get(child.args[0].value) ?? ctx.link)}`);
    else if (ADDRESS_KEYWORDS.has(k) && child.args[0])
      out.push(
        `  ${k} ${mapAddress(ctx, child.args[0])}${child.args.length > 1 ? ` ${words(child.args.slice(1))}` : ""}`,
      );
    else if (k === "unicast_peer") {
      out.push("  unicast_peer {");
      for (const peer of child.block?.statements ?? [])
        out.push(`    ${mapAddress(ctx, peer.keyword)}${peer.args.length ? ` ${words(peer.args)}` : ""}`);
      out.push("  }");
    } else if (VIP_BLOCKS.has(k)) {
      out.push(`  ${k} {`);
      for (const vip of child.block?.statements ?? []) out.push(`    ${renderVip(vip, ctx)}`);
      out.push("  }");
    } else if (k === "track_interface") {
      out.push("  track_interface {");
      for (const tracker of child.block?.statements ?? [])
        out.push(
          `    ${quoteWord(ctx.interfaces.get(tracker.keyword.value) ?? tracker.keyword.value)}${tracker.args.length ? ` ${words(tracker.args)}` : ""}`,
        );
      out.push("  }");
    } else out.push(...renderPlain(child, 1));
  }
  out.push("}");
  return out;
}

function renderVip(vip: KaStatement, ctx: RenderContext): string {
  const parts = [mapAddress(ctx, vip.keyword)];
  for (let i = 0; i < vip.args.length; i++) {
    const word = vip.args[i].value;
    const next = vip.args[i + 1];
    if ((word === "dev" || word === "brd" || word === "peer" || word === "label") && next) {
      i++;
      if (word === "dev") parts.push("dev", quoteWord(ctx.interfaces.get(next.value) ?? next.value));
      else if (word === "label")
        continue; // labels must start with the device name: left out
      else parts.push(word, mapAddress(ctx, next));
    } else parts.push(quoteWord(word));
  }
  return parts.join(" ");
}

function renderSyncGroup(statement: KaStatement, dropped: Set<string>): string[] {
  const out = [`vrrp_sync_group ${words(statement.args)} {`];
  for (const member of statement.block?.statements ?? []) {
    const k = member.keyword.value;
    if (
      k.startsWith("notify") ||
      k === "smtp_alert" ||
      k === "track_file" ||
      k === "track_bfd" ||
      k === "track_process"
    ) {
      dropped.add(`sync group ${k}`);
      continue;
    }
    out.push(...renderPlain(member, 1));
  }
  out.push("}");
  return out;
}
