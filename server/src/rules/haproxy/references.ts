/**
 * What the references of a haproxy.cfg point at, as HAProxy resolves them: the ACLs a section has declared so far,
 * stick tables (a proxy's own, `<peers>/<name>` of peers sections), servers, userlists.
 */
import type { HaproxyConfig, Proxy } from "../../model/types.js";
import type { HpLine } from "../../syntax/haproxy/tree.js";

/** default_acl_list[] of src/acl.c (2.6.12; the same in 3.0.11 and 3.2.0). */
export const PREDEFINED_ACLS = new Set([
  "TRUE",
  "FALSE",
  "LOCALHOST",
  "HTTP",
  "HTTP_1.0",
  "HTTP_1.1",
  "HTTP_2.0",
  "METH_CONNECT",
  "METH_DELETE",
  "METH_GET",
  "METH_HEAD",
  "METH_OPTIONS",
  "METH_POST",
  "METH_PUT",
  "METH_TRACE",
  "HTTP_URL_ABS",
  "HTTP_URL_SLASH",
  "HTTP_URL_STAR",
  "HTTP_CONTENT",
  "RDP_COOKIE",
  "REQ_CONTENT",
  "WAIT_END",
]);

/** Stick tables by name: proxies with a `stick-table` line, and `<peers>/<table>` of peers sections. */
export function stickTables(config: HaproxyConfig): Set<string> {
  const names = new Set<string>();
  for (const p of config.proxies) if (p.lines.some((l) => l.keyword.value === "stick-table")) names.add(p.name);
  for (const { section } of config.sections) {
    if (section.kind !== "peers" || !section.name) continue;
    for (const line of section.lines)
      if (line.keyword.value === "table" && line.args[0]) names.add(`${section.name.value}/${line.args[0].value}`);
  }
  return names;
}

/** Proxies HAProxy finds as backends (backend, listen) or frontends (frontend, listen) by name. */
export function proxyWithCapability(
  config: HaproxyConfig,
  name: string,
  side: "frontend" | "backend",
): Proxy | undefined {
  return proxiesNamed(config, name)?.find((p) => p.kind === side || p.kind === "listen");
}

/** The proxies of a model by name, in order: built once per model (a scan per reference was quadratic). */
const proxiesByName = new WeakMap<HaproxyConfig, Map<string, Proxy[]>>();

function proxiesNamed(config: HaproxyConfig, name: string): readonly Proxy[] | undefined {
  let index = proxiesByName.get(config);
  if (!index) {
    index = new Map();
    for (const p of config.proxies) {
      const list = index.get(p.name);
      if (list) list.push(p);
      else index.set(p.name, [p]);
    }
    proxiesByName.set(config, index);
  }
  return index.get(name);
}

/** The ACL names a condition refers to, with their words: `!` prefixes removed, operators and `{ ... }` skipped. */
export function conditionAclNames(line: HpLine): { name: string; index: number }[] {
  const words = line.args;
  const start = words.findIndex((w) => w.value === "if" || w.value === "unless");
  if (start < 0) return [];
  const out: { name: string; index: number }[] = [];
  for (let i = start + 1; i < words.length; i++) {
    const word = words[i].value.replace(/^!+/, "");
    if (word === "" || word.toLowerCase() === "or" || word === "||") continue;
    if (word === "{") {
      while (i < words.length && words[i].value !== "}") i++;
      continue;
    }
    out.push({ name: word, index: i });
  }
  return out;
}
