/**
 * The trackers keepalived keeps for one instance on one node, with their weights, after the start-up rules that drop
 * or neutralise them (SEMANTICS.md 1.2-1.3): unresolved or late scripts, script security without a user, owners
 * (priority 255) and sync-group members without sync_group_tracking_weight.
 */
import type { KeepalivedConfig, Node, SyncGroup, TrackedScript, VrrpInstance, VrrpScript } from "../model/types.js";
import type { Location } from "../syntax/source.js";
import { atLeast, DEFAULT_VERSIONS } from "../schema/versions.js";
import { stopsHaproxyWhenNotMaster } from "./notify-effects.js";
import { shellText } from "./script-text.js";

export type TrackerKind = "script" | "interface" | "process" | "file";

export interface Tracker {
  kind: TrackerKind;
  name: string;
  weight: number;
  reverse: boolean;
  /** The tracker watches HAProxy (its script, command or process mentions haproxy). */
  watchesHaproxy: boolean;
  location: Location;
  script?: VrrpScript;
}

export interface DroppedTracker {
  kind: TrackerKind;
  name: string;
  location: Location;
  /** Why keepalived does not use it. */
  reason: string;
  /** Rule that explains it. */
  rule: string;
  watchesHaproxy: boolean;
}

export interface InstanceTrackers {
  /** Trackers that change the priority or cause FAULT. */
  active: Tracker[];
  dropped: DroppedTracker[];
  /** Interfaces whose loss puts the instance in FAULT. */
  faultInterfaces: string[];
  /** nopreempt as keepalived keeps it (cleared with state MASTER or priority 255). */
  nopreempt: boolean;
  /** Initial state after strict-mode resets. */
  initialState: "MASTER" | "BACKUP";
  /**
   * Why the instance is in FAULT whatever happens (its unicast source address is not the node's, no peers with
   * unicast_fault_no_peer).
   */
  alwaysFault?: string;
  /** notify_backup / notify_fault stop HAProxy: away from MASTER its HAProxy checks fail. */
  stopsHaproxyWhenNotMaster: boolean;
  /** (versions) Why keepalived's VRRP process on this node does not run at all (it then holds nothing, like DOWN). */
  vrrpStopped?: string;
}

/**
 * (versions) keepalived 2.4.0 and later refuse strict mode with unicast peers in vrrp_complete_instance() ('Unicast
 * peers are not supported in strict mode', the check moved after the unicast flag is set, commit 29a89e4f) and
 * return false; vrrp_complete_init() then fails and vrrp_daemon.c stops the VRRP process: every instance of the
 * node, not only this one. Earlier versions run the check before the flag is set, so it never fires. keepalived
 * applies it only when the instance's interface exists and can multicast, which is the case on the node itself.
 */
export function vrrpStoppedReason(node: Node): string | undefined {
  const ka = node.keepalived;
  if (!ka || !atLeast("keepalived", node.keepalivedVersion ?? DEFAULT_VERSIONS.keepalived, "2.4.0")) return undefined;
  const bad = ka.instances.find((i) => i.strict !== undefined && i.unicastPeers.length > 0);
  return bad
    ? `keepalived ${node.keepalivedVersion} refuses strict mode with unicast peers in ${bad.name} and stops its ` +
        `whole VRRP process`
    : undefined;
}

const HAPROXY = /haproxy/i;

export function scriptWatchesHaproxy(script: VrrpScript | undefined, name: string): boolean {
  if (HAPROXY.test(name)) return true;
  if (!script?.command) return false;
  return script.command.args.some((a) => HAPROXY.test(a)) || HAPROXY.test(shellText(script.command.fileText ?? ""));
}

/** A weight override on a track_script line: ±254 becomes ±253, anything further out is ignored. */
function overrideWeight(w: number | undefined): number | undefined {
  if (w === undefined || !Number.isFinite(w)) return undefined;
  if (w === 254) return 253;
  if (w === -254) return -253;
  if (w > 254 || w < -254) return undefined;
  return w;
}

/** A vrrp_script's own weight: keepalived reports an out-of-range value but keeps it (read_int_func stores it). */
function scriptWeight(w: number): number {
  return Number.isFinite(w) ? Math.trunc(w) : 0;
}

/** Whether keepalived removes every vrrp_script of this config (script security on, no user to run them as). */
export function scriptsRemovedBySecurity(ka: KeepalivedConfig, script: VrrpScript): boolean {
  return (
    ka.enableScriptSecurity !== undefined &&
    ka.scriptUser === undefined &&
    script.user === undefined &&
    script.command?.user === undefined
  );
}

/** Directories that are symbolic links into /usr on a merged-/usr system (Debian 12+, Ubuntu, RHEL 9, Fedora). */
const MERGED_USR_LINKS = /^\/(bin|sbin|lib|lib64)\//;

