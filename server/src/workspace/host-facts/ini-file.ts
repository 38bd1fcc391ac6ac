/** INI-style files of host facts (systemd unit files such as .network, NetworkManager keyfiles and .conf files). */
import type { Location } from "../../syntax/source.js";

export interface IniEntry {
  section: string;
  key: string;
  value: string;
  location: Location;
}

/** `[Section]` headers and `Key=Value` lines; `#` and `;` comments; later entries follow earlier ones. */
export function readIni(file: string, text: string): IniEntry[] {
  const entries: IniEntry[] = [];
  let section = "";
  for (const [line, raw] of text.split(/\r?\n/).entries()) {
    const trimmed = raw.trim();
    if (trimmed === "" || trimmed.startsWith("#") || trimmed.startsWith(";")) continue;
    const header = /^\[([^\]]+)\]$/.exec(trimmed);
    if (header) {
      section = header[1].trim();
      continue;
    }
    const equals = trimmed.indexOf("=");
    if (equals <= 0) continue;
    const range = { start: { line, character: 0 }, end: { line, character: raw.length } };
    entries.push({
      section,
      key: trimmed.slice(0, equals).trim(),
      value: trimmed.slice(equals + 1).trim(),
      location: { file, range },
    });
  }
  return entries;
}
