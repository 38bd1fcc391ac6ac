/**
 * firewalld's permanent configuration as kept on the node: zone files (etc/firewalld/zones/*.xml), the default zone
 * (etc/firewalld/firewalld.conf `DefaultZone=`, else `public`) and custom services (etc/firewalld/services/*.xml),
 * read as text. It becomes one input chain that does what firewalld's generated rules do for a packet: accept
 * `established`/`related` and loopback, send it to the zone bound to its source address, else to its interface's
 * zone, else to the default zone; in the zone, drop/reject rich rules, then what the zone allows (rich-rule accepts,
 * `<protocol>`, services that carry protocol 112 such as the shipped `vrrp` service), then the zone's target. Zones
 * whose file the tree does not hold (firewalld's shipped ones), direct rules (direct.xml) and policies
 * (etc/firewalld/policies) are not read: a packet that reaches them has an unknown verdict.
 */
import type { FirewallChain, FirewallMatch, FirewallRule, FirewallRuleset } from "../../model/firewall.js";
import type { Location } from "../../syntax/source.js";

export interface FirewalldFile {
  file: string;
  text: string;
}

export interface FirewalldInput {
  zones: FirewalldFile[];
  services: FirewalldFile[];
  config?: FirewalldFile;
  /** direct.xml and policy files: present means not everything is read. */
  unreadFiles: FirewalldFile[];
}

interface Element {
  name: string;
  attributes: Record<string, string>;
  /** The text between the opening and the closing tag ("" for a self-closing element). */
  inner: string;
  location: Location;
}

function lineRange(text: string, start: number, end: number): Location["range"] {
  const position = (offset: number): { line: number; character: number } => {
    const before = text.slice(0, offset);
    const line = before.split("\n").length - 1;
    return { line, character: offset - (before.lastIndexOf("\n") + 1) };
  };
  return { start: position(start), end: position(end) };
}

/** Elements named `name` at any depth (firewalld's XML is small and flat; no namespaces, no CDATA). */
function elements(file: string, text: string, name: string, offset = 0): Element[] {
  const pattern = new RegExp(`<${name}((?:\\s+[\\w-]+\\s*=\\s*"[^"]*")*)\\s*(/>|>([\\s\\S]*?)</${name}\\s*>)`, "g");
  return [...text.matchAll(pattern)].map((found) => {
    const attributes: Record<string, string> = {};
    for (const attribute of found[1].matchAll(/([\w-]+)\s*=\s*"([^"]*)"/g)) attributes[attribute[1]] = attribute[2];
    const start = offset + (found.index ?? 0);
    return {
      name,
      attributes,
      inner: found[3] ?? "",
      location: { file, range: lineRange(text, start, start + found[0].length) },
    };
  });
}

function serviceCarriesVrrp(name: string, services: FirewalldFile[]): boolean {
  const custom = services.find((service) => service.file.endsWith(`/${name}.xml`));
  if (!custom) return name === "vrrp";
  return elements(custom.file, custom.text, "protocol").some((element) => isVrrp(element.attributes.value));
}

function isVrrp(value: string | undefined): boolean {
  return value === "vrrp" || value === "112";
}

/** A rich rule as a firewall rule, or undefined when it cannot concern VRRP or does nothing. */
function richRule(rule: Element, services: FirewalldFile[]): FirewallRule | undefined {
  const inner = rule.inner;
  const matches: FirewallMatch[] = [];
  if (rule.attributes.family === "ipv6") return undefined;
  for (const kind of ["source", "destination"] as const) {
    const [element] = elements(rule.location.file, inner, kind);
    if (element?.attributes.address) {
      const negated = element.attributes.invert === "true" || element.attributes.invert === "yes";
      matches.push({ kind: kind === "source" ? "saddr" : "daddr", values: [element.attributes.address], negated });
    } else if (element) matches.push({ kind: "other", text: `${kind} ${JSON.stringify(element.attributes)}` });
  }
  const [protocol] = elements(rule.location.file, inner, "protocol");
  const [service] = elements(rule.location.file, inner, "service");
  const ports =
    elements(rule.location.file, inner, "port").length + elements(rule.location.file, inner, "icmp-block").length;
  if (protocol) matches.push({ kind: "protocol", values: [protocol.attributes.value ?? ""], negated: false });
  if (service && !serviceCarriesVrrp(service.attributes.name ?? "", services)) return undefined;
  if (ports > 0) return undefined;
  const action = ["accept", "drop", "reject"].find((name) => new RegExp(`<${name}[\\s/>]`).test(inner));
  if (!action) return undefined;
  return { location: rule.location, matches, verdict: { kind: action as "accept" | "drop" | "reject" } };
}

