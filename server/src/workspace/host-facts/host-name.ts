/** etc/hostname: the host name is its first line that is neither empty nor a comment (hostname(5)). */
import type { HostFacts } from "../../model/types.js";

export function readHostName(file: string, text: string): HostFacts["hostName"] {
  const lines = text.split("\n");
  for (let index = 0; index < lines.length; index++) {
    const raw = lines[index];
    const name = raw.trim();
    if (name === "" || name.startsWith("#")) continue;
    const start = raw.indexOf(name);
    return {
      value: name,
      location: {
        file,
        range: { start: { line: index, character: start }, end: { line: index, character: start + name.length } },
      },
    };
  }
  return undefined;
}
