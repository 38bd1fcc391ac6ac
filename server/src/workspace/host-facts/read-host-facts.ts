/**
 * Host facts of a node: files of its tree that describe the host rather than configure the daemons, read as text
 * through the SourceHost (so inside the analysed folders only) and never executed. Each reader turns one format into
 * HostFacts; the core only sees the result (AnalyzeRequest.hostFacts).
 */
import { posix as path } from "node:path";
import type { NodeLayout } from "../../model/discovery.js";
import type { HostFacts, HostInterface } from "../../model/types.js";
import type { SourceHost } from "../../syntax/keepalived/line-reader.js";
import { COMPOSE_NAMES, readComposeKeepalived, readComposeListeners } from "./compose.js";
import { readFirewallFiles } from "./firewall-files.js";
import { readHostName } from "./host-name.js";
import { readNetworkManagement } from "./network-managers.js";
import { IP_JSON_NAMES, readIpJson } from "./ip-json.js";
import { readStaticPod } from "./static-pods.js";

/** Where a node's host files live: the manifest's `hostFacts` folder, else its /etc tree's root, else its folder. */
function hostRoot(layout: NodeLayout): string {
  return layout.hostFacts ?? layout.etcRoot ?? layout.dir;
}

export function readHostFacts(host: SourceHost, layout: NodeLayout): HostFacts | undefined {
  const root = hostRoot(layout);
  const facts: HostFacts = {};
  for (const candidate of [path.join(root, "etc/hostname"), path.join(root, "hostname")]) {
    const text = host.readFile(candidate);
    const hostName = text === undefined ? undefined : readHostName(candidate, text);
    if (hostName) {
      facts.hostName = hostName;
      break;
    }
  }
  const interfaces = new Map<string, HostInterface>();
  for (const folder of [path.join(root, "etc/ha-lint"), root]) {
    for (const name of IP_JSON_NAMES) {
      const file = path.join(folder, name);
      const text = host.readFile(file);
      if (text === undefined) continue;
      for (const found of readIpJson(file, text)) {
        const known = interfaces.get(found.name);
        if (known) {
          known.addresses.push(...found.addresses.filter((a) => !known.addresses.includes(a)));
          known.flags ??= found.flags;
        } else interfaces.set(found.name, { ...found, addresses: [...found.addresses] });
      }
    }
  }
  if (interfaces.size > 0) facts.interfaces = [...interfaces.values()];
  const composeFiles = host
    .glob(path.join(root, `**/{${COMPOSE_NAMES.join(",")}}`))
    .map((file) => ({ file, text: host.readFile(file) }));
  const listeners = [
    ...host.glob(path.join(root, "etc/kubernetes/manifests/*.{yaml,yml}")).flatMap((file) => {
      const text = host.readFile(file);
      return text === undefined ? [] : readStaticPod(file, text);
    }),
    ...composeFiles.flatMap(({ file, text }) => (text === undefined ? [] : readComposeListeners(file, text))),
  ];
  const containers = composeFiles.flatMap(({ file, text }) =>
    text === undefined ? [] : readComposeKeepalived(file, text),
  );
  if (containers.length > 0) facts.keepalivedContainers = containers;
  if (listeners.length > 0) facts.listeners = listeners;
  const firewalls = readFirewallFiles(host, root);
  if (firewalls.length > 0) facts.firewalls = firewalls;
  const claims = readNetworkManagement(host, root);
  if (claims.length > 0) facts.networkManagement = claims;
  return Object.keys(facts).length > 0 ? facts : undefined;
}

/** The AnalyzeRequest.hostFacts reader over a SourceHost. */
export function hostFactsReader(host: SourceHost): (layout: NodeLayout) => HostFacts | undefined {
  return (layout) => readHostFacts(host, layout);
}
