/**
 * The lab copy of each node's keepalived.conf, written from the syntax tree (the values keepalived uses, after
 * includes, `@` conditions, `$` definitions and `~SEQ`), not by editing text:
 *  - every address is mapped one-to-one, consistently across the nodes of the cluster and in the same numeric order
 *    (keepalived breaks ties by the higher address) into 192.0.2.0/24, then 198.51.100.0/24, then 203.0.113.0/24;
 *    an address no node has (a typo in a peer list) maps to a lab address no node has;
 *  - every VRRP interface becomes the node's lab link; other interfaces (VIP `dev`, `track_interface`) become dummy
 *    interfaces of the same name;
 *  - each vrrp_script command becomes a stub whose exit status the lab controls (a fail file), keeping interval,
 *    timeout, fall, rise, weight [reverse] and init_fail;
 *  - notify scripts, SMTP/SNMP settings, LVS/static routes and trackers the lab cannot drive are left out (listed in
 *    `notes`); everything else is kept.
 */
import { compareAddresses, normaliseAddress, parseIpAddress } from "../model/ip-address.js";
import type { Cluster, Node } from "../model/types.js";
import type { KaStatement, KaWord } from "../syntax/keepalived/tree.js";

export const LAB_RANGES = ["192.0.2.", "198.51.100.", "203.0.113."] as const;
/** Host numbers used in each lab /24 (10..249: clear of .0, .1-.9 and broadcast). */
const FIRST_HOST = 10;
const LAST_HOST = 249;

export class LabUnsupported extends Error {}

/** One-to-one map of a cluster's IPv4 addresses into the lab ranges. */
export class AddressMap {
  private readonly map = new Map<string, string>();
  private next = 0;

  constructor(addresses: Iterable<string>) {
    const sorted = [...new Set([...addresses].map((a) => normaliseAddress(a)))].filter(
      (a) => parseIpAddress(a)?.family === 4,
    );
    sorted.sort((a, b) => compareAddresses(a, b) ?? 0);
    for (const a of sorted) this.map.set(a, this.allocate());
  }

  private allocate(): string {
    const perRange = LAST_HOST - FIRST_HOST + 1;
    const i = this.next++;
    const range = LAB_RANGES[Math.floor(i / perRange)];
    if (!range) throw new LabUnsupported(`more than ${perRange * LAB_RANGES.length} addresses in one cluster`);
    return `${range}${FIRST_HOST + (i % perRange)}`;
  }

  /** The lab address of an original address (with its /prefix kept); undefined for what is not an IPv4 address. */
  lab(text: string): string | undefined {
    const ip = parseIpAddress(text);
    if (!ip) return undefined;
    if (ip.family !== 4) throw new LabUnsupported(`IPv6 address ${text}: the lab maps IPv4 only`);
    let mapped = this.map.get(ip.address);
    if (mapped === undefined) this.map.set(ip.address, (mapped = this.allocate()));
    return ip.prefix === undefined ? mapped : `${mapped}/${ip.prefix}`;
  }

  /** A fresh lab address that maps no original address (for nodes whose own address the config does not give). */
  fresh(): string {
    return this.allocate();
  }

  entries(): [string, string][] {
    return [...this.map];
  }
}

export interface LabNodePlan {
  node: Node;
  /** Short, unique, file-name-safe key of the node (`lb01`). */
  key: string;
  /** Name of the lab link inside the node's namespace (the node's first VRRP interface where possible). */
  link: string;
  /** Lab addresses put on the link (first = primary), /24 each. */
  linkAddresses: string[];
  /** Interface names the config uses -> lab interface names (the link, or a dummy). */
  interfaces: Map<string, string>;
  /** Extra interfaces to create (lab names): VIP devices and tracked interfaces other than the link. */
  dummies: string[];
  /** vrrp_script name -> fail file name (inside the node's lab folder). */
  failFiles: Map<string, string>;
  /** The lab config text. */
  config: string;
  /** What the lab copy leaves out or changes besides the mapping. */
  notes: string[];
}

