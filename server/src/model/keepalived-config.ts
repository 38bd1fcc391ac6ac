/** keepalived syntax tree -> KeepalivedConfig: what keepalived keeps of the file (SEMANTICS.md 1.1-1.3). */
import type { Location } from "../syntax/source.js";
import { parseScriptLine } from "../syntax/keepalived/script-words.js";
import type { KaStatement, KaWord, KeepalivedDocument } from "../syntax/keepalived/tree.js";
import {
  completeInstanceVmac,
  endInstanceVmac,
  readInstanceVmac,
  setsUnicastConfigured,
  vipLines,
  type VmacContext,
  type VmacNames,
} from "./keepalived-vmac.js";
import { completeGarp, readGlobalGarp, readInstanceGarp, startGarp, type InstanceGarp } from "./keepalived-garp.js";
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

const loc = (word: KaWord | KaStatement): Location =>
  "keyword" in word ? { file: word.file, range: word.range } : { file: word.file, range: word.range };
const wordLoc = (w: KaWord): Location => ({ file: w.file, range: w.range });

export function num(word: KaWord | undefined): number {
  if (!word) return Number.NaN;
  return /^[-+]?\d+(\.\d+)?$/.test(word.value) ? Number(word.value) : Number.NaN;
}

function located<T>(value: T, word: KaWord): Located<T> {
  return { value, location: wordLoc(word) };
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
  /** Each instance's GARP lines, completed once the whole file (and so every global default) is read. */
  pendingGarp: { inst: VrrpInstance; garp: InstanceGarp }[];
  /** The VMAC/ipvlan interface names earlier instances took (model/keepalived-vmac.ts). */
  vmacNames: VmacNames;
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
  const reading: ConfigReading = {
    config,
    version,
    readScript,
    pendingTracks: [],
    pendingGarp: [],
    vmacNames: new Map(),
  };
  let order = 0;
  const instanceNames = new Set<string>();
  for (const statement of doc.statements) {
    order++;
    const keywordName = statement.keyword.value;
    if (keywordName === "global_defs") readGlobalDefs(config, statement, version);
    else if (keywordName === "vrrp_script" && statement.args[0]) {
      if (!config.scripts.has(statement.args[0].value))
        config.scripts.set(statement.args[0].value, readVrrpScript(reading, statement, order));
    } else if (keywordName === "vrrp_track_process" && statement.args[0]) {
      const trackProcess = readTrackProcess(statement);
      config.trackProcesses.set(trackProcess.name, trackProcess);
    } else if (keywordName === "vrrp_instance" && statement.args[0]) {
      const name = statement.args[0].value;
      if (instanceNames.has(name)) continue;
      instanceNames.add(name);
      config.instances.push(buildInstance(reading, statement, order));
    } else if (keywordName === "vrrp_sync_group" && statement.args[0])
      config.syncGroups.push(readSyncGroup(reading, statement, order));
  }
  for (const { inst, garp } of reading.pendingGarp) inst.garp = completeGarp(config, inst, garp);
  // track_script names resolve at parse time: a vrrp_script defined later is not found.
  for (const { track, order: ownerOrder } of reading.pendingTracks) {
    const script = config.scripts.get(track.name);
    if (script) {
      track.script = script;
      track.definedAfter = script.order > ownerOrder;
    }
  }
  for (const group of config.syncGroups) {
    for (const member of group.members) {
      const inst = config.instances.find((i) => i.name === member.value);
      if (inst && !inst.syncGroup) inst.syncGroup = group.name;
    }
  }
  return config;
}