/** The user a vrrp_script runs as: its own `user`, the command's, then script_user, then keepalived's default. */
export function scriptRunAs(ka: KeepalivedConfig, script: VrrpScript): string {
  return (
    script.user ??
    script.command?.user ??
    ka.scriptUser?.value ??
    (ka.enableScriptSecurity ? "keepalived_script" : "root")
  );
}

/**
 * (versions) keepalived 2.3.0 and later disable a root-run script whose path, as written, goes through a symbolic
 * link to a directory: lib/notify.c check_script_secure() keeps the written path (use_symlink_paths, commit
 * ebf37b95; 2.2 replaced it with realpath() first) and check_security() walks it with AT_SYMLINK_NOFOLLOW, where a
 * link that is not the last part is 'Wrong file type found in script path' -> SC_INHIBIT -> 'Disabling track script
 * X due to insecure'. On merged-/usr systems /bin, /sbin and /lib are such links (keepalived -t 2.3.3 and 2.3.4 in
 * Debian roots: `/bin/sh -c ...` and `/sbin/ip` disabled, `/usr/bin/...` and bare `pidof` kept).
 */
export function disabledBySymlinkPath(node: Node, ka: KeepalivedConfig, script: VrrpScript): boolean {
  if (!atLeast("keepalived", node.keepalivedVersion ?? DEFAULT_VERSIONS.keepalived, "2.3.0")) return false;
  const program = script.command?.args[0];
  if (!program || !MERGED_USR_LINKS.test(program)) return false;
  const user = scriptRunAs(ka, script);
  return user === "root" || user === "0";
}

/** What decides which trackers of an instance keepalived keeps. */
interface TrackerScope {
  node: Node;
  ka: KeepalivedConfig;
  inst: VrrpInstance;
  /** An address owner (priority 255): weights never apply to it. */
  owner: boolean;
  group: SyncGroup | undefined;
}

/** Whether the instance's sync group removes weighted trackers (no sync_group_tracking_weight). */
function groupDropsWeights(scope: TrackerScope): boolean {
  return scope.group !== undefined && !scope.group.trackingWeight;
}

/** The instance's track_script entries (and its sync group's): those keepalived runs and those it drops, and why. */
function scriptTrackers(scope: TrackerScope, active: Tracker[], dropped: DroppedTracker[]): void {
  const { node, ka, inst, owner, group } = scope;
  const weightsDropped = group !== undefined && !group.trackingWeight;
  const tracks: TrackedScript[] = [...inst.trackScripts, ...(group?.trackScripts ?? [])];
  for (const t of tracks) {
    const watches = scriptWatchesHaproxy(t.script, t.name);
    const drop = (reason: string, rule: string): void => {
      dropped.push({ kind: "script", name: t.name, location: t.location, reason, rule, watchesHaproxy: watches });
    };
    if (!t.script) {
      drop(`vrrp_script '${t.name}' is not defined`, "KA001");
      continue;
    }
    if (t.definedAfter) {
      drop(
        `vrrp_script '${t.name}' is defined after the instance that tracks it, so keepalived does not find it`,
        "KA001",
      );
      continue;
    }
    if (!t.script.command || t.script.command.args.length === 0) {
      drop(`vrrp_script '${t.name}' has no script command`, "KA001");
      continue;
    }
    if (scriptsRemovedBySecurity(ka, t.script)) {
      drop("enable_script_security is set with no script_user: keepalived removes every vrrp_script", "KA003");
      continue;
    }
    if (disabledBySymlinkPath(node, ka, t.script)) {
      drop(
        `keepalived ${node.keepalivedVersion} disables vrrp_script '${t.name}': its path ` +
          `${t.script.command.args[0]} goes through a symbolic link (${t.script.command.args[0].split("/")[1]} -> ` +
          `usr/${t.script.command.args[0].split("/")[1]})`,
        "KA073",
      );
      continue;
    }
    const weight = overrideWeight(t.weightOverride) ?? scriptWeight(t.script.weight);
    const reverse = t.reverseOverride ?? t.script.weightReverse;
    if (weight !== 0 && owner) {
      drop("the instance is an address owner (priority 255): weights never apply", "KA009");
      continue;
    }
    if (weight !== 0 && weightsDropped) {
      drop(
        `the instance is in sync group '${group.name}' without sync_group_tracking_weight: keepalived removes ` +
          `weighted scripts`,
        "KA010",
      );
      continue;
    }
    active.push({
      kind: "script",
      name: t.name,
      weight,
      reverse,
      watchesHaproxy: watches,
      location: t.location,
      script: t.script,
    });
  }
}

