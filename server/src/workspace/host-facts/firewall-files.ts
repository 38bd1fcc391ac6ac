/**
 * The node's firewall files (nftables, iptables-save, firewalld), found at their usual places in the node's tree and
 * read as text through the SourceHost: never loaded or executed. An nftables `include` is looked up in the tree too
 * (`/etc/nftables.d/*.nft` -> `<root>/etc/nftables.d/*.nft`).
 */
import { posix as path } from "node:path";
import type { FirewallRuleset } from "../../model/firewall.js";
import type { SourceHost } from "../../syntax/keepalived/line-reader.js";
import { readFirewalld, type FirewalldFile } from "./firewalld.js";
import { IPTABLES_FILES, readIptablesSave } from "./iptables-save.js";
import { NFTABLES_FILES, readNftables } from "./nftables.js";

function filesOf(host: SourceHost, pattern: string): FirewalldFile[] {
  return host.glob(pattern).flatMap((file) => {
    const text = host.readFile(file);
    return text === undefined ? [] : [{ file, text }];
  });
}

function readNftablesFiles(host: SourceHost, root: string): FirewallRuleset[] {
  const readInclude = (included: string): FirewalldFile[] | undefined => {
    if (!included.startsWith("/")) return undefined;
    const found = filesOf(host, path.join(root, included));
    return found.length > 0 ? found : undefined;
  };
  return NFTABLES_FILES.flatMap((name) => {
    const file = path.join(root, name);
    const text = host.readFile(file);
    const ruleset = text === undefined ? undefined : readNftables({ file, text, readInclude });
    return ruleset ? [ruleset] : [];
  });
}

export function readFirewallFiles(host: SourceHost, root: string): FirewallRuleset[] {
  const iptables = IPTABLES_FILES.flatMap((name) => {
    const file = path.join(root, name);
    const text = host.readFile(file);
    const ruleset = text === undefined ? undefined : readIptablesSave(file, text);
    return ruleset ? [ruleset] : [];
  });
  const firewalldRoot = path.join(root, "etc/firewalld");
  const configFile = path.join(firewalldRoot, "firewalld.conf");
  const configText = host.readFile(configFile);
  const firewalld = readFirewalld({
    zones: filesOf(host, path.join(firewalldRoot, "zones/*.xml")),
    services: filesOf(host, path.join(firewalldRoot, "services/*.xml")),
    config: configText === undefined ? undefined : { file: configFile, text: configText },
    unreadFiles: [
      ...filesOf(host, path.join(firewalldRoot, "direct.xml")),
      ...filesOf(host, path.join(firewalldRoot, "policies/*.xml")),
    ],
  });
  return [...readNftablesFiles(host, root), ...iptables, ...(firewalld ? [firewalld] : [])];
}
