/** keepalived syntax tree -> KeepalivedConfig: what keepalived keeps of the file (SEMANTICS.md 1.1-1.3). */
import type { Location } from "../syntax/source.js";
import { parseScriptLine } from "../syntax/keepalived/script-words.js";
import type { KaStatement, KaWord, KeepalivedDocument } from "../syntax/keepalived/tree.js";
import { readIpAddress, readSocketAddress, sameAddress } from "./ip-address.js";
import { atLeast, DEFAULT_VERSIONS } from "../schema/versions.js";
import type {
  AddressProblem,
  KeepalivedConfig,
  Located,
  NotifyScript,
  ScriptCommand,
  SyncGroup,
  TrackedScript,
  TrackProcess,
  VirtualAddress,
  VrrpInstance,
  VrrpScript,
} from "./types.js";

/** Reads a script file named in the config, as text; undefined when the node's tree does not have it. */
export type ScriptReader = (pathAsWritten: string) => { path: string; text: string } | undefined;

const loc = (w: KaWord | KaStatement): Location =>
  "keyword" in w ? { file: w.file, range: w.range } : { file: w.file, range: w.range };
const wordLoc = (w: KaWord): Location => ({ file: w.file, range: w.range });

export function num(w: KaWord | undefined): number {
  if (!w) return Number.NaN;
  return /^[-+]?\d+(\.\d+)?$/.test(w.value) ? Number(w.value) : Number.NaN;
}

function located<T>(value: T, w: KaWord): Located<T> {
  return { value, location: wordLoc(w) };
}

export const NOTIFY_KINDS = new Set([
  "notify",
  "notify_master",
  "notify_backup",
  "notify_fault",
  "notify_stop",
  "notify_deleted",
  "notify_master_rx_lower_pri",
]);

/** (versions) keepalived's check_true_false() (lib/parser.c, v2.3.0): exact, lower-case words only. */
export function keepalivedBoolean(text: string): boolean | undefined {
  if (text === "true" || text === "on" || text === "yes") return true;
  if (text === "false" || text === "off" || text === "no") return false;
  return undefined;
}

/**
 * (versions) A vrrp_script interval or timeout as the target version reads it: whole seconds before 2.3.2
 * (read_unsigned_strvec refuses "0.5" and the default stays), milliseconds from 2.3.2 (read_decimal_unsigned_strvec,
 * at most 3 decimals). undefined when refused.
 */
export function scriptSeconds(text: string, version: string): number | undefined {
  const pattern = atLeast("keepalived", version, "2.3.2") ? /^\d+(\.\d{1,3})?$/ : /^\d+$/;
  return pattern.test(text) ? Number(text) : undefined;
}

/** A script line (script, notify*): its words as keepalived splits them, and the script file it runs if readable. */
function scriptCommand(st: KaStatement, readScript: ScriptReader): ScriptCommand | undefined {
  if (st.args.length === 0) return undefined;
  const parsed = parseScriptLine(st.line);
  const c: ScriptCommand = { args: parsed.args, location: loc(st) };
  const w = st.args[0];
  c.word = { text: w.text, location: wordLoc(w), expanded: w.expanded };
  if (parsed.user !== undefined) c.user = parsed.user;
  if (parsed.group !== undefined) c.group = parsed.group;
  const program = parsed.args[0];
  if (program) {
    const file = readScript(program);
    if (file) {
      c.fileText = file.text;
      c.filePath = file.path;
    }
  }
  return c;
}

/** The entries of a track_script block; each waits in pendingTracks until every vrrp_script is known. */
function readTrackScripts(
  st: KaStatement,
  ownerOrder: number,
  pendingTracks: { track: TrackedScript; order: number }[],
): TrackedScript[] {
  const out: TrackedScript[] = [];
  for (const line of st.block?.statements ?? []) {
    const track: TrackedScript = {
      name: line.keyword.value,
      location: loc(line),
      options: line.args.map((w) => located(w.value, w)),
      definedAfter: false,
    };
    const words = line.args;
    for (let i = 0; i < words.length; i++) {
      const v = words[i].value;
      if (v === "weight") {
        track.weightOverride = num(words[i + 1]);
        i++;
      } else if (v === "reverse") track.reverseOverride = true;
      else if (v === "noreverse") track.reverseOverride = false;
    }
    out.push(track);
    pendingTracks.push({ track, order: ownerOrder });
  }
  return out;
}

