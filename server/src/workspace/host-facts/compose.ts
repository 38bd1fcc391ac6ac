/**
 * docker-compose / compose files (compose.yaml, docker-compose.yml ... in the node's tree): the host ports each service
 * publishes (`ports:`, short `[HOST_IP:]HOST[-END]:CONTAINER[/PROTO]` and long `{published, host_ip, protocol}` forms;
 * a bare `CONTAINER` gets a random host port and is skipped). A service with `network_mode: host` publishes nothing
 * (Docker discards published ports there) and what its program listens on is not written: it is skipped.
 */
import type { HostListener, KeepalivedContainer } from "../../model/types.js";
import { yamlDocuments, type YamlValue } from "./yaml-tree.js";

export const COMPOSE_NAMES = ["compose.yaml", "compose.yml", "docker-compose.yaml", "docker-compose.yml"];

/** Host address and port range of one short-syntax entry; undefined for a bare container port or a UDP one. */
function shortPort(text: string): { address: string; first: number; last: number } | undefined {
  const [spec, protocol] = text.split("/");
  if (protocol !== undefined && protocol.toLowerCase() !== "tcp") return undefined;
  // [HOST_IP:]HOST:CONTAINER, HOST_IP possibly in brackets (IPv6).
  const match = /^(?:(\[[^\]]*\]|[^:[\]]*):)?(\d+)(?:-(\d+))?:\d+(?:-\d+)?$/.exec(spec.trim());
  if (!match) return undefined;
  const host = (match[1] ?? "").replace(/^\[|\]$/g, "");
  const first = Number(match[2]);
  return { address: host === "0.0.0.0" || host === "::" ? "" : host, first, last: match[3] ? Number(match[3]) : first };
}

function servicePorts(service: string, entries: YamlValue[]): HostListener[] {
  const listeners: HostListener[] = [];
  const owner = `compose service '${service}'`;
  for (const entry of entries) {
    const location = entry.location();
    if (!location) continue;
    const text = entry.text();
    if (text !== undefined) {
      const port = shortPort(text);
      if (!port || port.last - port.first > 1024) continue;
      for (let value = port.first; value <= port.last; value++)
        listeners.push({ owner, address: port.address, port: value, location, defaultPort: false });
      continue;
    }
    const published = entry.get("published").text();
    const protocol = entry.get("protocol").text() ?? "tcp";
    if (published === undefined || !/^\d+$/.test(published) || protocol !== "tcp") continue;
    const host = entry.get("host_ip").text() ?? "";
    listeners.push({
      owner,
      address: host === "0.0.0.0" || host === "::" ? "" : host,
      port: Number(published),
      location,
      defaultPort: false,
    });
  }
  return listeners;
}

export function readComposeListeners(file: string, text: string): HostListener[] {
  const listeners: HostListener[] = [];
  for (const doc of yamlDocuments(file, text)) {
    for (const [name, service] of doc.get("services").entries()) {
      if (service.get("network_mode").text() === "host") continue;
      listeners.push(...servicePorts(name, service.get("ports").items()));
    }
  }
  return listeners;
}

const capability = (word: string): string => word.toUpperCase().replace(/^CAP_/, "");

/** Services whose image or command names keepalived, with what decides whether it can run VRRP on the host. */
export function readComposeKeepalived(file: string, text: string): KeepalivedContainer[] {
  const containers: KeepalivedContainer[] = [];
  for (const doc of yamlDocuments(file, text)) {
    for (const [name, service] of doc.get("services").entries()) {
      const image = service.get("image");
      const command = service.get("command");
      const commandText =
        command.text() ??
        command
          .items()
          .map((item) => item.text() ?? "")
          .join(" ");
      if (!/keepalived/i.test(`${image.text() ?? ""} ${commandText}`)) continue;
      const location = image.location() ?? service.location();
      if (!location) continue;
      const list = (key: string): string[] =>
        service
          .get(key)
          .items()
          .map((item) => item.text())
          .filter((word): word is string => word !== undefined)
          .map(capability);
      containers.push({
        service: name,
        location,
        hostNetwork: service.get("network_mode").text() === "host",
        privileged: service.get("privileged").text() === "true",
        capAdd: list("cap_add"),
        capDrop: list("cap_drop"),
      });
    }
  }
  return containers;
}
