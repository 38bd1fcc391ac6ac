/** sysctl.conf / sysctl.d files: `key = value` lines; '#' and ';' comments; later settings win. */
import { LineIndex } from "../syntax/source.js";
import type { SysctlSetting } from "./types.js";

export function parseSysctl(
  file: string,
  text: string,
  into: Map<string, SysctlSetting> = new Map(),
): Map<string, SysctlSetting> {
  const index = new LineIndex(text);
  let offset = 0;
  for (const raw of text.split("\n")) {
    const line = raw.replace(/\r$/, "");
    const trimmed = line.trim();
    if (trimmed && !trimmed.startsWith("#") && !trimmed.startsWith(";")) {
      const eq = line.indexOf("=");
      if (eq > 0) {
        // A leading '-' means "ignore errors"; keys may use '/' instead of '.'.
        const key = line.slice(0, eq).trim().replace(/^-/, "").replace(/\//g, ".");
        const value = line.slice(eq + 1).trim();
        const start = offset + line.indexOf(line.trim());
        into.set(key, { key, value, location: { file, range: index.rangeOf(start, offset + line.length) } });
      }
    }
    offset += raw.length + 1;
  }
  return into;
}