/** global_defs: router_id, script security, vrrp_strict and the other global VRRP switches. */
function readGlobalDefs(config: KeepalivedConfig, st: KaStatement, version: string): void {
  for (const g of st.block?.statements ?? []) {
    const k = g.keyword.value;
    if (k === "router_id" && g.args[0]) config.routerId = located(g.args[0].value, g.args[0]);
    else if (k === "enable_script_security") config.enableScriptSecurity = loc(g);
    else if (k === "script_user" && g.args[0]) config.scriptUser = located(g.args[0].value, g.args[0]);
    else if (k === "vrrp_strict" || k === "vrrp_skip_check_adv_addr") {
      // (versions) global_parser.c: before 2.3.0 the handler ignores its argument (even `false` turns it on);
      // from 2.3.0 it reads check_true_false() and refuses anything else, leaving the setting as it was.
      const arg = g.args[0];
      const boolean = atLeast("keepalived", version, "2.3.0");
      const value = arg && boolean ? keepalivedBoolean(arg.value) : true;
      const flag = { keyword: k, on: value === true, refused: value === undefined };
      (config.globalFlags ??= []).push(arg ? { ...flag, argument: located(arg.value, arg) } : flag);
      if (value === undefined) continue;
      if (k === "vrrp_strict") config.vrrpStrict = value ? loc(g) : undefined;
      else config.skipCheckAdvAddr = value ? loc(g) : undefined;
    } else if (k === "vrrp_owner_ignore_adverts" && atLeast("keepalived", version, "2.3.3"))
      config.ownerIgnoreAdverts = g.args[0] ? keepalivedBoolean(g.args[0].value) !== false : true;
    else if (k === "vrrp_version" && g.args[0]) config.globalVrrpVersion = located(num(g.args[0]), g.args[0]);
  }
}

function buildScript(
  st: KaStatement,
  name: string,
  order: number,
  command: (st: KaStatement) => ScriptCommand | undefined,
  version: string,
): VrrpScript {
  const script: VrrpScript = {
    name,
    location: loc(st),
    nameLocation: wordLoc(st.args[0]),
    interval: 1,
    weight: 0,
    weightReverse: false,
    rise: 1,
    fall: 1,
    initFail: false,
    order,
  };
  for (const s of st.block?.statements ?? []) {
    const k = s.keyword.value;
    if (k === "script") script.command = command(s);
    else if ((k === "interval" || k === "timeout") && s.args[0]) {
      // (versions) fractions of a second only from keepalived 2.3.2; before, the value is refused and ignored.
      const seconds = scriptSeconds(s.args[0].value, version);
      const numeric = num(s.args[0]);
      if (seconds === undefined && Number.isFinite(numeric)) {
        (script.rejectedTimes ??= []).push({ keyword: k, text: s.args[0].value, location: wordLoc(s.args[0]) });
        continue;
      }
      if (k === "interval") script.interval = seconds ?? numeric;
      else script.timeout = seconds ?? numeric;
    } else if (k === "weight") {
      script.weight = num(s.args[0]);
      script.weightReverse = s.args[1]?.value === "reverse";
      script.weightLocation = loc(s);
    } else if (k === "rise") script.rise = num(s.args[0]);
    else if (k === "fall") script.fall = num(s.args[0]);
    else if (k === "user" && s.args[0]) script.user = s.args[0].value;
    else if (k === "init_fail") script.initFail = true;
  }
  return script;
}

function buildTrackProcess(st: KaStatement, name: string): TrackProcess {
  const tp: TrackProcess = { name, location: loc(st), weight: 0 };
  for (const s of st.block?.statements ?? []) {
    if (s.keyword.value === "process" && s.args[0]) tp.process = s.args[0].value;
    else if (s.keyword.value === "weight") tp.weight = num(s.args[0]);
  }
  return tp;
}

