/** The waits of the lab, from keepalived's own reading of every node (its dump), never from the model. */
import type { KeepalivedDump } from "./keepalived-dump.js";

/**
 * Timings that bound each wait (SEMANTICS 1.4): a backup takes over at most 3*advert_int + skew (skew < 1 s) after
 * the last advert it accepted; a script changes state after fall (rise) results, one per interval.
 */
export interface Timing {
  /** The longest advert interval keepalived reads (s). */
  advert: number;
  masterDown: number;
  preempt: number;
  /** Longest time a script needs to change state (fall or rise results, plus one interval of phase, plus timeout). */
  scriptDetect: number;
  /** How long agreeing holders must stay unchanged before a changed outcome is taken as final. */
  stable: number;
}

/** Timings from what keepalived read (advert intervals, preempt delays, the tracked scripts' timings). */
export function timingOf(dumps: readonly KeepalivedDump[]): Timing {
  let advert = 1;
  let preempt = 0;
  let scriptDetect = 0;
  for (const d of dumps) {
    for (const inst of d.instances) {
      if (inst.advertInt !== undefined && inst.advertInt > advert) advert = inst.advertInt;
      if (inst.preemptDelay !== undefined && inst.preemptDelay > preempt) preempt = Math.min(inst.preemptDelay, 1000);
    }
    for (const s of d.scripts) {
      const interval = s.interval !== undefined && s.interval > 0 ? s.interval : 1;
      const rf = Math.max(s.fall ?? 1, s.rise ?? 1, 1);
      scriptDetect = Math.max(scriptDetect, interval * (rf + 1) + (s.timeout ?? 0));
    }
  }
  return { advert, masterDown: 3 * advert + 1, preempt, scriptDetect, stable: 1.5 * advert + 0.5 };
}
