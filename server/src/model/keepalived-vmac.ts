/**
 * An instance's VMAC, ipvlan and VRF lines as keepalived reads them (vrrp_parser.c vrrp_vmac_handler(),
 * vrrp_ipvlan_handler(), vrrp_vrf_handler(), vrrp_garp_extra_if_handler(), vrrp_end_handler(); vrrp.c
 * vrrp_complete_instance()), at v2.2.7, v2.3.3 and v2.3.4: what each line sets and the messages keepalived prints
 * about them. Interfaces the file names are taken to exist (as on the node), and not to be VMACs already.
 */
import { atLeast } from "../schema/versions.js";
import type { Location } from "../syntax/source.js";
import type { KaStatement, KaWord } from "../syntax/keepalived/tree.js";
import { readIpAddress } from "./ip-address.js";

/** One message keepalived prints about a VMAC/ipvlan/VRF setting; `unlined`: printed without a line number. */
export interface VmacProblem {
  location: Location;
  said: string;
  unlined?: boolean;
  /** The instance then starts in FAULT state and never runs. */
  fault?: boolean;
}

/** What keepalived's handlers keep of an instance's VMAC/ipvlan/VRF lines. */
export interface InstanceVmac {
  vmac?: Location;
  ipvlan?: Location;
  macSpecified?: Location;
  xmitBase?: Location;
  vmacAddr?: Location;
  promote?: Location;
  vrf?: Location;
  /** The VMAC/ipvlan interface name the instance asks for. */
  name?: string;
  ipvlanFamily?: 4 | 6;
  problems: VmacProblem[];
}

/** The state shared by the instances of one file: the interface names earlier instances took. */
export type VmacNames = Map<string, string>;

/** What the reading of the instance has that the VMAC lines depend on. */
export interface VmacContext {
  version: string;
  instance: string;
  /** The instance's family so far, and a way to set it (the first address keyword sets it). */
  family(): 4 | 6 | undefined;
  setFamily(family: 4 | 6, location: Location): void;
  names: VmacNames;
}

const IFNAMSIZ = 16;
const UNICAST_KEYWORDS = ["unicast_peer", "unicast_fault_no_peer", "check_unicast_src", "old_unicast_checksum"];
const RFC5798_PREFIX = [0x00, 0x00, 0x5e, 0x00];

function at(x: KaWord | KaStatement): Location {
  return { file: x.file, range: x.range };
}

/** include/vrrp_vmac.c dev_name_valid(), as vrrp_vmac_handler() uses it. */
function devNameValid(name: string): boolean {
  if (name === "" || name.length >= IFNAMSIZ || name === "." || name === "..") return false;
  return !/[/:\s]/.test(name);
}

/** The octet loop of vrrp_vmac_handler(): the MAC address, or why it is refused. */
function readMac(text: string): { bytes: number[] } | { error: "chars" | "form" } {
  if (/[^0-9A-Fa-f:]/.test(text)) return { error: "chars" };
  const bytes: number[] = [];
  let p = text;
  for (let j = 0; j < 6; j++) {
    const digits = /^[0-9A-Fa-f]*/.exec(p)?.[0] ?? "";
    if (digits.length > 2 || digits.length === 0) return { error: "form" };
    const end = p.slice(digits.length);
    if (!end.startsWith(":") && (end !== "" || j < 4)) return { error: "form" };
    bytes.push(parseInt(digits, 16));
    if (j === 4 && (end === "" || end === ":")) break;
    p = end.slice(1);
    if (p === "" && j < 5) return { error: "form" };
  }
  return { bytes };
}

function macProblem(vmac: InstanceVmac, word: KaWord): string | undefined {
  if (vmac.macSpecified) return "VMAC interface address already specified";
  const mac = readMac(word.value);
  if ("error" in mac)
    return mac.error === "chars"
      ? `VMAC invalid MAC address ${word.value}`
      : `VMAC invalid MAC address ${word.value} - ignored`;
  if (mac.bytes[0] & 1) return `VMAC MAC address is multicast ${word.value} - ignoring`;
  if (RFC5798_PREFIX.every((b, i) => mac.bytes[i] === b) && (mac.bytes[4] === 1 || mac.bytes[4] === 2))
    return `VMAC MAC address not allowed to be RFC5798 address (${word.value}) - ignoring`;
  vmac.macSpecified = at(word);
  return undefined;
}

function takeName(vmac: InstanceVmac, ctx: VmacContext, word: KaWord): string | undefined {
  const other = ctx.names.get(word.value);
  if (other !== undefined)
    return `(${ctx.instance}) VRRP instance ${other} is already using ${word.value} - ignoring name`;
  vmac.name = word.value;
  return undefined;
}