function buildSyncGroup(
  st: KaStatement,
  name: string,
  order: number,
  trackScripts: (st: KaStatement, order: number) => TrackedScript[],
  notifyOf: (st: KaStatement) => NotifyScript | undefined,
): SyncGroup {
  const group: SyncGroup = {
    name,
    location: loc(st),
    members: [],
    trackingWeight: false,
    trackScripts: [],
    notify: [],
  };
  for (const s of st.block?.statements ?? []) {
    const k = s.keyword.value;
    if (k === "group") {
      for (const m of s.block?.statements ?? [])
        for (const w of [m.keyword, ...m.args]) group.members.push(located(w.value, w));
    } else if (k === "sync_group_tracking_weight") group.trackingWeight = true;
    else if (k === "track_script") group.trackScripts = trackScripts(s, order);
    else if (NOTIFY_KINDS.has(k)) {
      const n = notifyOf(s);
      if (n) group.notify.push(n);
    }
  }
  return group;
}

/** What is settled once the whole file is read: which vrrp_script each track_script names, each instance's group. */
function resolveReferences(config: KeepalivedConfig, pendingTracks: { track: TrackedScript; order: number }[]): void {
  // track_script names resolve at parse time: a vrrp_script defined later is not found.
  for (const { track, order: at } of pendingTracks) {
    const script = config.scripts.get(track.name);
    if (script) {
      track.script = script;
      track.definedAfter = script.order > at;
    }
  }
  for (const group of config.syncGroups) {
    for (const m of group.members) {
      const inst = config.instances.find((i) => i.name === m.value);
      if (inst && !inst.syncGroup) inst.syncGroup = group.name;
    }
  }
}

export function buildKeepalivedConfig(
  doc: KeepalivedDocument,
  readScript: ScriptReader = () => undefined,
  version: string = DEFAULT_VERSIONS.keepalived,
): KeepalivedConfig {
  const config: KeepalivedConfig = {
    file: doc.file,
    document: doc,
    version,
    scripts: new Map(),
    trackProcesses: new Map(),
    instances: [],
    syncGroups: [],
  };
  // keepalived exits while reading (lib/parser.c null_strvec()): it runs no instance and no script at all.
  if (doc.stopped) {
    config.stopped = doc.stopped;
    return config;
  }
  const command = (st: KaStatement): ScriptCommand | undefined => scriptCommand(st, readScript);
  let order = 0;
  const instanceNames = new Set<string>();
  const pendingTracks: { track: TrackedScript; order: number }[] = [];
  const trackScripts = (st: KaStatement, ownerOrder: number): TrackedScript[] =>
    readTrackScripts(st, ownerOrder, pendingTracks);
  const notifyOf = (st: KaStatement): NotifyScript | undefined => {
    const c = command(st);
    return c ? { kind: st.keyword.value as NotifyScript["kind"], command: c } : undefined;
  };

  for (const st of doc.statements) {
    order++;
    const kw = st.keyword.value;
    const name = st.args[0]?.value;
    if (kw === "global_defs") readGlobalDefs(config, st, version);
    else if (name === undefined) continue;
    else if (kw === "vrrp_script") {
      if (!config.scripts.has(name)) config.scripts.set(name, buildScript(st, name, order, command, version));
    } else if (kw === "vrrp_track_process") config.trackProcesses.set(name, buildTrackProcess(st, name));
    else if (kw === "vrrp_instance") {
      if (instanceNames.has(name)) continue;
      instanceNames.add(name);
      config.instances.push(buildInstance(st, order, trackScripts, notifyOf, config, version));
    } else if (kw === "vrrp_sync_group")
      config.syncGroups.push(buildSyncGroup(st, name, order, trackScripts, notifyOf));
  }
  resolveReferences(config, pendingTracks);
  return config;
}

/** What reading one vrrp_instance block keeps track of, beside the instance itself. */
interface InstanceReading {
  inst: VrrpInstance;
  config: KeepalivedConfig;
  version: string;
  order: number;
  trackScripts: (st: KaStatement, order: number) => TrackedScript[];
  notifyOf: (st: KaStatement) => NotifyScript | undefined;
  /**
   * (versions) keepalived 2.3.3 rejects a repeated VIP (vrrp_parser.c vip_is_duplicate()) or unicast peer
   * (cb95b7f6 'duplicate unicast_peer'); earlier versions keep both copies.
   */
  rejectsDuplicates: boolean;
  sawMaster: boolean;
  family: 4 | 6 | undefined;
  instanceVersion: 2 | 3 | undefined;
  strictSet: boolean;
  ownerIgnoresAdverts: boolean | undefined;
}

