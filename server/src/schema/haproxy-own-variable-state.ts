/**
 * Whether a HAPROXY_* variable HAProxy sets itself is set while a given version reads its configuration, from the
 * facts of haproxy-own-variables.ts (sources of each minor's .0 and of the Debian releases, real binaries).
 *
 * Inside a stable branch HAProxy only gains such variables (backports), never loses them: a release of the same minor
 * at or after the target that sets a name nowhere means the target does not set it either, and a binary of the same
 * minor at or before the target that had it set while reading means the target has it too. Anything else (a name a
 * version sets only in master-worker mode or at run time, a release between two observations that disagree) is left
 * unknown: the reader then treats it as any other variable of the environment.
 */
import { EXECUTABLE_NAMES, SET_WHILE_READING, SOURCE_SETTERS } from "./haproxy-own-variables.js";
import { compareFull, fullVersion, minorOf } from "./versions.js";

export type OwnVariableState =
  /** Set while HAProxy reads the configuration (seen so with the real binary `observedWith`). */
  | { state: "set"; observedWith: string }
  /** Set nowhere by this version; `setFrom` is the first release ha-lint knows that sets it, and where. */
  | { state: "unset"; setFrom?: { version: string; place: string } };

const OWN_NAMES: ReadonlySet<string> = new Set(Object.values(SOURCE_SETTERS).flatMap((found) => Object.keys(found)));

const compare = (a: string, b: string): number => compareFull("haproxy", a, b);

/** Whether the name is one of the variables some HAProxy release sets itself. */
export function isHaproxyOwnVariable(name: string): boolean {
  return OWN_NAMES.has(name);
}

/** The first release (by version) whose sources set the name, with the file and function. */
function firstSetter(name: string): { version: string; place: string } | undefined {
  const versions = Object.keys(SOURCE_SETTERS).sort(compare);
  for (const version of versions) {
    const place = SOURCE_SETTERS[version][name];
    if (place !== undefined) return { version, place };
  }
  return undefined;
}

/** What the target version does with one of HAProxy's own variables; undefined when not known (or not one). */
export function haproxyOwnVariable(name: string, version: string): OwnVariableState | undefined {
  if (!OWN_NAMES.has(name)) return undefined;
  const target = fullVersion("haproxy", version);
  const minor = minorOf(target);
  const sameMinor = (observed: string): boolean => minorOf(observed) === minor;
  const setNowhereLater =
    Object.entries(SOURCE_SETTERS).some(
      ([observed, found]) => sameMinor(observed) && compare(observed, target) >= 0 && found[name] === undefined,
    ) ||
    Object.entries(EXECUTABLE_NAMES).some(
      ([observed, names]) => sameMinor(observed) && compare(observed, target) >= 0 && !names.includes(name),
    );
  if (setNowhereLater) {
    const setFrom = firstSetter(name);
    return setFrom && compare(setFrom.version, target) > 0 ? { state: "unset", setFrom } : { state: "unset" };
  }
  const seenSet = Object.entries(SET_WHILE_READING).find(
    ([observed, names]) => sameMinor(observed) && compare(observed, target) <= 0 && names.includes(name),
  );
  return seenSet ? { state: "set", observedWith: seenSet[0] } : undefined;
}
