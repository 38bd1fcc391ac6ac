/**
 * keepalived's own account of what it read: the configuration dump its VRRP process writes to the log when it runs
 * with `-d` (`--dump-conf`; vrrp_daemon.c start_vrrp() calls dump_data_vrrp() after vrrp_complete_init(), before the
 * first advert). The same layout at v2.2.7 and v2.3.4 (vrrp_data.c dump_vrrp(), dump_vscript(); vrrp_ipaddress.c
 * format_ipaddress(); vrrp_track.c dump_track_script()): sections `------< NAME >------`, items one space in,
 * fields three spaces in, list entries five spaces in, each line after the log's time stamp.
 */

export interface DumpedVip {
  /** `192.0.2.10` */
  address: string;
  prefix: number;
  dev?: string;
}

export interface DumpedInstance {
  name: string;
  version?: number;
  interface?: string;
  /** The address adverts are sent from; undefined for `(none)`. */
  source?: string;
  /** The source came from unicast_src_ip / mcast_src_ip, not from the interface. */
  sourceFromConfig: boolean;
  unicast: boolean;
  /** "Unicast config option specified but using multicast" */
  unicastIgnored: boolean;
  wantState?: string;
  vrid?: number;
  priority?: number;
  /** Seconds (VRRPv2 prints seconds, VRRPv3 milliseconds). */
  advertInt?: number;
  preempt?: boolean;
  preemptDelay?: number;
  strict: boolean;
  authType?: string;
  /** The advert password as keepalived keeps it (never printed by the lab). */
  password?: string;
  vips: DumpedVip[];
  excludedVips: DumpedVip[];
  peers: string[];
  trackedScripts: { name: string; weight: number; reverse: boolean }[];
  trackedInterfaces: { name: string; weight: number; reverse: boolean }[];
  syncGroup?: string;
  /** `Gratuitous ARP refresh`: seconds between periodic GARPs while MASTER (0: none). */
  garpRefresh?: number;
  /** `Gratuitous ARP lower priority repeat`: GARPs sent when a lower-priority advert arrives. */
  garpLowerPrioRepeat?: number;
}

export interface DumpedScript {
  name: string;
  command?: string;
  /** Seconds (2.3 prints milliseconds as `0.500 sec`). */
  interval?: number;
  timeout?: number;
  weight?: number;
  reverse: boolean;
  rise?: number;
  fall?: number;
  insecure?: boolean;
}

export interface KeepalivedDump {
  strict?: boolean;
  instances: DumpedInstance[];
  scripts: DumpedScript[];
  /** The Interfaces section was reached (the dump is written in one go, that is its last section). */
  complete: boolean;
}

const STAMP = /^(?:[A-Z][a-z]{2} [A-Z][a-z]{2} [ \d]\d \d\d:\d\d:\d\d \d{4}: )?/;
const SECTION = /^------< (.+) >------$/;

/** The lines of a log with their time stamps removed. */
export function logLines(log: string): string[] {
  return log.split("\n").map((l) => l.replace(STAMP, ""));
}

/** Offset (in lines) of the last dump that starts in `lines`, or -1. */
function lastDumpStart(lines: readonly string[]): number {
  for (let i = lines.length - 1; i >= 0; i--) if (lines[i] === "------< Global definitions >------") return i;
  return -1;
}

const num = (s: string | undefined): number | undefined => {
  if (s === undefined) return undefined;
  const n = Number(s);
  return Number.isFinite(n) ? n : undefined;
};

function vip(text: string): DumpedVip | undefined {
  const m = /^(\d+\.\d+\.\d+\.\d+)(?:\/(\d+))?(?:\s|$)/.exec(text);
  if (!m) return undefined;
  const dev = /\bdev (\S+)/.exec(text)?.[1];
  return { address: m[1], prefix: m[2] ? Number(m[2]) : 32, ...(dev ? { dev } : {}) };
}

function seconds(value: string): number | undefined {
  const m = /^([\d.]+) (sec|milli-sec)/.exec(value);
  if (!m) return undefined;
  return m[2] === "sec" ? Number(m[1]) : Number(m[1]) / 1000;
}