function noteDuplicate(reading: InstanceReading, keyword: string, text: string, location: Location): void {
  (reading.inst.duplicateAddresses ??= []).push({ keyword, text, location, kept: !reading.rejectsDuplicates });
}

function addressProblem(
  reading: InstanceReading,
  keyword: AddressProblem["keyword"],
  w: KaWord,
  kind: AddressProblem["kind"],
): AddressProblem {
  const p: AddressProblem = { keyword, text: w.value, location: wordLoc(w), kind };
  reading.inst.addressProblems.push(p);
  return p;
}

/** The first address keyword that keepalived reads sets the instance's family; later ones must match it. */
function sameFamily(reading: InstanceReading, keyword: AddressProblem["keyword"], w: KaWord, of: 4 | 6): boolean {
  if (reading.family === undefined) {
    reading.family = of;
    reading.inst.familySource = { keyword, location: wordLoc(w) };
    return true;
  }
  if (reading.family === of) return true;
  addressProblem(reading, keyword, w, "family").family = of;
  return false;
}

/** The instance's role and timing: state, interface, VRID, priority, advert_int, preemption, authentication. */
function readRoleKeyword(reading: InstanceReading, s: KaStatement): boolean {
  const { inst } = reading;
  const k = s.keyword.value;
  const a0 = s.args[0];
  switch (k) {
    case "state":
      if (!a0) break;
      // `state BACKUP` after `state MASTER` is ignored; otherwise the last one wins.
      if (a0.value === "BACKUP" && reading.sawMaster) break;
      inst.state = located(a0.value, a0);
      if (a0.value === "MASTER") {
        reading.sawMaster = true;
        inst.masterStates.push(wordLoc(a0));
        inst.initialState = "MASTER";
      } else inst.initialState = "BACKUP";
      break;
    case "interface":
      if (a0) inst.interface = located(a0.value, a0);
      break;
    case "virtual_router_id":
      if (a0) inst.vrid = located(num(a0), a0);
      break;
    case "priority":
      if (a0) inst.priority = located(num(a0), a0);
      break;
    case "advert_int":
      if (a0) {
        inst.advertInt = num(a0);
        inst.advertIntLocation = wordLoc(a0);
      }
      break;
    case "nopreempt":
      inst.nopreempt = loc(s);
      break;
    case "preempt":
      inst.nopreempt = undefined;
      break;
    case "preempt_delay":
      if (a0) inst.preemptDelay = located(num(a0), a0);
      break;
    case "authentication":
      inst.authentication ??= {};
      for (const a of s.block?.statements ?? []) {
        if (a.keyword.value === "auth_type" && a.args[0])
          inst.authentication.type = located(a.args[0].value, a.args[0]);
        if (a.keyword.value === "auth_pass" && a.args[0])
          inst.authentication.pass = located(a.args[0].value, a.args[0]);
      }
      break;
    default:
      return false;
  }
  return true;
}

