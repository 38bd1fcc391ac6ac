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

/** What reading a configuration keeps between its blocks: the scripts it may read, the track_script lines seen. */
interface ConfigReading {
  config: KeepalivedConfig;
  version: string;
  readScript: ScriptReader;
  /** The track_script lines seen so far, with the order of the block that holds them (resolved at the end). */
  pendingTracks: { track: TrackedScript; order: number }[];
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
  const reading: ConfigReading = { config, version, readScript, pendingTracks: [] };
  let order = 0;
  const instanceNames = new Set<string>();
  for (const st of doc.statements) {
    order++;
    const kw = st.keyword.value;
    if (kw === "global_defs") readGlobalDefs(config, st, version);
    else if (kw === "vrrp_script" && st.args[0]) {
      if (!config.scripts.has(st.args[0].value))
        config.scripts.set(st.args[0].value, readVrrpScript(reading, st, order));
    } else if (kw === "vrrp_track_process" && st.args[0]) {
      const tp = readTrackProcess(st);
      config.trackProcesses.set(tp.name, tp);
    } else if (kw === "vrrp_instance" && st.args[0]) {
      const name = st.args[0].value;
      if (instanceNames.has(name)) continue;
      instanceNames.add(name);
      config.instances.push(buildInstance(reading, st, order));
    } else if (kw === "vrrp_sync_group" && st.args[0]) config.syncGroups.push(readSyncGroup(reading, st, order));
  }
  // track_script names resolve at parse time: a vrrp_script defined later is not found.
  for (const { track, order: at } of reading.pendingTracks) {
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
  return config;
}

/** A script line (`script`, `notify_*`): its words as keepalived splits them, the user, and the file it runs. */
function scriptCommand(reading: ConfigReading, st: KaStatement): ScriptCommand | undefined {
  if (st.args.length === 0) return undefined;
  const parsed = parseScriptLine(st.line);
  const command: ScriptCommand = { args: parsed.args, location: loc(st) };
  const first = st.args[0];
  command.word = { text: first.text, location: wordLoc(first), expanded: first.expanded };
  if (parsed.user !== undefined) command.user = parsed.user;
  if (parsed.group !== undefined) command.group = parsed.group;
  const program = parsed.args[0];
  if (program) {
    const file = reading.readScript(program);
    if (file) {
      command.fileText = file.text;
      command.filePath = file.path;
    }
  }
  return command;
}

/** The lines of a track_script block, each with its weight and reverse options; resolved at the end of the file. */
function trackScripts(reading: ConfigReading, st: KaStatement, ownerOrder: number): TrackedScript[] {
  const out: TrackedScript[] = [];
  for (const line of st.block?.statements ?? []) {
    const track: TrackedScript = {
      name: line.keyword.value,
      location: loc(line),
      options: line.args.map((w) => located(w.value, w)),
      definedAfter: false,
    };
    const words = line.args;
    for (let index = 0; index < words.length; index++) {
      const option = words[index].value;
      if (option === "weight") {
        track.weightOverride = num(words[index + 1]);
        index++;
      } else if (option === "reverse") track.reverseOverride = true;
      else if (option === "noreverse") track.reverseOverride = false;
    }
    out.push(track);
    reading.pendingTracks.push({ track, order: ownerOrder });
  }
  return out;
}

function notifyOf(reading: ConfigReading, st: KaStatement): NotifyScript | undefined {
  const command = scriptCommand(reading, st);
  return command ? { kind: st.keyword.value as NotifyScript["kind"], command } : undefined;
}

/** The global_defs settings the model uses: router_id, script security, strict mode and the other global flags. */
function readGlobalDefs(config: KeepalivedConfig, st: KaStatement, version: string): void {
  for (const g of st.block?.statements ?? []) {
    const k = g.keyword.value;
    if (k === "router_id" && g.args[0]) config.routerId = located(g.args[0].value, g.args[0]);
    else if (k === "enable_script_security") config.enableScriptSecurity = loc(g);
    else if (k === "dynamic_interfaces") config.dynamicInterfaces = loc(g);
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

function readVrrpScript(reading: ConfigReading, st: KaStatement, order: number): VrrpScript {
  const script: VrrpScript = {
    name: st.args[0].value,
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
    if (k === "script") script.command = scriptCommand(reading, s);
    else if ((k === "interval" || k === "timeout") && s.args[0]) {
      // (versions) fractions of a second only from keepalived 2.3.2; before, the value is refused and ignored.
      const seconds = scriptSeconds(s.args[0].value, reading.version);
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

function readTrackProcess(st: KaStatement): TrackProcess {
  const tp: TrackProcess = { name: st.args[0].value, location: loc(st), weight: 0 };
  for (const s of st.block?.statements ?? []) {
    if (s.keyword.value === "process" && s.args[0]) tp.process = s.args[0].value;
    else if (s.keyword.value === "weight") tp.weight = num(s.args[0]);
  }
  return tp;
}

function readSyncGroup(reading: ConfigReading, st: KaStatement, order: number): SyncGroup {
  const group: SyncGroup = {
    name: st.args[0].value,
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
    else if (k === "track_script") group.trackScripts = trackScripts(reading, s, order);
    else if (NOTIFY_KINDS.has(k)) {
      const n = notifyOf(reading, s);
      if (n) group.notify.push(n);
    }
  }
  return group;
}

/** What reading one vrrp_instance keeps between its lines, besides the instance itself. */
interface InstanceReading {
  reading: ConfigReading;
  inst: VrrpInstance;
  order: number;
  /**
   * (versions) keepalived 2.3.3 rejects a repeated VIP (vrrp_parser.c vip_is_duplicate()) or unicast peer
   * (cb95b7f6 'duplicate unicast_peer'); earlier versions keep both copies.
   */
  rejectsDuplicates: boolean;
  sawMaster: boolean;
  /** The instance's family, set by the first address keyword keepalived reads. */
  family: 4 | 6 | undefined;
  instanceVersion: 2 | 3 | undefined;
  strictSet: boolean;
  ownerIgnoresAdverts: boolean | undefined;
}

function buildInstance(reading: ConfigReading, st: KaStatement, order: number): VrrpInstance {
  const { config, version } = reading;
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
  const instance: InstanceReading = {
    reading,
    inst,
    order,
    rejectsDuplicates: atLeast("keepalived", version, "2.3.3"),
    sawMaster: false,
    family: undefined,
    instanceVersion: undefined,
    strictSet: false,
    ownerIgnoresAdverts: undefined,
  };
  for (const s of st.block?.statements ?? []) {
    if (readElectionLine(instance, s) || readAddressLine(instance, s) || readTrackLine(instance, s)) continue;
    if (NOTIFY_KINDS.has(s.keyword.value)) {
      const n = notifyOf(reading, s);
      if (n) inst.notify.push(n);
    }
  }
  if (config.vrrpStrict && !instance.strictSet) inst.strict = config.vrrpStrict;
  inst.basePriority = basePriority(inst);
  // vrrp.c vrrp_complete_instance(): an instance no address keyword gave a family is IPv4; an IPv6 instance runs
  // VRRPv3 unless it sets its version (global vrrp_version applies to IPv4 instances only), and strict mode makes
  // an IPv6 instance VRRPv3 whatever it sets.
  inst.family = instance.family ?? 4;
  const instanceVersion = instance.instanceVersion;
  if (instanceVersion === undefined) inst.vrrpVersion = inst.family === 6 ? 3 : inst.vrrpVersion;
  else inst.vrrpVersion = inst.family === 6 && instanceVersion === 2 && inst.strict ? 3 : instanceVersion;
  // (versions) 2.3.3 vrrp_complete_instance(): an owner ignores adverts when told to, and always in strict mode.
  if (atLeast("keepalived", version, "2.3.3") && inst.basePriority === 255)
    inst.ownerIgnoresAdverts =
      inst.strict !== undefined || (instance.ownerIgnoresAdverts ?? config.ownerIgnoreAdverts ?? false);
  return inst;
}

function noteDuplicate(instance: InstanceReading, keyword: string, text: string, location: Location): void {
  (instance.inst.duplicateAddresses ??= []).push({ keyword, text, location, kept: !instance.rejectsDuplicates });
}

function addressProblem(
  instance: InstanceReading,
  keyword: AddressProblem["keyword"],
  w: KaWord,
  kind: AddressProblem["kind"],
): AddressProblem {
  const found: AddressProblem = { keyword, text: w.value, location: wordLoc(w), kind };
  instance.inst.addressProblems.push(found);
  return found;
}

/** The first address keyword that keepalived reads sets the instance's family; later ones must match it. */
function sameFamily(instance: InstanceReading, keyword: AddressProblem["keyword"], w: KaWord, of: 4 | 6): boolean {
  if (instance.family === undefined) {
    instance.family = of;
    instance.inst.familySource = { keyword, location: wordLoc(w) };
    return true;
  }
  if (instance.family === of) return true;
  addressProblem(instance, keyword, w, "family").family = of;
  return false;
}

/** The lines of an instance that set its election: state, priority, preemption, authentication, version... */
function readElectionLine(instance: InstanceReading, s: KaStatement): boolean {
  const { inst } = instance;
  const k = s.keyword.value;
  const a0 = s.args[0];
  switch (k) {
    case "state":
      if (!a0) break;
      // `state BACKUP` after `state MASTER` is ignored; otherwise the last one wins.
      if (a0.value === "BACKUP" && instance.sawMaster) break;
      inst.state = located(a0.value, a0);
      if (a0.value === "MASTER") {
        instance.sawMaster = true;
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
    case "strict_mode": {
      // (versions) vrrp_strict_mode_handler(): check_true_false() (exact words); an invalid value is reported and
      // changes nothing. An explicit strict_mode, on or off, overrides global vrrp_strict (vrrp.c: only an unset
      // strict_mode takes the global value).
      const value = a0 ? keepalivedBoolean(a0.value) : true;
      if (value === undefined) break;
      inst.strict = value ? loc(s) : undefined;
      instance.strictSet = true;
      break;
    }
    case "owner_ignore_adverts":
      if (atLeast("keepalived", instance.reading.version, "2.3.3"))
        instance.ownerIgnoresAdverts = a0 ? keepalivedBoolean(a0.value) : true;
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
        instance.instanceVersion = num(a0) === 3 ? 3 : 2;
        inst.vrrpVersionLocation = wordLoc(a0);
      }
      break;
    // vrrp_parser.c vrrp_native_ipv6_handler(): IPv6 and VRRPv3, unless the instance is already IPv4.
    case "native_ipv6":
      if (instance.family === 4) break;
      if (instance.family === undefined) {
        instance.family = 6;
        inst.familySource = { keyword: k, location: loc(s) };
      }
      instance.instanceVersion = 3;
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

/** The address lines of an instance: its VIPs, the source and destination of adverts, the unicast peers. */
function readAddressLine(instance: InstanceReading, s: KaStatement): boolean {
  const { inst } = instance;
  const k = s.keyword.value;
  const a0 = s.args[0];
  switch (k) {
    case "virtual_ipaddress":
    case "virtual_ipaddress_excluded":
      readVirtualAddresses(instance, s, k);
      break;
    // vrrp_parser.c vrrp_srcip_handler(), for both: the source address of adverts, read by inet_stosockaddr().
    // A later line replaces an earlier one; one keepalived cannot read (or of another family) clears it.
    case "unicast_src_ip":
    case "mcast_src_ip": {
      if (!a0) break;
      const read = readSocketAddress(a0.value);
      if (read.address === undefined) {
        addressProblem(instance, k, a0, "malformed");
        inst.unicastSrcIp = undefined;
      } else if (sameFamily(instance, k, a0, read.family)) inst.unicastSrcIp = located(read.address, a0);
      else inst.unicastSrcIp = undefined;
      break;
    }
    case "unicast_peer":
      readUnicastPeers(instance, s);
      break;
    // vrrp_parser.c vrrp_mcast_dstip_handler(): inet_stosockaddr(), the family, then a multicast group
    // (IPv6: link-local scope); anything else is reported and the default group stays.
    case "mcast_dst_ip": {
      if (!a0) break;
      const read = readSocketAddress(a0.value);
      inst.mcastDstIp = undefined;
      if (read.address === undefined) addressProblem(instance, k, a0, "malformed");
      else if (!sameFamily(instance, k, a0, read.family)) break;
      else if (!isMulticastGroup(read.address, read.family)) addressProblem(instance, k, a0, "not-multicast");
      else inst.mcastDstIp = located(read.address, a0);
      break;
    }
    default:
      return false;
  }
  return true;
}

/**
 * vrrp_data.c alloc_vrrp_vip() / alloc_vrrp_evip(): parse_ipaddress() with a prefix; only virtual_ipaddress entries
 * take part in the instance's family.
 */
function readVirtualAddresses(
  instance: InstanceReading,
  s: KaStatement,
  k: "virtual_ipaddress" | "virtual_ipaddress_excluded",
): void {
  const { inst } = instance;
  const problem = (keyword: AddressProblem["keyword"], w: KaWord, kind: AddressProblem["kind"]): AddressProblem =>
    addressProblem(instance, keyword, w, kind);
  for (const line of s.block?.statements ?? []) {
    const v = virtualAddress(line, k, problem);
    if (!v) continue;
    if (k === "virtual_ipaddress" && !sameFamily(instance, k, line.keyword, v.family as 4 | 6)) v.familyMismatch = true;
    // (versions) vrrp_data.c vip_is_duplicate() at v2.3.3, after the family check: a repeat of an address
    // already in either list is reported and dropped from 2.3.3 on; earlier versions keep both copies.
    if (!v.familyMismatch && [...inst.vips, ...inst.vipsExcluded].some((o) => sameAddress(o.address, v.address))) {
      noteDuplicate(instance, k, v.text, v.location);
      if (instance.rejectsDuplicates) continue;
    }
    (k === "virtual_ipaddress" ? inst.vips : inst.vipsExcluded).push(v);
  }
}

/**
 * vrrp_data.c alloc_vrrp_unicast_peer(): inet_stosockaddr() of the first word; `min_ttl`/`max_ttl` with a valid
 * value also turn on the source check of check_unicast_src.
 */
function readUnicastPeers(instance: InstanceReading, s: KaStatement): void {
  const { inst } = instance;
  const k = "unicast_peer";
  inst.unicastBlock ??= loc(s);
  for (const p of s.block?.statements ?? []) {
    const read = readSocketAddress(p.keyword.value);
    if (read.address === undefined) {
      addressProblem(instance, k, p.keyword, "malformed");
      continue;
    }
    if (!sameFamily(instance, k, p.keyword, read.family)) continue;
    if (peerChecksSource(p.args)) inst.checkUnicastSrc = true;
    // (versions) alloc_vrrp_unicast_peer() at v2.3.3 compares the address read (prefix stripped) with the
    // peers already listed, after the TTL options: a repeat is reported and dropped from 2.3.3 on.
    const peerAddress = read.address;
    if (inst.unicastPeers.some((o) => sameAddress(o.address, peerAddress))) {
      noteDuplicate(instance, k, p.keyword.value, wordLoc(p.keyword));
      if (instance.rejectsDuplicates) continue;
    }
    inst.unicastPeers.push({ address: read.address, location: wordLoc(p.keyword) });
  }
}

/** The tracker blocks of an instance: track_script, track_interface, track_file, track_process. */
function readTrackLine(instance: InstanceReading, s: KaStatement): boolean {
  const { inst } = instance;
  switch (s.keyword.value) {
    case "track_script":
      inst.trackScripts.push(...trackScripts(instance.reading, s, instance.order));
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