/** A script line (`script`, `notify_*`): its words as keepalived splits them, the user, and the file it runs. */
function scriptCommand(reading: ConfigReading, statement: KaStatement): ScriptCommand | undefined {
  if (statement.args.length === 0) return undefined;
  const parsed = parseScriptLine(statement.line);
  const command: ScriptCommand = { args: parsed.args, location: loc(statement) };
  const first = statement.args[0];
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
function trackScripts(reading: ConfigReading, statement: KaStatement, ownerOrder: number): TrackedScript[] {
  const out: TrackedScript[] = [];
  for (const line of statement.block?.statements ?? []) {
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

function notifyOf(reading: ConfigReading, statement: KaStatement): NotifyScript | undefined {
  const command = scriptCommand(reading, statement);
  return command ? { kind: statement.keyword.value as NotifyScript["kind"], command } : undefined;
}

/** The global_defs settings the model uses: router_id, script security, strict mode and the other global flags. */
function readGlobalDefs(config: KeepalivedConfig, statement: KaStatement, version: string): void {
  for (const setting of statement.block?.statements ?? []) {
    const keywordName = setting.keyword.value;
    if (keywordName === "router_id" && setting.args[0])
      config.routerId = located(setting.args[0].value, setting.args[0]);
    else if (keywordName === "enable_script_security") config.enableScriptSecurity = loc(setting);
    else if (keywordName === "dynamic_interfaces") config.dynamicInterfaces = loc(setting);
    else if (keywordName === "script_user" && setting.args[0])
      config.scriptUser = located(setting.args[0].value, setting.args[0]);
    else if (keywordName === "vrrp_strict" || keywordName === "vrrp_skip_check_adv_addr") {
      // (versions) global_parser.c: before 2.3.0 the handler ignores its argument (even `false` turns it on);
      // from 2.3.0 it reads check_true_false() and refuses anything else, leaving the setting as it was.
      const arg = setting.args[0];
      const boolean = atLeast("keepalived", version, "2.3.0");
      const value = arg && boolean ? keepalivedBoolean(arg.value) : true;
      const flag = { keyword: keywordName, on: value === true, refused: value === undefined };
      (config.globalFlags ??= []).push(arg ? { ...flag, argument: located(arg.value, arg) } : flag);
      if (value === undefined) continue;
      if (keywordName === "vrrp_strict") config.vrrpStrict = value ? loc(setting) : undefined;
      else config.skipCheckAdvAddr = value ? loc(setting) : undefined;
    } else if (keywordName === "vrrp_owner_ignore_adverts" && atLeast("keepalived", version, "2.3.3")) {
      // global_parser.c vrrp_owner_ignore_adverts_handler(): check_true_false(); a word it does not know is reported
      // and leaves the setting as it was
      const value = setting.args[0] ? keepalivedBoolean(setting.args[0].value) : true;
      if (value !== undefined) config.ownerIgnoreAdverts = value;
    } else if (keywordName === "vrrp_version" && setting.args[0])
      config.globalVrrpVersion = located(num(setting.args[0]), setting.args[0]);
    else readGlobalGarp(config, setting);
  }
}

function readVrrpScript(reading: ConfigReading, statement: KaStatement, order: number): VrrpScript {
  const script: VrrpScript = {
    name: statement.args[0].value,
    location: loc(statement),
    nameLocation: wordLoc(statement.args[0]),
    interval: 1,
    weight: 0,
    weightReverse: false,
    rise: 1,
    fall: 1,
    initFail: false,
    order,
  };
  for (const entry of statement.block?.statements ?? []) {
    const keywordName = entry.keyword.value;
    if (keywordName === "script") script.command = scriptCommand(reading, entry);
    else if ((keywordName === "interval" || keywordName === "timeout") && entry.args[0]) {
      // (versions) fractions of a second only from keepalived 2.3.2; before, the value is refused and ignored.
      const seconds = scriptSeconds(entry.args[0].value, reading.version);
      const numeric = num(entry.args[0]);
      if (seconds === undefined && Number.isFinite(numeric)) {
        (script.rejectedTimes ??= []).push({
          keyword: keywordName,
          text: entry.args[0].value,
          location: wordLoc(entry.args[0]),
        });
        continue;
      }
      if (keywordName === "interval") script.interval = seconds ?? numeric;
      else script.timeout = seconds ?? numeric;
    } else if (keywordName === "weight") {
      script.weight = num(entry.args[0]);
      script.weightReverse = entry.args[1]?.value === "reverse";
      script.weightLocation = loc(entry);
    } else if (keywordName === "rise") script.rise = num(entry.args[0]);
    else if (keywordName === "fall") script.fall = num(entry.args[0]);
    else if (keywordName === "user" && entry.args[0]) script.user = entry.args[0].value;
    else if (keywordName === "init_fail") script.initFail = true;
  }
  return script;
}

function readTrackProcess(statement: KaStatement): TrackProcess {
  const trackProcess: TrackProcess = { name: statement.args[0].value, location: loc(statement), weight: 0 };
  for (const entry of statement.block?.statements ?? []) {
    if (entry.keyword.value === "process" && entry.args[0]) trackProcess.process = entry.args[0].value;
    else if (entry.keyword.value === "weight") trackProcess.weight = num(entry.args[0]);
  }
  return trackProcess;
}

function readSyncGroup(reading: ConfigReading, statement: KaStatement, order: number): SyncGroup {
  const group: SyncGroup = {
    name: statement.args[0].value,
    location: loc(statement),
    members: [],
    trackingWeight: false,
    trackScripts: [],
    notify: [],
  };
  for (const entry of statement.block?.statements ?? []) {
    const keywordName = entry.keyword.value;
    if (keywordName === "group") {
      for (const member of entry.block?.statements ?? [])
        for (const word of [member.keyword, ...member.args]) group.members.push(located(word.value, word));
    } else if (keywordName === "sync_group_tracking_weight") group.trackingWeight = true;
    else if (keywordName === "track_script") group.trackScripts = trackScripts(reading, entry, order);
    else if (NOTIFY_KINDS.has(keywordName)) {
      const notifyScript = notifyOf(reading, entry);
      if (notifyScript) group.notify.push(notifyScript);
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
  garp: InstanceGarp;
}

function buildInstance(reading: ConfigReading, statement: KaStatement, order: number): VrrpInstance {
  const { config, version } = reading;
  const inst: VrrpInstance = {
    name: statement.args[0].value,
    location: loc(statement),
    nameLocation: wordLoc(statement.args[0]),
    initialState: "BACKUP",
    masterStates: [],
    basePriority: 100,
    advertInt: 1,
    vips: [],
    vipsExcluded: [],
    unicastPeers: [],
    addressProblems: [],
    ignoredLines: [],
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
    garp: { refresh: 0, lowerPrioRepeat: 0 },
    vmac: { problems: [] },
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
    garp: startGarp(config),
  };
  const vmacContext: VmacContext = {
    version,
    instance: inst.name,
    family: () => instance.family,
    setFamily: (family, location) => {
      instance.family = family;
      inst.familySource = { keyword: "use_ipvlan", location };
    },
    names: reading.vmacNames,
  };
  const vmacLines = { unicastConfigured: false, interface: undefined as string | undefined };
  for (const entry of statement.block?.statements ?? []) {
    readInstanceVmac(inst.vmac, vmacContext, entry, vmacLines.interface !== undefined);
    if (setsUnicastConfigured(entry)) vmacLines.unicastConfigured = true;
    // vrrp_int_handler(): a name of 16 characters or more, and the loopback, leave the instance without interface
    const name = entry.keyword.value === "interface" ? entry.args[0]?.value : undefined;
    if (name !== undefined && name.length < 16) vmacLines.interface = name === "lo" ? undefined : name;
    if (readElectionLine(instance, entry) || readAddressLine(instance, entry) || readTrackLine(instance, entry))
      continue;
    if (readInstanceGarp(instance.garp, entry)) continue;
    if (NOTIFY_KINDS.has(entry.keyword.value)) {
      const notifyScript = notifyOf(reading, entry);
      if (notifyScript) inst.notify.push(notifyScript);
    }
  }
  const close = statement.block?.close ?? loc(statement);
  endInstanceVmac(inst.vmac, vmacContext, { ...vmacLines, hasInterface: vmacLines.interface !== undefined, close });
  if (config.vrrpStrict && !instance.strictSet) inst.strict = config.vrrpStrict;
  reading.pendingGarp.push({ inst, garp: instance.garp });
  inst.basePriority = basePriority(inst);
  // vrrp.c vrrp_complete_instance(): an instance no address keyword gave a family is IPv4; an IPv6 instance runs
  // VRRPv3 unless it sets its version (global vrrp_version applies to IPv4 instances only), and strict mode makes
  // an IPv6 instance VRRPv3 whatever it sets.
  inst.family = instance.family ?? 4;
  const instanceVersion = instance.instanceVersion;
  if (instanceVersion === undefined) inst.vrrpVersion = inst.family === 6 ? 3 : inst.vrrpVersion;
  else inst.vrrpVersion = inst.family === 6 && instanceVersion === 2 && inst.strict ? 3 : instanceVersion;
  const vipBlocks = (statement.block?.statements ?? []).filter((s) => s.keyword.value.startsWith("virtual_ipaddress"));
  completeInstanceVmac(inst.vmac, {
    name: inst.name,
    family: inst.family,
    ...(inst.strict ? { strict: inst.strict } : {}),
    ...(vmacLines.interface !== undefined ? { interface: vmacLines.interface } : {}),
    unicast: inst.unicastPeers.length > 0,
    vips: vipBlocks.flatMap((b) =>
      vipLines(b.block?.statements ?? []).filter(
        (vip) => b.keyword.value === "virtual_ipaddress_excluded" || vip.family === inst.family,
      ),
    ),
  });
  // (versions) 2.3.3 and 2.3.4 vrrp.c vrrp_complete_instance(): an owner (priority 255) with owner_ignore_adverts
  // written in the instance ignores adverts whatever the word, since an explicit `false` is turned on ('strict_mode
  // with priority 255 requires owner_ignore_adverts', strict mode or not); without the line it follows strict mode,
  // then the global vrrp_owner_ignore_adverts.
  if (atLeast("keepalived", version, "2.3.3") && inst.basePriority === 255)
    inst.ownerIgnoresAdverts =
      instance.ownerIgnoresAdverts !== undefined || inst.strict !== undefined || (config.ownerIgnoreAdverts ?? false);
  return inst;
}

function noteDuplicate(instance: InstanceReading, keyword: string, text: string, location: Location): void {
  (instance.inst.duplicateAddresses ??= []).push({ keyword, text, location, kept: !instance.rejectsDuplicates });
}

function addressProblem(
  instance: InstanceReading,
  keyword: AddressProblem["keyword"],
  word: KaWord,
  kind: AddressProblem["kind"],
): AddressProblem {
  const found: AddressProblem = { keyword, text: word.value, location: wordLoc(word), kind };
  instance.inst.addressProblems.push(found);
  return found;
}

/** The first address keyword that keepalived reads sets the instance's family; later ones must match it. */
function sameFamily(
  instance: InstanceReading,
  keyword: AddressProblem["keyword"],
  word: KaWord,
  readFamily: 4 | 6,
): boolean {
  if (instance.family === undefined) {
    instance.family = readFamily;
    instance.inst.familySource = { keyword, location: wordLoc(word) };
    return true;
  }
  if (instance.family === readFamily) return true;
  addressProblem(instance, keyword, word, "family").family = readFamily;
  return false;
}

/** The lines of an instance that set its election: state, priority, preemption, authentication, version... */
function readElectionLine(instance: InstanceReading, entry: KaStatement): boolean {
  const { inst } = instance;
  const keywordName = entry.keyword.value;
  const first = entry.args[0];
  switch (keywordName) {
    case "state":
      if (!first) break;
      // `state BACKUP` after `state MASTER` is ignored; otherwise the last one wins.
      if (first.value === "BACKUP" && instance.sawMaster) break;
      inst.state = located(first.value, first);
      if (first.value === "MASTER") {
        instance.sawMaster = true;
        inst.masterStates.push(wordLoc(first));
        inst.initialState = "MASTER";
      } else inst.initialState = "BACKUP";
      break;
    case "interface":
      if (first) inst.interface = located(first.value, first);
      break;
    case "virtual_router_id":
      if (first) inst.vrid = located(num(first), first);
      break;
    case "priority":
      if (first) inst.priority = located(num(first), first);
      break;
    case "advert_int":
      if (first) {
        inst.advertInt = num(first);
        inst.advertIntLocation = wordLoc(first);
      }
      break;
    case "nopreempt":
      inst.nopreempt = loc(entry);
      break;
    case "preempt":
      inst.nopreempt = undefined;
      break;
    case "preempt_delay":
      if (first) inst.preemptDelay = located(num(first), first);
      break;
    case "authentication":
      inst.authentication ??= {};
      for (const authLine of entry.block?.statements ?? []) {
        if (authLine.keyword.value === "auth_type" && authLine.args[0])
          inst.authentication.type = located(authLine.args[0].value, authLine.args[0]);
        if (authLine.keyword.value === "auth_pass" && authLine.args[0])
          inst.authentication.pass = located(authLine.args[0].value, authLine.args[0]);
      }
      break;
    case "strict_mode": {
      // (versions) vrrp_strict_mode_handler(): check_true_false() (exact words); an invalid value is reported and
      // changes nothing. An explicit strict_mode, on or off, overrides global vrrp_strict (vrrp.c: only an unset
      // strict_mode takes the global value).
      const value = first ? keepalivedBoolean(first.value) : true;
      if (value === undefined) break;
      inst.strict = value ? loc(entry) : undefined;
      instance.strictSet = true;
      break;
    }
    case "owner_ignore_adverts":
      // vrrp_parser.c vrrp_owner_ignore_adverts_handler(): check_true_false(); an unknown word changes nothing
      if (atLeast("keepalived", instance.reading.version, "2.3.3"))
        instance.ownerIgnoresAdverts = (first ? keepalivedBoolean(first.value) : true) ?? instance.ownerIgnoresAdverts;
      break;
    // The last of accept / no_accept wins.
    case "no_accept":
      inst.noAccept = loc(entry);
      inst.accept = undefined;
      break;
    case "accept":
      inst.accept = loc(entry);
      inst.noAccept = undefined;
      break;
    case "version":
    case "vrrp_version": {
      if (!first) break;
      const version = num(first) === 3 ? 3 : 2;
      // vrrp_parser.c vrrp_version_handler() (the instance keyword `version`): a version other than the one set before (by vrrp_version or
      // native_ipv6), or 2 in an IPv6 instance, is reported and ignored.
      if ((num(first) === 2 || num(first) === 3) && keywordName === "version") {
        const set = instance.instanceVersion;
        if ((set !== undefined && set !== version) || (version === 2 && instance.family === 6)) {
          inst.ignoredLines.push({ kind: "version-conflict", location: loc(entry), value: first.value, set });
          break;
        }
      }
      instance.instanceVersion = version;
      inst.vrrpVersionLocation = wordLoc(first);
      break;
    }
    // vrrp_parser.c vrrp_native_ipv6_handler(): IPv6 and VRRPv3, unless the instance is already IPv4.
    case "native_ipv6":
      if (instance.family === 4) {
        inst.ignoredLines.push({ kind: "native-ipv6-on-ipv4", location: loc(entry) });
        break;
      }
      if (instance.family === undefined) {
        instance.family = 6;
        inst.familySource = { keyword: keywordName, location: loc(entry) };
      }
      instance.instanceVersion = 3;
      inst.vrrpVersionLocation = loc(entry);
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
function readAddressLine(instance: InstanceReading, entry: KaStatement): boolean {
  const { inst } = instance;
  const keywordName = entry.keyword.value;
  const first = entry.args[0];
  switch (keywordName) {
    case "virtual_ipaddress":
    case "virtual_ipaddress_excluded":
      readVirtualAddresses(instance, entry, keywordName);
      break;
    // vrrp_parser.c vrrp_srcip_handler(), for both: the source address of adverts, read by inet_stosockaddr().
    // A later line replaces an earlier one; one keepalived cannot read (or of another family) clears it.
    case "unicast_src_ip":
    case "mcast_src_ip": {
      if (!first) break;
      const read = readSocketAddress(first.value);
      if (read.address === undefined) {
        addressProblem(instance, keywordName, first, "malformed");
        inst.unicastSrcIp = undefined;
      } else if (sameFamily(instance, keywordName, first, read.family))
        inst.unicastSrcIp = located(read.address, first);
      else inst.unicastSrcIp = undefined;
      break;
    }
    case "unicast_peer":
      readUnicastPeers(instance, entry);
      break;
    // vrrp_parser.c vrrp_mcast_dstip_handler(): inet_stosockaddr(), the family, then a multicast group
    // (IPv6: link-local scope); anything else is reported and the default group stays.
    case "mcast_dst_ip": {
      if (!first) break;
      const read = readSocketAddress(first.value);
      inst.mcastDstIp = undefined;
      if (read.address === undefined) addressProblem(instance, keywordName, first, "malformed");
      else if (!sameFamily(instance, keywordName, first, read.family)) break;
      else if (!isMulticastGroup(read.address, read.family))
        addressProblem(instance, keywordName, first, "not-multicast");
      else inst.mcastDstIp = located(read.address, first);
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
  entry: KaStatement,
  keywordName: "virtual_ipaddress" | "virtual_ipaddress_excluded",
): void {
  const { inst } = instance;
  const problem = (keyword: AddressProblem["keyword"], word: KaWord, kind: AddressProblem["kind"]): AddressProblem =>
    addressProblem(instance, keyword, word, kind);
  for (const line of entry.block?.statements ?? []) {
    const parsedAddress = virtualAddress(line, keywordName, problem);
    if (!parsedAddress) continue;
    if (
      keywordName === "virtual_ipaddress" &&
      !sameFamily(instance, keywordName, line.keyword, parsedAddress.family as 4 | 6)
    )
      parsedAddress.familyMismatch = true;
    // (versions) vrrp_data.c vip_is_duplicate() at v2.3.3, after the family check: a repeat of an address
    // already in either list is reported and dropped from 2.3.3 on; earlier versions keep both copies.
    if (
      !parsedAddress.familyMismatch &&
      [...inst.vips, ...inst.vipsExcluded].some((o) => sameAddress(o.address, parsedAddress.address))
    ) {
      noteDuplicate(instance, keywordName, parsedAddress.text, parsedAddress.location);
      if (instance.rejectsDuplicates) continue;
    }
    (keywordName === "virtual_ipaddress" ? inst.vips : inst.vipsExcluded).push(parsedAddress);
  }
}

/**
 * vrrp_data.c alloc_vrrp_unicast_peer(): inet_stosockaddr() of the first word; `min_ttl`/`max_ttl` with a valid
 * value also turn on the source check of check_unicast_src.
 */
function readUnicastPeers(instance: InstanceReading, entry: KaStatement): void {
  const { inst } = instance;
  const keywordName = "unicast_peer";
  inst.unicastBlock ??= loc(entry);
  for (const peer of entry.block?.statements ?? []) {
    const read = readSocketAddress(peer.keyword.value);
    if (read.address === undefined) {
      addressProblem(instance, keywordName, peer.keyword, "malformed");
      continue;
    }
    if (!sameFamily(instance, keywordName, peer.keyword, read.family)) continue;
    if (peerChecksSource(peer.args)) inst.checkUnicastSrc = true;
    // (versions) alloc_vrrp_unicast_peer() at v2.3.3 compares the address read (prefix stripped) with the
    // peers already listed, after the TTL options: a repeat is reported and dropped from 2.3.3 on.
    const peerAddress = read.address;
    if (inst.unicastPeers.some((o) => sameAddress(o.address, peerAddress))) {
      noteDuplicate(instance, keywordName, peer.keyword.value, wordLoc(peer.keyword));
      if (instance.rejectsDuplicates) continue;
    }
    inst.unicastPeers.push({ address: read.address, location: wordLoc(peer.keyword) });
  }
}

/** The tracker blocks of an instance: track_script, track_interface, track_file, track_process. */
function readTrackLine(instance: InstanceReading, entry: KaStatement): boolean {
  const { inst } = instance;
  switch (entry.keyword.value) {
    case "track_script":
      inst.trackScripts.push(...trackScripts(instance.reading, entry, instance.order));
      break;
    case "track_interface":
      for (const tracker of entry.block?.statements ?? []) {
        const weightIndex = tracker.args.findIndex((w) => w.value === "weight");
        const written =
          weightIndex >= 0 && tracker.args[weightIndex + 1]
            ? located(num(tracker.args[weightIndex + 1]), tracker.args[weightIndex + 1])
            : undefined;
        inst.trackInterfaces.push({
          name: tracker.keyword.value,
          weight: written ? interfaceWeight(written.value) : 0,
          ...(written ? { writtenWeight: written } : {}),
          reverse: tracker.args.some((w) => w.value === "reverse"),
          location: loc(tracker),
        });
      }
      break;
    case "track_file":
      for (const tracker of entry.block?.statements ?? []) {
        const weightIndex = tracker.args.findIndex((w) => w.value === "weight");
        inst.trackFiles.push({
          name: tracker.keyword.value,
          weight: weightIndex >= 0 ? num(tracker.args[weightIndex + 1]) : undefined,
          reverse: tracker.args.some((w) => w.value === "reverse"),
          location: loc(tracker),
        });
      }
      break;
    case "track_process":
      for (const tracker of entry.block?.statements ?? []) {
        const weightIndex = tracker.args.findIndex((w) => w.value === "weight");
        inst.trackProcesses.push({
          name: tracker.keyword.value,
          weight: weightIndex >= 0 ? num(tracker.args[weightIndex + 1]) : undefined,
          location: loc(tracker),
        });
      }
      break;
    default:
      return false;
  }
  return true;
}

/** alloc_track_if(): ±254 becomes ±253; a weight outside -254..254 (or not an integer) is reported and set to 0. */
export function interfaceWeight(word: number): number {
  if (!Number.isInteger(word) || word < -254 || word > 254) return 0;
  return word === 254 ? 253 : word === -254 ? -253 : word;
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
  const priority = inst.priority.value;
  return Number.isInteger(priority) && priority >= 1 && priority <= 255 ? priority : 100;
}

/**
 * One entry of a virtual address list, read by parse_ipaddress() with a prefix: undefined when keepalived skips it
 * ('VRRP parsed invalid IP'); a bad prefix is reported and the address kept (with the prefix the daemon uses).
 */
function virtualAddress(
  line: KaStatement,
  keyword: "virtual_ipaddress" | "virtual_ipaddress_excluded",
  problem: (keyword: AddressProblem["keyword"], word: KaWord, kind: AddressProblem["kind"]) => AddressProblem,
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
  const parsedAddress: VirtualAddress = {
    text,
    address: read.address,
    family: read.family,
    noTrack: line.args.some((w) => w.value === "no_track"),
    location: { file: line.file, range: line.keyword.range },
  };
  if (read.prefixText !== undefined) parsedAddress.prefix = read.prefix.running;
  if (devIndex >= 0 && line.args[devIndex + 1]) parsedAddress.dev = line.args[devIndex + 1].value;
  return parsedAddress;
}