/** The instance's addresses: VIPs, the advert source, unicast peers, the multicast group. */
function readAddressKeyword(reading: InstanceReading, s: KaStatement): boolean {
  const { inst } = reading;
  const k = s.keyword.value;
  const a0 = s.args[0];
  switch (k) {
    case "virtual_ipaddress":
    case "virtual_ipaddress_excluded":
      // vrrp_data.c alloc_vrrp_vip() / alloc_vrrp_evip(): parse_ipaddress() with a prefix; only virtual_ipaddress
      // entries take part in the instance's family.
      for (const line of s.block?.statements ?? []) {
        const v = virtualAddress(line, k, (keyword, word, kind) => addressProblem(reading, keyword, word, kind));
        if (!v) continue;
        if (k === "virtual_ipaddress" && !sameFamily(reading, k, line.keyword, v.family as 4 | 6))
          v.familyMismatch = true;
        // (versions) vrrp_data.c vip_is_duplicate() at v2.3.3, after the family check: a repeat of an address
        // already in either list is reported and dropped from 2.3.3 on; earlier versions keep both copies.
        if (!v.familyMismatch && [...inst.vips, ...inst.vipsExcluded].some((o) => sameAddress(o.address, v.address))) {
          noteDuplicate(reading, k, v.text, v.location);
          if (reading.rejectsDuplicates) continue;
        }
        (k === "virtual_ipaddress" ? inst.vips : inst.vipsExcluded).push(v);
      }
      break;
    // vrrp_parser.c vrrp_srcip_handler(), for both: the source address of adverts, read by inet_stosockaddr().
    // A later line replaces an earlier one; one keepalived cannot read (or of another family) clears it.
    case "unicast_src_ip":
    case "mcast_src_ip": {
      if (!a0) break;
      const read = readSocketAddress(a0.value);
      if (read.address === undefined) {
        addressProblem(reading, k, a0, "malformed");
        inst.unicastSrcIp = undefined;
      } else if (sameFamily(reading, k, a0, read.family)) inst.unicastSrcIp = located(read.address, a0);
      else inst.unicastSrcIp = undefined;
      break;
    }
    // vrrp_data.c alloc_vrrp_unicast_peer(): inet_stosockaddr() of the first word; `min_ttl`/`max_ttl` with a
    // valid value also turn on the source check of check_unicast_src.
    case "unicast_peer":
      inst.unicastBlock ??= loc(s);
      for (const p of s.block?.statements ?? []) {
        const read = readSocketAddress(p.keyword.value);
        if (read.address === undefined) {
          addressProblem(reading, k, p.keyword, "malformed");
          continue;
        }
        if (!sameFamily(reading, k, p.keyword, read.family)) continue;
        if (peerChecksSource(p.args)) inst.checkUnicastSrc = true;
        // (versions) alloc_vrrp_unicast_peer() at v2.3.3 compares the address read (prefix stripped) with the
        // peers already listed, after the TTL options: a repeat is reported and dropped from 2.3.3 on.
        const peerAddress = read.address;
        if (inst.unicastPeers.some((o) => sameAddress(o.address, peerAddress))) {
          noteDuplicate(reading, k, p.keyword.value, wordLoc(p.keyword));
          if (reading.rejectsDuplicates) continue;
        }
        inst.unicastPeers.push({ address: read.address, location: wordLoc(p.keyword) });
      }
      break;
    // vrrp_parser.c vrrp_mcast_dstip_handler(): inet_stosockaddr(), the family, then a multicast group
    // (IPv6: link-local scope); anything else is reported and the default group stays.
    case "mcast_dst_ip": {
      if (!a0) break;
      const read = readSocketAddress(a0.value);
      inst.mcastDstIp = undefined;
      if (read.address === undefined) addressProblem(reading, k, a0, "malformed");
      else if (!sameFamily(reading, k, a0, read.family)) break;
      else if (!isMulticastGroup(read.address, read.family)) addressProblem(reading, k, a0, "not-multicast");
      else inst.mcastDstIp = located(read.address, a0);
      break;
    }
    default:
      return false;
  }
  return true;
}

/** The instance's track_script, track_interface, track_file and track_process blocks. */
function readTrackKeyword(reading: InstanceReading, s: KaStatement): boolean {
  const { inst } = reading;
  const k = s.keyword.value;
  switch (k) {
    case "track_script":
      inst.trackScripts.push(...reading.trackScripts(s, reading.order));
      break;
    case "track_interface":
      for (const t of s.block?.statements ?? []) {
        const wi = t.args.findIndex((w) => w.value === "weight");
        const written = wi >= 0 && t.args[wi + 1] ? located(num(t.args[wi + 1]), t.args[wi + 1]) : undefined;
        inst.trackInterfaces.push({
          name: t.keyword.value,
          weight: written ? interfaceWeight(written.value) : 0,
          ...(written ? { writtenWeight: written } : {}),
          reverse: t.args.some((w) => w.value === "reverse"),
          location: loc(t),
        });
      }
      break;
    case "track_file":
      for (const t of s.block?.statements ?? []) {
        const wi = t.args.findIndex((w) => w.value === "weight");
        inst.trackFiles.push({
          name: t.keyword.value,
          weight: wi >= 0 ? num(t.args[wi + 1]) : undefined,
          reverse: t.args.some((w) => w.value === "reverse"),
          location: loc(t),
        });
      }
      break;
    case "track_process":
      for (const t of s.block?.statements ?? []) {
        const wi = t.args.findIndex((w) => w.value === "weight");
        inst.trackProcesses.push({
          name: t.keyword.value,
          weight: wi >= 0 ? num(t.args[wi + 1]) : undefined,
          location: loc(t),
        });
      }
      break;
    default:
      return false;
  }
  return true;
}

