import type { Location } from "../syntax/source.js";
import type { KaStatement, KaWord } from "../syntax/keepalived/tree.js";
import type { GarpSettings, KeepalivedConfig, Located, VrrpInstance } from "./types.js";

/*
 * The gratuitous ARPs a MASTER sends besides those of its own transition, as keepalived 2.2.7 – 2.3.4 sets them:
 *
 * - garp_master_refresh (vrrp_parser.c and global_parser.c vrrp_garp_refresh_handler()): seconds between periodic
 *   GARPs while MASTER, 0 (VRRP_GARP_REFRESH, the default) for none; a value read_unsigned_strvec() refuses sets 0.
 *   vrrp_data.c alloc_vrrp() copies the global vrrp_garp_master_refresh into the instance when its block starts,
 *   so only a global_defs written before the instance applies to it.
 * - garp_lower_prio_repeat (vrrp_garp_lower_prio_rep_handler()): the GARPs a MASTER sends when an advert of lower
 *   priority arrives (vrrp.c vrrp_state_master_rx()). vrrp_complete_instance(): unset means 0 in strict mode, else
 *   the global vrrp_garp_lower_prio_repeat, which vrrp_complete_init() defaults to vrrp_garp_master_repeat (5; 1
 *   with vrrp_min_garp; a 0 there is raised to 1). In strict mode an explicit non-zero value is reset to 0 ("Strict
 *   mode requires no repeat garps"). A refused value leaves the setting as it was.
 */

const UNSIGNED = /^\d+$/;
const DEFAULT_MASTER_REPEAT = 5;
const GLOBAL_KEYWORDS = new Set([
  "vrrp_garp_master_refresh",
  "vrrp_garp_master_repeat",
  "vrrp_min_garp",
  "vrrp_garp_lower_prio_repeat",
]);

const wordAt = (word: KaWord): Location => ({ file: word.file, range: word.range });
const unsigned = (word: KaWord | undefined): number | undefined =>
  word && UNSIGNED.test(word.value) ? Number(word.value) : undefined;

/** Reads a global_defs line about GARPs into `config.garp`; false for any other line. */
export function readGlobalGarp(config: KeepalivedConfig, setting: KaStatement): boolean {
  if (!GLOBAL_KEYWORDS.has(setting.keyword.value)) return false;
  const garp = (config.garp ??= { refresh: 0, masterRepeat: DEFAULT_MASTER_REPEAT });
  const word = setting.args[0];
  const value = unsigned(word);
  switch (setting.keyword.value) {
    case "vrrp_garp_master_refresh":
      garp.refresh = value ?? 0;
      return true;
    case "vrrp_garp_master_repeat":
      if (value !== undefined) garp.masterRepeat = Math.max(value, 1);
      return true;
    case "vrrp_min_garp":
      // global_parser.c vrrp_min_garp_handler(): without an argument or with a true one, 1 GARP unless set.
      if ((!word || ["true", "on", "yes"].includes(word.value)) && garp.masterRepeat === DEFAULT_MASTER_REPEAT)
        garp.masterRepeat = 1;
      return true;
    case "vrrp_garp_lower_prio_repeat":
      if (word && value !== undefined) garp.lowerPrioRepeat = { value, location: wordAt(word) };
      return true;
    default:
      return false;
  }
}

/** What an instance's own lines set, before vrrp_complete_instance() gives the defaults. */
export interface InstanceGarp {
  refresh: number;
  refreshLocation?: Location;
  lowerPrioRepeat?: Located<number>;
  virtualMac?: Location;
}

/** The settings an instance starts with: the global refresh read before its block. */
export function startGarp(config: KeepalivedConfig): InstanceGarp {
  return { refresh: config.garp?.refresh ?? 0 };
}

/** Reads an instance line about GARPs or a virtual MAC; false for any other line. */
export function readInstanceGarp(garp: InstanceGarp, entry: KaStatement): boolean {
  const word = entry.args[0];
  const value = unsigned(word);
  switch (entry.keyword.value) {
    case "garp_master_refresh":
      garp.refresh = value ?? 0;
      garp.refreshLocation = { file: entry.file, range: entry.range };
      return true;
    case "garp_lower_prio_repeat":
      if (word && value !== undefined) garp.lowerPrioRepeat = { value, location: wordAt(word) };
      return true;
    case "use_vmac":
    case "use_ipvlan":
      garp.virtualMac = { file: entry.file, range: entry.range };
      return true;
    default:
      return false;
  }
}

/** vrrp_complete_instance(): the instance's GARP settings once the whole file is read. */
export function completeGarp(config: KeepalivedConfig, inst: VrrpInstance, read: InstanceGarp): GarpSettings {
  const settings: GarpSettings = { refresh: read.refresh, lowerPrioRepeat: 0 };
  if (read.refreshLocation) settings.refreshLocation = read.refreshLocation;
  if (read.virtualMac) settings.virtualMac = read.virtualMac;
  if (inst.strict) {
    settings.lowerPrioOff = { keyword: "strict", location: inst.strict };
    return settings;
  }
  const chosen = read.lowerPrioRepeat ?? config.garp?.lowerPrioRepeat;
  settings.lowerPrioRepeat = chosen ? chosen.value : (config.garp?.masterRepeat ?? DEFAULT_MASTER_REPEAT);
  if (chosen?.value === 0) {
    const keyword = read.lowerPrioRepeat ? "garp_lower_prio_repeat" : "vrrp_garp_lower_prio_repeat";
    settings.lowerPrioOff = { keyword, location: chosen.location };
  }
  return settings;
}