/** The instance's track_process entries: a process tracker whose vrrp_track_process is missing is dropped. */
function processTrackers(scope: TrackerScope, active: Tracker[], dropped: DroppedTracker[]): void {
  const { ka, inst } = scope;
  for (const p of inst.trackProcesses) {
    const proc = ka.trackProcesses.get(p.name);
    const watches = HAPROXY.test(p.name) || HAPROXY.test(proc?.process ?? "");
    if (!proc) {
      dropped.push({
        kind: "process",
        name: p.name,
        location: p.location,
        reason: `vrrp_track_process '${p.name}' is not defined`,
        rule: "KA001",
        watchesHaproxy: watches,
      });
      continue;
    }
    // vrrp_complete_instance() leaves process trackers alone (an owner's priority stays 255 whatever they weigh).
    const weight = overrideWeight(p.weight) ?? scriptWeight(proc.weight);
    active.push({
      kind: "process",
      name: p.name,
      weight,
      reverse: false,
      watchesHaproxy: watches,
      location: p.location,
    });
  }
}

/**
 * The interfaces whose loss puts the instance in FAULT (its own, VIP devices, weight-0 track_interface entries), and
 * the weighted track_interface entries it keeps as trackers.
 */
function interfaceTrackers(scope: TrackerScope, active: Tracker[]): Set<string> {
  const { inst, owner } = scope;
  const own = inst.interface?.value;
  const faultInterfaces = new Set<string>();
  if (own && !inst.dontTrackPrimary) faultInterfaces.add(own);
  for (const v of inst.vips) if (v.dev && !v.noTrack) faultInterfaces.add(v.dev);
  for (const ti of inst.trackInterfaces) {
    if (ti.name === own) continue; // keepalived ignores its own interface here, weight included
    let weight = ti.weight;
    // An owner drops weighted interfaces altogether; a sync group member turns them into FAULT triggers (weight 0).
    if (weight !== 0 && owner) continue;
    if (weight !== 0 && groupDropsWeights(scope)) weight = 0;
    if (weight === 0) faultInterfaces.add(ti.name);
    else
      active.push({
        kind: "interface",
        name: ti.name,
        weight,
        reverse: ti.reverse,
        watchesHaproxy: false,
        location: ti.location,
      });
  }
  return faultInterfaces;
}

/** Why the instance is in FAULT whatever happens, if it is. */
function alwaysFaultReason(node: Node, inst: VrrpInstance): string | undefined {
  // (versions) Before 2.3.3 the unicast socket cannot bind an address the node lacks and the instance goes to FAULT
  // ('src address not configured', vrrp.c open_sockpool_socket()); 2.3.3 sets IP_FREEBIND on it (commit b48f005a),
  // the bind succeeds and the instance runs, sending from the copied address.
  const freebind = atLeast("keepalived", node.keepalivedVersion ?? DEFAULT_VERSIONS.keepalived, "2.3.3");
  if (inst.unicastSrcConflict && !freebind)
    return `unicast_src_ip is not an address of ${node.name}: ${inst.unicastSrcConflict}`;
  if (inst.unicastFaultNoPeer && inst.unicastPeers.length === 0) return "unicast_fault_no_peer with no unicast peers";
  return undefined;
}

export function instanceTrackers(node: Node, inst: VrrpInstance): InstanceTrackers {
  const ka = node.keepalived;
  if (!ka) throw new Error(`${node.name} has no keepalived configuration, so no VRRP instance to track`);
  const group = inst.syncGroup ? ka.syncGroups.find((g) => g.name === inst.syncGroup) : undefined;
  const scope: TrackerScope = { node, ka, inst, owner: inst.basePriority === 255, group };
  const active: Tracker[] = [];
  const dropped: DroppedTracker[] = [];
  scriptTrackers(scope, active, dropped);
  processTrackers(scope, active, dropped);
  const faultInterfaces = interfaceTrackers(scope, active);
  const strict = inst.strict !== undefined;
  const initialState =
    strict && inst.initialState === "MASTER" && inst.basePriority !== 255 ? "BACKUP" : inst.initialState;
  const nopreempt = inst.nopreempt !== undefined && inst.initialState !== "MASTER" && inst.basePriority !== 255;
  const out: InstanceTrackers = {
    active,
    dropped,
    faultInterfaces: [...faultInterfaces],
    nopreempt,
    initialState,
    stopsHaproxyWhenNotMaster: stopsHaproxyWhenNotMaster([...inst.notify, ...(group?.notify ?? [])]),
  };
  const stopped = vrrpStoppedReason(node);
  if (stopped) out.vrrpStopped = stopped;
  const alwaysFault = alwaysFaultReason(node, inst);
  if (alwaysFault) out.alwaysFault = alwaysFault;
  return out;
}
