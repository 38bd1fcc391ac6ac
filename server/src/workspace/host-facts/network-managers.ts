/**
 * Which network manager claims which interface, from the node's tree, read as text: systemd-networkd `.network`
 * files (etc/systemd/network/*.network and their `.network.d/*.conf` drop-ins: `[Match] Name=`, `[Link] Unmanaged=`,
 * `[Network] KeepConfiguration=`, `[DHCP] CriticalConnection=`), netplan (etc/netplan/*.yaml: device definitions,
 * `match: name:`, `set-name:`, `renderer:`, `critical:`), and NetworkManager keyfiles
 * (etc/NetworkManager/system-connections/*: `[connection] interface-name=`) with NetworkManager.conf and conf.d
 * `[keyfile] unmanaged-devices=`.
 */
import { posix as path } from "node:path";
import type { ManagedInterfaceClaim } from "../../model/types.js";
import type { Location } from "../../syntax/source.js";
import type { SourceHost } from "../../syntax/keepalived/line-reader.js";
import { readIni, type IniEntry } from "./ini-file.js";
import { yamlDocuments, type YamlValue } from "./yaml-tree.js";

const NETWORKD_MATCH_OTHER = new Set([
  "MACAddress",
  "PermanentMACAddress",
  "Path",
  "Driver",
  "Type",
  "Kind",
  "Property",
  "Host",
  "Virtualization",
  "KernelCommandLine",
  "KernelVersion",
  "Architecture",
  "Credential",
  "Firmware",
  "WLANInterfaceType",
  "SSID",
  "BSSID",
]);

function fileStart(file: string): Location {
  return { file, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } };
}

function readFiles(host: SourceHost, pattern: string): { file: string; text: string }[] {
  return host
    .glob(pattern)
    .sort((left, right) => path.basename(left).localeCompare(path.basename(right)))
    .flatMap((file) => {
      const text = host.readFile(file);
      return text === undefined ? [] : [{ file, text }];
    });
}

/** One .network file with its drop-ins (later entries win). */
function networkdClaim(file: string, entries: IniEntry[]): ManagedInterfaceClaim {
  let names: string[] = [];
  let uncertain = false;
  let location = fileStart(file);
  let unmanaged = false;
  let keep: ManagedInterfaceClaim["keep"];
  for (const entry of entries) {
    if (entry.section === "Match" && entry.key === "Name") {
      names = entry.value === "" ? [] : [...names, ...entry.value.split(/\s+/)];
      location = entry.location;
    } else if (entry.section === "Match" && NETWORKD_MATCH_OTHER.has(entry.key)) uncertain = true;
    else if (entry.section === "Link" && entry.key === "Unmanaged") unmanaged = /^(yes|true|1|on)$/i.test(entry.value);
    else if (entry.section === "Network" && entry.key === "KeepConfiguration") {
      keep = { setting: "KeepConfiguration", value: entry.value, location: entry.location };
    } else if (
      entry.section === "DHCP" &&
      entry.key === "CriticalConnection" &&
      keep?.setting !== "KeepConfiguration"
    ) {
      keep = { setting: "CriticalConnection", value: entry.value, location: entry.location };
    }
  }
  const included = names.filter((name) => !name.startsWith("!"));
  const excludes = names.filter((name) => name.startsWith("!")).map((name) => name.slice(1));
  // A .network file without Name= (and nothing else) matches every link.
  const all = included.length === 0 && !uncertain;
  const claimNames = all ? ["*"] : included.length === 0 ? ["*"] : included;
  return {
    manager: "systemd-networkd",
    via: "networkd",
    names: claimNames,
    excludes,
    uncertain,
    unmanaged,
    keep,
    location,
  };
}

function readNetworkd(host: SourceHost, root: string): ManagedInterfaceClaim[] {
  const folder = path.join(root, "etc/systemd/network");
  return readFiles(host, path.join(folder, "*.network")).map(({ file, text }) => {
    const dropIns = readFiles(host, path.join(folder, `${path.basename(file)}.d/*.conf`));
    const entries = [readIni(file, text), ...dropIns.map((dropIn) => readIni(dropIn.file, dropIn.text))].flat();
    return networkdClaim(file, entries);
  });
}