function readUseVmac(vmac: InstanceVmac, ctx: VmacContext, entry: KaStatement): void {
  vmac.vmac ??= at(entry);
  const v23 = atLeast("keepalived", ctx.version, "2.3.0");
  // 2.2.7 looks at the first two words only, and knows no option words
  const words = v23 ? entry.args : entry.args.slice(0, 2);
  for (let i = 0; i < words.length; i++) {
    let word = words[i];
    let said: string | undefined;
    if (word.value.includes(":")) said = macProblem(vmac, word);
    else if (v23 && word.value === "netlink_notify_msg") continue;
    else if (v23 && word.value === "group") {
      i++; // the group is looked up in this machine's /etc/iproute2/group
      continue;
    } else {
      if (v23 && word.value === "name") {
        const next = words[++i];
        if (!next) continue;
        word = next;
      }
      if (vmac.name !== undefined) said = "VMAC interface name already specified";
      else if (!devNameValid(word.value))
        said = `VMAC interface name '${word.value}' too long or invalid characters - ignoring`;
      else said = takeName(vmac, ctx, word);
    }
    if (said) vmac.problems.push({ location: at(word), said });
  }
}

function ipvlanAddress(vmac: InstanceVmac, ctx: VmacContext, word: KaWord): string | undefined {
  const read = readIpAddress(word.value, true);
  if (vmac.ipvlanFamily !== undefined)
    return `(${ctx.instance}) ipvlan address already specified - ignoring '${word.value}'`;
  const family = ctx.family();
  if (family === undefined) ctx.setFamily(read.family, at(word));
  else if (family !== read.family)
    return `(${ctx.instance}) ipvlan address[${word.value}] MUST match vrrp instance family !!! Skipping...`;
  vmac.ipvlanFamily = read.family;
  return undefined;
}

function readUseIpvlan(vmac: InstanceVmac, ctx: VmacContext, entry: KaStatement): void {
  // a second use_ipvlan is ignored ('use_ipvlan already specified', KA047's)
  if (vmac.ipvlan) return;
  vmac.ipvlan = at(entry);
  const v23 = atLeast("keepalived", ctx.version, "2.3.0");
  let typed = false;
  const words = entry.args;
  for (let i = 0; i < words.length; i++) {
    let word = words[i];
    let said: string | undefined;
    if (["bridge", "private", "vepa"].includes(word.value)) {
      if (typed) said = `(${ctx.instance}) ipvlan type already specified - ignoring '${word.value}'`;
      typed = true;
    } else if (v23 && word.value === "group") {
      i++; // looked up in this machine's /etc/iproute2/group
      continue;
    } else if (!(v23 && word.value === "name") && readIpAddress(word.value, true).address !== undefined) {
      said = ipvlanAddress(vmac, ctx, word);
    } else {
      if (v23 && word.value === "name") {
        const next = words[++i];
        if (!next) continue;
        word = next;
      }
      if (vmac.name !== undefined)
        said = `(${ctx.instance}) IPVLAN interface already specified - ignoring '${word.value}'`;
      else if (word.value.length >= IFNAMSIZ)
        said = `(${ctx.instance}) IPVLAN interface name '${word.value}' too long - ignoring`;
      else said = takeName(vmac, ctx, word);
    }
    if (said) vmac.problems.push({ location: at(word), said });
  }
}

/** vrrp_garp_extra_if_handler(): `all` and a delay in [0, 86400] seconds; without a delay the line is ignored. */
function readGarpExtraIf(vmac: InstanceVmac, ctx: VmacContext, entry: KaStatement): void {
  const keyword = entry.keyword.value;
  let delay = false;
  for (const word of entry.args) {
    if (word.value === "all") continue;
    if (!/^[ \t]*\d+$/.test(word.value) || Number(word.value) > 86400) {
      const said = `(${ctx.instance}): ${keyword} '${word.value}' invalid - ignoring`;
      vmac.problems.push({ location: at(entry), said });
      return;
    }
    delay = true;
  }
  if (!delay)
    vmac.problems.push({
      location: at(entry),
      said: `(${ctx.instance}): ${keyword} specified without time - ignoring`,
    });
}

/** Reads one line of a vrrp_instance; `hasInterface`: an interface line keepalived took has been read. */
export function readInstanceVmac(
  vmac: InstanceVmac,
  ctx: VmacContext,
  entry: KaStatement,
  hasInterface: boolean,
): void {
  const keyword = entry.keyword.value;
  const first = entry.args[0];
  switch (keyword) {
    case "use_vmac":
      readUseVmac(vmac, ctx, entry);
      break;
    case "use_ipvlan":
      readUseIpvlan(vmac, ctx, entry);
      break;
    case "vmac_xmit_base":
      vmac.xmitBase ??= at(entry);
      break;
    case "use_vmac_addr":
      vmac.vmacAddr ??= at(entry);
      break;
    case "promote_secondaries":
      vmac.promote ??= at(entry);
      break;
    case "garp_extra_if":
    case "vmac_garp_intvl":
      readGarpExtraIf(vmac, ctx, entry);
      break;
    case "vrf":
      if (!first) break;
      if (first.value.length >= IFNAMSIZ)
        vmac.problems.push({
          location: at(first),
          said: `(${ctx.instance}) VRF interface name '${first.value}' too long - ignoring`,
        });
      else if (hasInterface)
        vmac.problems.push({
          location: at(entry),
          said: `(${ctx.instance}) Cannot specify VRF interface and interface - ignoring`,
        });
      else if (!vmac.vrf && first.value !== "lo") vmac.vrf = at(entry);
      break;
    default:
  }
}