/** The last configuration dump in a keepalived log, or undefined when none has started. */
export function parseDump(log: string): KeepalivedDump | undefined {
  const all = logLines(log);
  const start = lastDumpStart(all);
  if (start < 0) return undefined;
  const dump: KeepalivedDump = { instances: [], scripts: [], complete: false };
  let section = "";
  let instance: DumpedInstance | undefined;
  let script: DumpedScript | undefined;
  let list = "";
  for (const line of all.slice(start)) {
    const s = SECTION.exec(line);
    if (s) {
      section = s[1];
      instance = undefined;
      script = undefined;
      list = "";
      if (section === "Interfaces") dump.complete = true;
      continue;
    }
    const indent = line.length - line.replace(/^ +/, "").length;
    const text = line.trim();
    if (section === "Global definitions") {
      const m = /^VRRP strict mode = (true|false)$/.exec(text);
      if (m) dump.strict = m[1] === "true";
    } else if (section === "VRRP Topology") {
      if (indent === 1) {
        const m = /^VRRP Instance = (.+)$/.exec(text);
        instance = m
          ? {
              name: m[1],
              sourceFromConfig: false,
              unicast: false,
              unicastIgnored: false,
              strict: false,
              vips: [],
              excludedVips: [],
              peers: [],
              trackedScripts: [],
              trackedInterfaces: [],
            }
          : undefined;
        if (instance) dump.instances.push(instance);
        list = "";
      } else if (instance && indent === 3) {
        list = "";
        readInstanceField(instance, text, (name) => (list = name));
      } else if (instance && indent === 5) readInstanceEntry(instance, list, text);
    } else if (section === "VRRP Scripts") {
      if (indent === 1) {
        const m = /^VRRP Script = (.+)$/.exec(text);
        script = m ? { name: m[1], reverse: false } : undefined;
        if (script) dump.scripts.push(script);
      } else if (script && indent === 3) readScriptField(script, text);
    }
  }
  return dump;
}

function readInstanceField(inst: DumpedInstance, text: string, startList: (name: string) => void): void {
  const field = /^([^=]+?) = (.*)$/.exec(text);
  const key = field?.[1];
  const value = field?.[2] ?? "";
  if (text === "Flags:") startList("flags");
  else if (/^Virtual IP \(\d+\):$/.test(text)) startList("vips");
  else if (text === "Virtual IP Excluded :") startList("excluded");
  else if (text === "Unicast Peer :") startList("peers");
  else if (text === "Tracked scripts :") startList("scripts");
  else if (text === "Tracked interfaces :") startList("interfaces");
  else if (text === "Enforcing strict VRRP compliance") inst.strict = true;
  else if (key === "VRRP Version") inst.version = num(value);
  else if (key === "Sync group") inst.syncGroup = value;
  else if (key === "Wantstate") inst.wantState = value;
  else if (key === "Interface") inst.interface = value.split(",")[0];
  else if (key === "Using src_ip") {
    const m = /^(\S+)( \(from configuration\))?$/.exec(value);
    if (m && m[1] !== "(none)") inst.source = m[1];
    inst.sourceFromConfig = m?.[2] !== undefined;
  } else if (key === "Virtual Router ID") inst.vrid = num(value);
  else if (key === "Priority") inst.priority = num(value);
  else if (key === "Advert interval") inst.advertInt = seconds(value);
  else if (key === "Preempt") inst.preempt = value === "enabled";
  else if (key === "Preempt delay") inst.preemptDelay = num(value.replace(/ secs$/, ""));
  else if (key === "Authentication type") inst.authType = value;
  else if (key === "Password") inst.password = value;
  else if (key === "Gratuitous ARP refresh") inst.garpRefresh = num(value);
  else if (key === "Gratuitous ARP lower priority repeat") inst.garpLowerPrioRepeat = num(value);
}

function readInstanceEntry(inst: DumpedInstance, list: string, text: string): void {
  if (list === "flags") {
    if (text.startsWith("Using unicast")) inst.unicast = true;
    if (text === "Unicast config option specified but using multicast") inst.unicastIgnored = true;
  } else if (list === "vips" || list === "excluded") {
    const v = vip(text);
    if (v) (list === "vips" ? inst.vips : inst.excludedVips).push(v);
  } else if (list === "peers") {
    const m = /^(\S+) min_ttl/.exec(text) ?? /^(\S+)$/.exec(text);
    if (m) inst.peers.push(m[1]);
  } else if (list === "scripts" || list === "interfaces") {
    const m = /^(\S+) weight (-?\d+)( reverse)?$/.exec(text);
    if (m)
      (list === "scripts" ? inst.trackedScripts : inst.trackedInterfaces).push({
        name: m[1],
        weight: Number(m[2]),
        reverse: m[3] !== undefined,
      });
  }
}

function readScriptField(script: DumpedScript, text: string): void {
  const field = /^([^=]+?) = (.*)$/.exec(text);
  if (!field) return;
  const [, key, value] = field;
  if (key === "Command") script.command = value;
  else if (key === "Interval") script.interval = seconds(value);
  else if (key === "Timeout") script.timeout = seconds(value);
  else if (key === "Weight") {
    script.weight = num(value.split(" ")[0]);
    script.reverse = value.endsWith(" reverse");
  } else if (key === "Rise") script.rise = num(value);
  else if (key === "Fall") script.fall = num(value);
  else if (key === "Insecure") script.insecure = value === "yes";
}

/** A log with the advert passwords of its dumps masked (the lab's reports never print them). */
export function maskDumpSecrets(log: string): string {
  return log.replace(/^(.*\s{3}Password = ).*$/gm, "$1********");
}
