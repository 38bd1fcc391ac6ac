/**
 * VRRP election as keepalived runs it (vrrp.c `vrrp_state_backup()`, `vrrp_state_master_rx()`, SEMANTICS.md 1.4):
 *  - a BACKUP stays backup while it accepts adverts from a master whose priority is at least its own, or while it
 *    has nopreempt; otherwise its master-down timer expires and it becomes MASTER (highest priority first);
 *  - a MASTER yields to an accepted advert of higher priority, or of equal priority from a higher address;
 *  - equal priority never preempts from BACKUP.
 * Adverts a node drops (mismatches, unicast peer lists) count as none: that is how split-brain arises.
 */
import { compareAddresses } from "../model/ip-address.js";
import { sourceAddress, type Member } from "./hearing.js";

/** Effective priority, or why the node takes no part. */
export type Standing = number | "FAULT" | "DOWN";

export interface ElectionInput {
  members: readonly Member[];
  standing: ReadonlyMap<Member, Standing>;
  nopreempt: ReadonlyMap<Member, boolean>;
  /** Nodes that are MASTER when the scenario starts (the incumbent); undefined at start-up. */
  incumbents?: ReadonlySet<Member>;
  /** Initial state at start-up (state MASTER starts advertising at once). */
  initialMaster: ReadonlyMap<Member, boolean>;
  /** Whether `to` accepts adverts from `from`. */
  hears(from: Member, to: Member): boolean;
}

export interface ElectionResult {
  masters: Member[];
  /** The outcome depended on timing (equal priorities with no address to break the tie, or a start-up race). */
  race: boolean;
}

export function elect(input: ElectionInput): ElectionResult {
  const live = input.members.filter((m) => typeof input.standing.get(m) === "number");
  const prio = (m: Member): number => input.standing.get(m) as number;
  let race = false;
  const masters = new Set<Member>();
  if (input.incumbents) {
    for (const m of input.incumbents) if (live.includes(m)) masters.add(m);
  } else {
    for (const m of live) if (input.initialMaster.get(m)) masters.add(m);
  }

  /** x beats y when both are MASTER and hear each other. */
  const beats = (x: Member, y: Member): boolean => {
    if (prio(x) !== prio(y)) return prio(x) > prio(y);
    const ax = sourceAddress(x);
    const ay = sourceAddress(y);
    const c = ax !== undefined && ay !== undefined ? compareAddresses(ax, ay) : undefined;
    if (c === undefined) {
      race = true;
      return x.node.name > y.node.name;
    }
    return c > 0;
  };

  for (let round = 0; round < 4 * input.members.length + 8; round++) {
    let changed = false;
    // Masters that accept adverts from a better master yield.
    for (const m of [...masters]) {
      if ([...masters].some((o) => o !== m && input.hears(o, m) && beats(o, m))) {
        masters.delete(m);
        changed = true;
      }
    }
    // Backups that no master holds down take over, the highest priority first (shortest master-down timer).
    const unheld = live.filter(
      (b) =>
        !masters.has(b) &&
        ![...masters].some((m) => input.hears(m, b) && (input.nopreempt.get(b) || prio(m) >= prio(b))),
    );
    if (unheld.length > 0) {
      unheld.sort((a, b) => prio(b) - prio(a));
      const top = unheld.filter((u) => prio(u) === prio(unheld[0]));
      if (top.length > 1) {
        // Timers expire together: both become MASTER and settle by address if they hear each other.
        for (const t of top) masters.add(t);
        // At start-up this is a race: who is MASTER first depends on timing. After a failure too, when the tied
        // backups hear each other: their master-down timers (same priority, same skew) expire within microseconds,
        // and the first one's advert holds the other in BACKUP (equal priority never preempts), so the lower address
        // wins as often as the higher one (lab: three-nodes-equal-backups, lb02 won where the address rule says lb03).
        if (!input.incumbents || top.some((x) => top.some((y) => x !== y && input.hears(x, y)))) race = true;
      } else masters.add(top[0]);
      changed = true;
    }
    if (!changed) break;
  }
  return { masters: [...masters].sort((a, b) => (a.node.name < b.node.name ? -1 : 1)), race };
}
