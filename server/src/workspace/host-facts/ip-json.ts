/**
 * `ip -j addr` / `ip -j link` output (iproute2 JSON: an array of links with `ifname`, and for addr `addr_info[]` with
 * `local`), saved as a file of the node's tree (etc/ha-lint/ip-addr.json, ip-link.json, or ip-addr.json beside the
 * node's files). Interfaces and their addresses; the name's place in the file is found by searching for it.
 */
import type { HostInterface } from "../../model/types.js";
import { LineIndex } from "../../syntax/source.js";

export const IP_JSON_NAMES = ["ip-addr.json", "ip-link.json", "ip-j-addr.json", "ip-j-link.json"];

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export function readIpJson(file: string, text: string): HostInterface[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return [];
  }
  if (!Array.isArray(parsed)) return [];
  const lines = new LineIndex(text);
  let searchFrom = 0;
  const interfaces: HostInterface[] = [];
  for (const link of parsed) {
    if (!isRecord(link) || typeof link.ifname !== "string") continue;
    const quoted = JSON.stringify(link.ifname);
    const at = text.indexOf(quoted, searchFrom);
    const start = at >= 0 ? at + 1 : 0;
    if (at >= 0) searchFrom = at + quoted.length;
    const addresses = Array.isArray(link.addr_info)
      ? link.addr_info
          .filter(isRecord)
          .map((info) => info.local)
          .filter((local): local is string => typeof local === "string")
      : [];
    const flags = Array.isArray(link.flags)
      ? link.flags.filter((flag): flag is string => typeof flag === "string")
      : undefined;
    interfaces.push({
      name: link.ifname,
      addresses,
      ...(flags ? { flags } : {}),
      location: { file, range: lines.rangeOf(start, start + (at >= 0 ? link.ifname.length : 0)) },
    });
  }
  return interfaces;
}