/** Whether a line is one of those that set VRRP_FLAG_UNICAST_CONFIGURED. */
export function setsUnicastConfigured(entry: KaStatement): boolean {
  return UNICAST_KEYWORDS.includes(entry.keyword.value) || entry.keyword.value === "unicast_src_ip";
}

/** vrrp_end_handler() at the instance's closing brace (`close`), then the name is taken for later instances. */
export function endInstanceVmac(
  vmac: InstanceVmac,
  ctx: VmacContext,
  state: { unicastConfigured: boolean; hasInterface: boolean; close: Location },
): void {
  if (state.unicastConfigured && (vmac.vmac || vmac.ipvlan)) {
    if (!state.hasInterface) {
      vmac.problems.push({
        location: state.close,
        said: `(${ctx.instance}): Cannot use VMAC/ipvlan with unicast and no interface - clearing use_vmac`,
      });
      vmac.vmac = undefined;
      vmac.ipvlan = undefined;
      vmac.name = undefined;
    } else if (!vmac.xmitBase) {
      vmac.problems.push({
        location: state.close,
        said: `(${ctx.instance}) unicast with use_vmac requires vmac_xmit_base - setting`,
      });
      vmac.xmitBase = state.close;
    }
  }
  if (vmac.name !== undefined && !ctx.names.has(vmac.name)) ctx.names.set(vmac.name, ctx.instance);
}

/** A VIP line of virtual_ipaddress(_excluded) as vrrp_complete_instance() looks at its use_vmac option. */
export interface VipVmac {
  location: Location;
  text: string;
  family: 4 | 6;
  dev?: string;
  useVmac: boolean;
}

/** vrrp_complete_instance(): the checks of the instance's VMAC/ipvlan/VRF settings once the file is read. */
export function completeInstanceVmac(
  vmac: InstanceVmac,
  inst: { name: string; family: 4 | 6; strict?: Location; interface?: string; unicast: boolean; vips: VipVmac[] },
): void {
  const name = inst.name;
  const add = (location: Location, said: string, fault?: boolean): void => {
    vmac.problems.push({ location, said: `(${name})${said}`, unlined: true, ...(fault ? { fault } : {}) });
  };
  if (inst.strict && vmac.macSpecified)
    add(vmac.macSpecified, ": cannot specify MAC address with strict mode - clearing");
  if (vmac.vrf && (inst.interface !== undefined || !inst.unicast))
    add(
      vmac.vrf,
      ` vrf can only be specified with${inst.interface !== undefined ? "out interface" : " unicast"} - clearing`,
    );
  if ((vmac.vmac || vmac.ipvlan) && inst.interface !== undefined) {
    if (vmac.vmac && inst.strict && vmac.xmitBase) {
      add(vmac.xmitBase, " xmit_base is incompatible with strict mode - resetting");
      vmac.xmitBase = undefined;
    }
    if (vmac.promote) add(vmac.promote, " promote_secondaries is automatically set for vmacs - ignoring");
  }
  if (vmac.ipvlan && inst.family === 4 && vmac.ipvlanFamily === undefined)
    add(
      vmac.ipvlan,
      " IPv4 ipvlan requires a source ip address to be configured. setting instance to fault state",
      true,
    );
  if (vmac.xmitBase && !vmac.vmac) add(vmac.xmitBase, " vmac_xmit_base is only valid with a vmac");
  for (const vip of inst.vips) {
    if (!vip.useVmac) continue;
    const own = (vip.dev === undefined || vip.dev === inst.interface) && vip.family === inst.family;
    if (own && vmac.vmac) add(vip.location, ` use_vmac specified for VIP/eVIP ${vip.text} and vrrp instance`);
    else if (!own && vmac.vmacAddr)
      add(vip.location, ` use_vmac_addr specified and use_vmac specified for VIP/eVIP ${vip.text}`);
  }
}

/** The VIP lines of a virtual_ipaddress / virtual_ipaddress_excluded block, for completeInstanceVmac(). */
export function vipLines(block: readonly KaStatement[]): VipVmac[] {
  return block.map((entry) => {
    const words = [entry.keyword, ...entry.args].map((w) => w.value);
    const devAt = words.indexOf("dev");
    const vip: VipVmac = {
      location: at(entry),
      text: words[0],
      family: words[0].includes(":") ? 6 : 4,
      useVmac: words.slice(1).includes("use_vmac"),
    };
    if (devAt > 0 && words[devAt + 1]) vip.dev = words[devAt + 1];
    return vip;
  });
}