function zoneChain(zone: FirewalldFile, name: string, services: FirewalldFile[]): FirewallChain {
  const [root] = elements(zone.file, zone.text, "zone");
  const body = root?.inner ?? zone.text;
  const rich = elements(zone.file, body, "rich-rule").flatMap((rule) => richRule(rule, services) ?? []);
  // The zone's own elements: those inside rich rules are the rules' (blanked, so that offsets stay).
  const ownText = zone.text.replace(/<rich-rule[\s\S]*?<\/rich-rule\s*>/g, (found) => found.replace(/[^\n]/g, " "));
  const allows: FirewallRule[] = [
    ...elements(zone.file, ownText, "protocol")
      .filter((element) => isVrrp(element.attributes.value))
      .map((element) => ({ location: element.location, matches: [], verdict: { kind: "accept" as const } })),
    ...elements(zone.file, ownText, "service")
      .filter((element) => serviceCarriesVrrp(element.attributes.name ?? "", services))
      .map((element) => ({ location: element.location, matches: [], verdict: { kind: "accept" as const } })),
  ];
  const target = root?.attributes.target ?? "default";
  const targetLocation = root?.location ?? { file: zone.file, range: lineRange(zone.text, 0, 0) };
  return {
    name: `zone:${name}`,
    rules: [
      ...rich.filter((rule) => rule.verdict.kind !== "accept"),
      ...rich.filter((rule) => rule.verdict.kind === "accept"),
      ...allows,
    ],
    policy: { verdict: target === "ACCEPT" ? "accept" : "drop", location: targetLocation },
  };
}

function zoneName(file: string): string {
  return file.slice(file.lastIndexOf("/") + 1).replace(/\.xml$/, "");
}

export function readFirewalld(input: FirewalldInput): FirewallRuleset | undefined {
  if (input.zones.length === 0) return undefined;
  const chains = new Map<string, FirewallChain>();
  const dispatch: FirewallRule[] = [];
  const anyLocation = (zone: FirewalldFile): Location => ({ file: zone.file, range: lineRange(zone.text, 0, 0) });
  const bindings: FirewallRule[] = [];
  for (const zone of input.zones) {
    const name = zoneName(zone.file);
    chains.set(`zone:${name}`, zoneChain(zone, name, input.services));
    const ownText = zone.text.replace(/<rich-rule[\s\S]*?<\/rich-rule\s*>/g, (found) => found.replace(/[^\n]/g, " "));
    for (const source of elements(zone.file, ownText, "source")) {
      if (source.attributes.address) {
        dispatch.push({
          location: source.location,
          matches: [{ kind: "saddr", values: [source.attributes.address], negated: false }],
          verdict: { kind: "goto", target: `zone:${name}` },
        });
      } else
        dispatch.push({
          location: source.location,
          matches: [{ kind: "other", text: "source" }],
          verdict: { kind: "goto", target: `zone:${name}` },
        });
    }
    for (const bound of elements(zone.file, ownText, "interface")) {
      bindings.push({
        location: bound.location,
        matches: [{ kind: "iif", values: [bound.attributes.name ?? ""], negated: false }],
        verdict: { kind: "goto", target: `zone:${name}` },
      });
    }
  }
  const configured = input.config?.text.match(/^\s*DefaultZone\s*=\s*(\S+)/m)?.[1];
  const defaultZone = configured ?? "public";
  const first = input.zones[0];
  const established: FirewallRule = {
    location: anyLocation(first),
    matches: [{ kind: "ct-state", values: ["established", "related"], negated: false }],
    verdict: { kind: "accept" },
  };
  const loopback: FirewallRule = {
    location: anyLocation(first),
    matches: [{ kind: "iif", values: ["lo"], negated: false }],
    verdict: { kind: "accept" },
  };
  const fallback: FirewallRule = chains.has(`zone:${defaultZone}`)
    ? { location: anyLocation(first), matches: [], verdict: { kind: "goto", target: `zone:${defaultZone}` } }
    : {
        location: anyLocation(first),
        matches: [],
        verdict: { kind: "unknown", text: `the shipped zone '${defaultZone}'` },
      };
  chains.set("firewalld:input", {
    name: "firewalld:input",
    rules: [established, loopback, ...dispatch, ...bindings, fallback],
  });
  const unread = input.unreadFiles.map((file) => ({ what: file.file, location: anyLocation(file) }));
  return { format: "firewalld", file: first.file, chains, inputChains: ["firewalld:input"], unread };
}