/** The instance's modes: strict, accept, VRRP version, native IPv6, and the unicast and tracking switches. */
function readModeKeyword(reading: InstanceReading, s: KaStatement): boolean {
  const { inst } = reading;
  const k = s.keyword.value;
  const a0 = s.args[0];
  switch (k) {
    case "strict_mode": {
      // (versions) vrrp_strict_mode_handler(): check_true_false() (exact words); an invalid value is reported and
      // changes nothing. An explicit strict_mode, on or off, overrides global vrrp_strict (vrrp.c: only an unset
      // strict_mode takes the global value).
      const value = a0 ? keepalivedBoolean(a0.value) : true;
      if (value === undefined) break;
      inst.strict = value ? loc(s) : undefined;
      reading.strictSet = true;
      break;
    }
    case "owner_ignore_adverts":
      if (atLeast("keepalived", reading.version, "2.3.3"))
        reading.ownerIgnoresAdverts = a0 ? keepalivedBoolean(a0.value) : true;
      break;
    // The last of accept / no_accept wins.
    case "no_accept":
      inst.noAccept = loc(s);
      inst.accept = undefined;
      break;
    case "accept":
      inst.accept = loc(s);
      inst.noAccept = undefined;
      break;
    case "version":
    case "vrrp_version":
      if (a0) {
        reading.instanceVersion = num(a0) === 3 ? 3 : 2;
        inst.vrrpVersionLocation = wordLoc(a0);
      }
      break;
    // vrrp_parser.c vrrp_native_ipv6_handler(): IPv6 and VRRPv3, unless the instance is already IPv4.
    case "native_ipv6":
      if (reading.family === 4) break;
      if (reading.family === undefined) {
        reading.family = 6;
        inst.familySource = { keyword: k, location: loc(s) };
      }
      reading.instanceVersion = 3;
      inst.vrrpVersionLocation = loc(s);
      break;
    case "dont_track_primary":
      inst.dontTrackPrimary = true;
      break;
    case "check_unicast_src":
      inst.checkUnicastSrc = true;
      break;
    case "unicast_fault_no_peer":
      inst.unicastFaultNoPeer = true;
      break;
    default:
      return false;
  }
  return true;
}

/**
 * vrrp.c vrrp_complete_instance(): what keepalived settles once the block is read (strict mode from vrrp_strict,
 * the base priority, the family, the VRRP version, whether an owner ignores adverts).
 */
function completeInstance(reading: InstanceReading): void {
  const { inst } = reading;
  if (reading.config.vrrpStrict && !reading.strictSet) inst.strict = reading.config.vrrpStrict;
  inst.basePriority = basePriority(inst);
  // vrrp.c vrrp_complete_instance(): an instance no address keyword gave a family is IPv4; an IPv6 instance runs
  // VRRPv3 unless it sets its version (global vrrp_version applies to IPv4 instances only), and strict mode makes
  // an IPv6 instance VRRPv3 whatever it sets.
  inst.family = reading.family ?? 4;
  if (reading.instanceVersion === undefined) inst.vrrpVersion = inst.family === 6 ? 3 : inst.vrrpVersion;
  else
    inst.vrrpVersion = inst.family === 6 && reading.instanceVersion === 2 && inst.strict ? 3 : reading.instanceVersion;
  // (versions) 2.3.3 vrrp_complete_instance(): an owner ignores adverts when told to, and always in strict mode.
  if (atLeast("keepalived", reading.version, "2.3.3") && inst.basePriority === 255)
    inst.ownerIgnoresAdverts =
      inst.strict !== undefined || (reading.ownerIgnoresAdverts ?? reading.config.ownerIgnoreAdverts ?? false);
}