const NETPLAN_KINDS = ["ethernets", "bonds", "bridges", "vlans", "wifis", "tunnels", "vrfs", "dummy-devices"];

interface NetplanDefinition {
  id: string;
  value: YamlValue;
  renderer?: string;
}

function netplanClaim(definition: NetplanDefinition, globalRenderer: string | undefined): ManagedInterfaceClaim {
  const { id, value } = definition;
  const match = value.get("match");
  const setName = value.get("set-name").text();
  const matchName = match.get("name").text();
  const uncertain = match.exists() && (match.get("macaddress").exists() || match.get("driver").exists()) && !setName;
  const names = setName ? [setName] : match.exists() ? (matchName ? [matchName] : ["*"]) : [id];
  const renderer = definition.renderer ?? globalRenderer ?? "networkd";
  const critical = value.get("critical");
  const location = value.location() ?? fileStart("");
  const keep = critical.exists()
    ? { setting: "critical", value: critical.text() ?? "", location: critical.location() ?? location }
    : undefined;
  return {
    manager: renderer === "NetworkManager" ? "NetworkManager" : "systemd-networkd",
    via: "netplan",
    names,
    excludes: [],
    uncertain,
    unmanaged: false,
    keep,
    location,
  };
}

function readNetplan(host: SourceHost, root: string): ManagedInterfaceClaim[] {
  const definitions = new Map<string, NetplanDefinition>();
  let globalRenderer: string | undefined;
  for (const { file, text } of readFiles(host, path.join(root, "etc/netplan/*.{yaml,yml}"))) {
    for (const document of yamlDocuments(file, text)) {
      const network = document.get("network");
      globalRenderer = network.get("renderer").text() ?? globalRenderer;
      for (const kind of NETPLAN_KINDS) {
        const kindRenderer = network.get(kind).get("renderer").text();
        for (const [id, value] of network.get(kind).entries()) {
          if (id === "renderer") continue;
          definitions.set(id, { id, value, renderer: value.get("renderer").text() ?? kindRenderer });
        }
      }
    }
  }
  return [...definitions.values()].map((definition) => netplanClaim(definition, globalRenderer));
}

function readNetworkManager(host: SourceHost, root: string): ManagedInterfaceClaim[] {
  const folder = path.join(root, "etc/NetworkManager");
  const claims: ManagedInterfaceClaim[] = [];
  for (const { file, text } of readFiles(host, path.join(folder, "system-connections/*"))) {
    const entries = readIni(file, text);
    const interfaceName = entries.find((entry) => entry.section === "connection" && entry.key === "interface-name");
    const isProfile = entries.some((entry) => entry.section === "connection");
    if (!isProfile) continue;
    claims.push({
      manager: "NetworkManager",
      via: "keyfile",
      names: interfaceName ? [interfaceName.value] : ["*"],
      excludes: [],
      uncertain: !interfaceName,
      unmanaged: false,
      location: interfaceName?.location ?? fileStart(file),
    });
  }
  const configs = [
    ...readFiles(host, path.join(folder, "NetworkManager.conf")),
    ...readFiles(host, path.join(folder, "conf.d/*.conf")),
  ];
  for (const { file, text } of configs) {
    for (const entry of readIni(file, text)) {
      if (entry.section !== "keyfile" || entry.key !== "unmanaged-devices") continue;
      const names = entry.value
        .split(/[;,]/)
        .map((spec) => spec.trim())
        .filter((spec) => spec.startsWith("interface-name:"))
        .map((spec) => spec.slice("interface-name:".length).replace(/^=/, ""));
      const location = entry.location;
      claims.push({
        manager: "NetworkManager",
        via: "keyfile",
        names,
        excludes: [],
        uncertain: false,
        unmanaged: true,
        location,
      });
    }
  }
  return claims;
}

export function readNetworkManagement(host: SourceHost, root: string): ManagedInterfaceClaim[] {
  return [...readNetplan(host, root), ...readNetworkd(host, root), ...readNetworkManager(host, root)];
}
