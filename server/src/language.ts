/** Which configuration language a file holds: from its name when the name tells, from its content otherwise. */
export type Language = "keepalived" | "haproxy";

export function languageFromName(file: string): Language | undefined {
  const base = file.split("/").pop() ?? file;
  const dir = file.split("/").slice(-2, -1)[0] ?? "";
  if (/keepalived/i.test(base)) return "keepalived";
  if (/haproxy/i.test(base)) return "haproxy";
  if (/^(keepalived|conf\.d)$/.test(dir) && base.endsWith(".conf")) return "keepalived";
  if (dir === "haproxy" && base.endsWith(".cfg")) return "haproxy";
  return undefined;
}

const KEEPALIVED_MARKERS =
  /^\s*(global_defs|vrrp_instance|vrrp_script|vrrp_sync_group|virtual_server|virtual_server_group|static_ipaddress|track_file|bfd_instance)\b/m;
const HAPROXY_MARKERS = /^\s*(global|defaults|frontend|backend|listen|userlist|resolvers|peers)(\s|$)/m;

export function languageFromContent(text: string): Language | undefined {
  const head = text.slice(0, 64 * 1024);
  const ka = KEEPALIVED_MARKERS.exec(head);
  const hp = HAPROXY_MARKERS.exec(head);
  if (ka && (!hp || ka.index <= hp.index)) return "keepalived";
  if (hp) return "haproxy";
  return undefined;
}

export function detectLanguage(file: string, text: string): Language | undefined {
  return languageFromName(file) ?? languageFromContent(text);
}