function buildInstance(
  st: KaStatement,
  order: number,
  trackScripts: (st: KaStatement, order: number) => TrackedScript[],
  notifyOf: (st: KaStatement) => NotifyScript | undefined,
  config: KeepalivedConfig,
  version: string,
): VrrpInstance {
  const inst: VrrpInstance = {
    name: st.args[0].value,
    location: loc(st),
    nameLocation: wordLoc(st.args[0]),
    initialState: "BACKUP",
    masterStates: [],
    basePriority: 100,
    advertInt: 1,
    vips: [],
    vipsExcluded: [],
    unicastPeers: [],
    addressProblems: [],
    family: 4,
    trackScripts: [],
    trackInterfaces: [],
    trackFiles: [],
    trackProcesses: [],
    notify: [],
    vrrpVersion: config.globalVrrpVersion?.value === 3 ? 3 : 2,
    dontTrackPrimary: false,
    checkUnicastSrc: false,
    unicastFaultNoPeer: false,
    order,
  };
  const reading: InstanceReading = {
    inst,
    config,
    version,
    order,
    trackScripts,
    notifyOf,
    rejectsDuplicates: atLeast("keepalived", version, "2.3.3"),
    sawMaster: false,
    family: undefined,
    instanceVersion: undefined,
    strictSet: false,
    ownerIgnoresAdverts: undefined,
  };
  for (const s of st.block?.statements ?? []) {
    if (readRoleKeyword(reading, s) || readAddressKeyword(reading, s)) continue;
    if (readTrackKeyword(reading, s) || readModeKeyword(reading, s)) continue;
    if (NOTIFY_KINDS.has(s.keyword.value)) {
      const notify = notifyOf(s);
      if (notify) inst.notify.push(notify);
    }
  }
  completeInstance(reading);
  return inst;
}

/** alloc_track_if(): ±254 becomes ±253; a weight outside -254..254 (or not an integer) is reported and set to 0. */
export function interfaceWeight(w: number): number {
  if (!Number.isInteger(w) || w < -254 || w > 254) return 0;
  return w === 254 ? 253 : w === -254 ? -253 : w;
}

/** A unicast_peer's `min_ttl N` / `max_ttl N` with N in 0..255 (then keepalived checks the sources of adverts). */
function peerChecksSource(args: readonly KaWord[]): boolean {
  for (let i = 0; i + 1 < args.length; i += 2) {
    if (!/^\+?\d+$/.test(args[i + 1].value) || Number(args[i + 1].value) > 255) continue;
    if (args[i].value === "min_ttl" || args[i].value === "max_ttl") return true;
    return false;
  }
  return false;
}

/** IN_MULTICAST() for IPv4, IN6_IS_ADDR_MC_LINKLOCAL() for IPv6. */
function isMulticastGroup(address: string, family: 4 | 6): boolean {
  if (family === 4) {
    const first = Number(address.split(".")[0]);
    return first >= 224 && first <= 239;
  }
  return /^ff[0-9a-f]2:/i.test(address);
}

/** SEMANTICS 1.3: priority 1..255; invalid -> 100; absent -> 255 with state MASTER, else 100. */
export function basePriority(inst: Pick<VrrpInstance, "priority" | "initialState">): number {
  if (inst.priority === undefined) return inst.initialState === "MASTER" ? 255 : 100;
  const p = inst.priority.value;
  return Number.isInteger(p) && p >= 1 && p <= 255 ? p : 100;
}

/**
 * One entry of a virtual address list, read by parse_ipaddress() with a prefix: undefined when keepalived skips it
 * ('VRRP parsed invalid IP'); a bad prefix is reported and the address kept (with the prefix the daemon uses).
 */
function virtualAddress(
  line: KaStatement,
  keyword: "virtual_ipaddress" | "virtual_ipaddress_excluded",
  problem: (keyword: AddressProblem["keyword"], w: KaWord, kind: AddressProblem["kind"]) => AddressProblem,
): VirtualAddress | undefined {
  const text = line.keyword.value;
  const read = readIpAddress(text, true);
  if (read.address === undefined) {
    problem(keyword, line.keyword, "malformed");
    return undefined;
  }
  if (read.prefix.error)
    problem(keyword, line.keyword, "prefix").prefix = {
      written: read.prefixText ?? "",
      error: read.prefix.error,
      checked: read.prefix.checked,
      running: read.prefix.running,
    };
  const devIndex = line.args.findIndex((w) => w.value === "dev");
  const v: VirtualAddress = {
    text,
    address: read.address,
    family: read.family,
    noTrack: line.args.some((w) => w.value === "no_track"),
    location: { file: line.file, range: line.keyword.range },
  };
  if (read.prefixText !== undefined) v.prefix = read.prefix.running;
  if (devIndex >= 0 && line.args[devIndex + 1]) v.dev = line.args[devIndex + 1].value;
  return v;
}