export interface LabClusterPlan {
  cluster: Cluster;
  addresses: AddressMap;
  nodes: LabNodePlan[];
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
  "notify",
  "notify_master",
  "notify_backup",
  "notify_fault",
  "notify_stop",
  "notify_deleted",
  "notify_master_rx_lower_pri",
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

/** The stub keepalived runs for a vrrp_script: it fails while the fail file exists. */
export function stubCommand(failFile: string): string {
  if (!/^[A-Za-z0-9_./+-]+$/.test(failFile))
    throw new LabUnsupported(`lab folder path ${failFile} has characters the stub cannot quote`);
  return `/bin/sh -c 'test ! -e ${failFile}'`;
}

function addressesOf(node: Node): string[] {
  const out: string[] = [...node.addresses];
  for (const inst of node.keepalived?.instances ?? []) {
    if (inst.unicastSrcIp) out.push(inst.unicastSrcIp.value);
    for (const p of inst.unicastPeers) out.push(p.address);
    for (const v of [...inst.vips, ...inst.vipsExcluded]) out.push(v.address);
  }
  const walk = (sts: readonly KaStatement[]): void => {
    for (const st of sts) {
      if (ADDRESS_KEYWORDS.has(st.keyword.value) && st.args[0]) out.push(st.args[0].value);
      if (st.block) walk(st.block.statements);
    }
  };
  walk(node.keepalived?.document.statements ?? []);
  return out.filter((a) => parseIpAddress(a) !== undefined);
}

/** Plan the lab of one cluster: address map, interfaces and the lab config of each node. */
export function planCluster(cluster: Cluster, labDir: string): LabClusterPlan {
  const nodes = cluster.nodes.filter((n) => n.keepalived && n.keepalived.instances.length > 0);
  for (const n of nodes) {
    for (const inst of n.keepalived!.instances) {
      if (inst.vrrpVersion === 3 && inst.vips.some((v) => v.family === 6))
        throw new LabUnsupported(`${n.name}: IPv6 instance ${inst.name}: the lab maps IPv4 only`);
    }
  }
  const addresses = new AddressMap(nodes.flatMap(addressesOf));
  const keys = new Set<string>();
  const plans: LabNodePlan[] = [];
  for (const node of nodes) {
    let key = fileKey(node.name);
    for (let i = 2; keys.has(key); i++) key = `${fileKey(node.name)}-${i}`;
    keys.add(key);
    const ka = node.keepalived!;
    const notes: string[] = [];
    const vrrpIfaces = [
      ...new Set(ka.instances.map((i) => i.interface?.value).filter((v): v is string => v !== undefined)),
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
    const other = (name: string): string => {
      let lab = interfaces.get(name);
      if (lab !== undefined) return lab;
      lab =
        IFNAME.test(name) && name !== "lo" && name !== link && !/^hl[xy]\d/.test(name) ? name : `hld${dummies.length}`;
      interfaces.set(name, lab);
      dummies.push(lab);
      return lab;
    };
    for (const inst of ka.instances) {
      for (const v of [...inst.vips, ...inst.vipsExcluded]) if (v.dev) other(v.dev);
      for (const t of inst.trackInterfaces) other(t.name);
    }
    // The node's own addresses: its unicast_src_ip values (and any the manifest gives), else a fresh one.
    const own = [
      ...new Set([
        ...node.addresses,
        ...ka.instances.map((i) => i.unicastSrcIp?.value).filter((v): v is string => v !== undefined),
      ]),
    ]
      .map((a) => addresses.lab(a))
      .filter((a): a is string => a !== undefined)
      .map((a) => a.replace(/\/\d+$/, ""));
    const linkAddresses = [...new Set(own)];
    if (linkAddresses.length === 0) linkAddresses.push(addresses.fresh());
    const failFiles = new Map<string, string>();
    let n = 0;
    for (const name of ka.scripts.keys()) failFiles.set(name, `fail-${n++}-${fileKey(name)}`);
    const nodeDir = `${labDir}/${key}`;
    const config = renderConfig(node, { addresses, interfaces, link, failFiles, nodeDir, notes });
    plans.push({ node, key, link, linkAddresses, interfaces, dummies, failFiles, config, notes });
  }
  // Addresses the configs mention that no node has (peer-list typos) already have lab addresses no node has.
  return { cluster, addresses, nodes: plans };
}

interface RenderContext {
  addresses: AddressMap;
  interfaces: Map<string, string>;
  link: string;
  failFiles: Map<string, string>;
  nodeDir: string;
  notes: string[];
}

function renderConfig(node: Node, ctx: RenderContext): string {
  const ka = node.keepalived!;
  const out: string[] = [`# ha-lint lab copy of ${node.name}'s keepalived configuration (${ka.document.file})`];
  const dropped = new Set<string>();
  const securityWithoutUser = ka.enableScriptSecurity !== undefined && ka.scriptUser === undefined;
  const globals = ka.document.statements.filter((s) => s.keyword.value === "global_defs");
  out.push("global_defs {");
  for (const g of globals) {
    for (const s of g.block?.statements ?? []) {
      if (DROPPED_GLOBALS.has(s.keyword.value)) {
        if (!["script_user", "enable_script_security"].includes(s.keyword.value))
          dropped.add(`global ${s.keyword.value}`);
        continue;
      }
      out.push(...renderPlain(s, 1));
    }
  }
  // keepalived runs the stubs as root. With enable_script_security and no script_user, keepalived looks for the
  // user keepalived_script and removes every script without it: the lab keeps that behaviour as it is.
  out.push("  enable_script_security");
  if (!securityWithoutUser) out.push("  script_user root");
  out.push("}");

  for (const st of ka.document.statements) {
    const kw = st.keyword.value;
    if (kw === "global_defs") continue;
    if (!KEPT_TOP.has(kw)) {
      dropped.add(kw);
      continue;
    }
    if (kw === "vrrp_script") {
      const script = st.args[0] ? ka.scripts.get(st.args[0].value) : undefined;
      // Without a script_user, a script that names its own user keeps running: the stub gets one too.
      out.push(
        ...renderScript(
          st,
          ctx,
          securityWithoutUser && (script?.user !== undefined || script?.command?.user !== undefined),
        ),
      );
    } else if (kw === "vrrp_instance") out.push(...renderInstance(st, ctx, dropped));
    else out.push(...renderSyncGroup(st, dropped));
  }
  if (dropped.size > 0) ctx.notes.push(`left out: ${[...dropped].sort().join(", ")}`);
  return out.join("\n") + "\n";
}

const indent = (depth: number): string => "  ".repeat(depth);

function words(ws: readonly KaWord[]): string {
  return ws.map((w) => quoteWord(w.value)).join(" ");
}

function renderPlain(st: KaStatement, depth: number): string[] {
  const head = `${indent(depth)}${[st.keyword, ...st.args].map((w) => quoteWord(w.value)).join(" ")}`;
  if (!st.block) return [head];
  return [`${head} {`, ...st.block.statements.flatMap((s) => renderPlain(s, depth + 1)), `${indent(depth)}}`];
}

function renderScript(st: KaStatement, ctx: RenderContext, userRoot: boolean): string[] {
  const name = st.args[0]?.value;
  if (name === undefined) return [];
  const out = [`vrrp_script ${quoteWord(name)} {`];
  for (const s of st.block?.statements ?? []) {
    const k = s.keyword.value;
    if (k === "script") {
      if (s.args.length === 0) continue;
      const fail = ctx.failFiles.get(name);
      if (!fail) continue;
      out.push(`  script "${stubCommand(`${ctx.nodeDir}/${fail}`)}"`);
    } else if (["interval", "timeout", "weight", "rise", "fall", "init_fail"].includes(k))
      out.push(...renderPlain(s, 1));
  }
  if (userRoot) out.push("  user root");
  out.push("}");
  return out;
}

function mapAddress(ctx: RenderContext, w: KaWord): string {
  return quoteWord(ctx.addresses.lab(w.value) ?? w.value);
}

function renderInstance(st: KaStatement, ctx: RenderContext, dropped: Set<string>): string[] {
  const out = [`vrrp_instance ${words(st.args)} {`];
  for (const s of st.block?.statements ?? []) {
    const k = s.keyword.value;
    if (DROPPED_INSTANCE.has(k)) {
      dropped.add(k);
      continue;
    }
    if (k === "interface" && s.args[0])
      out.push(`  interface ${quoteWord(ctx.interfaces.get(s.args[0].value) ?? ctx.link)}`);
    else if (ADDRESS_KEYWORDS.has(k) && s.args[0])
      out.push(`  ${k} ${mapAddress(ctx, s.args[0])}${s.args.length > 1 ? ` ${words(s.args.slice(1))}` : ""}`);
    else if (k === "unicast_peer") {
      out.push("  unicast_peer {");
      for (const p of s.block?.statements ?? [])
        out.push(`    ${mapAddress(ctx, p.keyword)}${p.args.length ? ` ${words(p.args)}` : ""}`);
      out.push("  }");
    } else if (VIP_BLOCKS.has(k)) {
      out.push(`  ${k} {`);
      for (const v of s.block?.statements ?? []) out.push(`    ${renderVip(v, ctx)}`);
      out.push("  }");
    } else if (k === "track_interface") {
      out.push("  track_interface {");
      for (const t of s.block?.statements ?? [])
        out.push(
          `    ${quoteWord(ctx.interfaces.get(t.keyword.value) ?? t.keyword.value)}${t.args.length ? ` ${words(t.args)}` : ""}`,
        );
      out.push("  }");
    } else out.push(...renderPlain(s, 1));
  }
  out.push("}");
  return out;
}

function renderVip(v: KaStatement, ctx: RenderContext): string {
  const parts = [mapAddress(ctx, v.keyword)];
  for (let i = 0; i < v.args.length; i++) {
    const w = v.args[i].value;
    const next = v.args[i + 1];
    if ((w === "dev" || w === "brd" || w === "peer" || w === "label") && next) {
      i++;
      if (w === "dev") parts.push("dev", quoteWord(ctx.interfaces.get(next.value) ?? next.value));
      else if (w === "label")
        continue; // labels must start with the device name: left out
      else parts.push(w, mapAddress(ctx, next));
    } else parts.push(quoteWord(w));
  }
  return parts.join(" ");
}

function renderSyncGroup(st: KaStatement, dropped: Set<string>): string[] {
  const out = [`vrrp_sync_group ${words(st.args)} {`];
  for (const s of st.block?.statements ?? []) {
    const k = s.keyword.value;
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
    out.push(...renderPlain(s, 1));
  }
  out.push("}");
  return out;
}
