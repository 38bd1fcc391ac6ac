import type { ManagedInterfaceClaim, Node, VrrpInstance } from "../../model/types.js";
import type { Location } from "../../syntax/source.js";
import { defineRule } from "../rule.js";
import { related } from "./router-view.js";

/** Shell-style glob of networkd `Name=`, netplan `match: name:` and NetworkManager interface names. */
function globMatches(pattern: string, name: string): boolean {
  const regex = pattern
    .replace(/[.+^${}()|\\]/g, "\\$&")
    .replace(/\*/g, ".*")
    .replace(/\?/g, ".");
  return new RegExp(`^${regex}$`).test(name);
}

function claims(claim: ManagedInterfaceClaim, name: string): boolean {
  return (
    claim.names.some((pattern) => globMatches(pattern, name)) &&
    !claim.excludes.some((pattern) => globMatches(pattern, name))
  );
}

/** networkd keeps foreign addresses with a static lifetime when KeepConfiguration has `static` (yes, static). */
function keepsStatic(claim: ManagedInterfaceClaim): boolean {
  const value = claim.keep?.value.toLowerCase() ?? "";
  return ["yes", "true", "1", "on", "static"].includes(value);
}

type Finding = { messageId: "networkd" | "networkManager"; claim: ManagedInterfaceClaim };

/** What happens to addresses keepalived adds on `name`: the claim that removes them, if one does. */
function remover(facts: ManagedInterfaceClaim[], name: string): Finding | undefined {
  // netplan renders into /run/systemd/network/10-netplan-*.network, which sorts before most /etc files.
  const networkd = facts.filter((claim) => claim.manager === "systemd-networkd");
  const first = networkd.find((claim) => claims(claim, name));
  if (first && !first.uncertain && !first.unmanaged && !keepsStatic(first))
    return { messageId: "networkd", claim: first };
  if (first) return undefined;
  const manager = facts.filter((claim) => claim.manager === "NetworkManager");
  if (manager.some((claim) => claim.unmanaged && claims(claim, name))) return undefined;
  const profile = manager.find((claim) => !claim.unmanaged && !claim.uncertain && claims(claim, name));
  return profile ? { messageId: "networkManager", claim: profile } : undefined;
}

/** The interfaces keepalived puts the instance's VIPs on: each VIP's `dev`, else the instance's interface. */
function vipInterfaces(instance: VrrpInstance): Map<string, Location> {
  const out = new Map<string, Location>();
  for (const vip of [...instance.vips, ...instance.vipsExcluded]) {
    const name = vip.dev ?? instance.interface?.value;
    if (name && !out.has(name)) out.set(name, vip.dev ? vip.location : (instance.interface?.location ?? vip.location));
  }
  return out;
}

function fileName(location: Location): string {
  return `${location.file.split("/").pop() ?? location.file}:${location.range.start.line + 1}`;
}

export default defineRule({
  id: "HA039",
  name: "vip-removed-by-network-manager",
  severity: "warning",
  scope: "cluster",
  docs: {
    summary:
      "The VIP's interface is managed by systemd-networkd (a .network file, or netplan with the networkd " +
      "renderer) without KeepConfiguration=static/yes (netplan `critical: true`), or by a NetworkManager profile: " +
      "the manager removes the addresses it did not add, the VIP included.",
    description:
      "For each node whose tree holds network-manager files (host facts: etc/systemd/network/*.network and " +
      "drop-ins, etc/netplan/*.yaml, etc/NetworkManager/system-connections/* and NetworkManager.conf), finds the " +
      "configuration that claims each interface keepalived puts a VIP on (the VIP's `dev`, else the instance's " +
      "`interface`), by name: for networkd the first matching .network file (netplan's generated files first), " +
      "then NetworkManager profiles with `interface-name=`. Reports a networkd claim without " +
      "`KeepConfiguration=static` or `yes` (`[DHCP] CriticalConnection=yes` before systemd 243, netplan " +
      "`critical: true`), and, at info level, a NetworkManager profile for an interface that `unmanaged-devices` " +
      "does not exclude. Claims that also match on MAC address, driver, type or path are not evaluated (silent), " +
      "nor are files under /run or /usr/lib that the tree does not hold.",
    why:
      "systemd-networkd drops the 'foreign' addresses of a link it manages (addresses it did not configure) " +
      "whenever it configures the link: when the daemon starts or restarts (a package upgrade restarts it), on " +
      "`networkctl reload`/`reconfigure` and when a DHCP lease changes; only a KeepConfiguration= value that " +
      "includes `static` keeps those with an infinite lifetime, which keepalived's VIPs have " +
      "(networkd-address.c link_drop_foreign_addresses(): KEEP_CONFIGURATION_STATIC). ManageForeignRoutes= and " +
      "ManageForeignRoutingPolicyRules= in networkd.conf concern routes and rules, not addresses. netplan " +
      "renders `critical: true` as KeepConfiguration=true. NetworkManager removes the device's addresses when " +
      "its connection is deactivated and activated again (`nmcli connection down/up`, keepalived#2564); marking " +
      "the device unmanaged (`unmanaged-devices=interface-name:...`) leaves it alone. keepalived 2.x notices a " +
      "deleted VIP at once (core/keepalived_netlink.c netlink_if_address_filter() -> set_vrrp_backup() at v2.2.7 " +
      "and v2.3.4): the master leaves MASTER, sends priority 0 and re-adds the VIP after its skew time " +
      "((256 - priority)/256 s), so each removal is an outage of about the skew time (0.5-0.9 s measured) on " +
      "every node, or a failover when a peer's skew is shorter; a VIP marked `no_track` is not watched and stays missing. keepalived 1.3 noticed nothing " +
      "(keepalived#836).",
    sources: [
      "keepalived#836 (systemd-networkd restarted by an upgrade removes the VIPs; keepalived 1.3.9 did not notice), " +
        "#1385 (VIPs lost on `systemctl restart systemd-networkd`, keepalived 2.0.18), #2479 (KeepConfiguration=yes " +
        "kept networkd from deleting VIPs; routes and rules need ManageForeign... = no)",
      "keepalived#2564 (NetworkManager deletes the VIP on `nmcli c down`/`up`, keepalived 2.2.7)",
      "systemd.network(5) KeepConfiguration= (v243; `static` keeps static addresses and routes on start), [DHCP] " +
        "CriticalConnection= (before v243); networkd.conf(5) ManageForeignRoutes=, ManageForeignRoutingPolicyRules=",
      "systemd src/network/networkd-address.c link_drop_foreign_addresses() (KEEP_CONFIGURATION_STATIC for " +
        "non-dynamic addresses); systemd#12050, PR #12511 (KeepConfiguration= added for floating IPs), #13555",
      "netplan src/networkd.c (`critical` -> KeepConfiguration=true); NetworkManager.conf(5) unmanaged-devices",
      "keepalived keepalived/core/keepalived_netlink.c netlink_if_address_filter(), set_vrrp_backup() at v2.2.7 " +
        "and v2.3.4 (ms_down_timer = VRRP_TIMER_SKEW()); lab: the VIP deleted on the master comes back after " +
        "0.53-0.55 s at priority 120 (2.2.7 and 2.3.4)",
      "lab proof (test/lab/proofs.test.ts, docs/lab.md 'Proofs', fixtures/ha039-netplan-drops-vip): the VIP deleted " +
        "on lb02 (priority 100, skew 0.609 s): 'Entering BACKUP STATE', 'sent 0 priority', then 'Entering MASTER " +
        "STATE' with the VIP back after 0.71-0.86 s on 2.2.7 and 0.70-1.43 s on 2.3.4 (a loaded 2-core machine)",
    ],
    bad: "# lb01: etc/systemd/network/10-ens192.network\n[Match]\nName=ens192\n\n[Network]\nAddress=192.0.2.11/24\n",
    good:
      "[Match]\nName=ens192\n\n[Network]\nAddress=192.0.2.11/24\n# keep addresses networkd did not add (the VIP)\n" +
      "KeepConfiguration=static\n",
    realTool: "Neither tool sees it: keepalived -t does not read the network manager's files.",
    reportedBy: "none",
    severityNote:
      "warning for systemd-networkd (every restart or reconfiguration removes the VIP); info for NetworkManager " +
      "(the removal needs the connection to be deactivated and activated again).",
  },
  messages: {
    networkd: (data: { node: string; name: string; place: string; via: string; keep: string }) =>
      `${data.node}'s ${data.name} is managed by systemd-networkd (${data.via} ${data.place}) ${data.keep}: networkd ` +
      `removes addresses it did not configure, the VIP included, each time it starts or reconfigures the link (an ` +
      `upgrade restarting it, networkctl reload, a DHCP renewal); keepalived then leaves MASTER and re-adds the VIP ` +
      `after its skew time, an outage each time. Set KeepConfiguration=static (netplan: critical: true)`,
    networkManager: (data: { node: string; name: string; place: string }) =>
      `${data.node}'s ${data.name} is managed by NetworkManager (profile ${data.place}): when the connection is ` +
      `deactivated and activated again (nmcli connection down/up, a reconnect) it removes the device's addresses, ` +
      `the VIP included, and keepalived must re-add it. Keep the VIP on an interface NetworkManager does not ` +
      `manage, or list it in unmanaged-devices`,
  },
  check(ctx) {
    for (const cluster of ctx.clusters) {
      for (const node of cluster.nodes) {
        const facts = node.hostFacts?.networkManagement;
        if (!facts || facts.length === 0) continue;
        for (const [name, at] of nodeVipInterfaces(node)) {
          const found = remover(facts, name);
          if (!found) continue;
          const place = fileName(found.claim.location);
          const relatedPlaces = [related(found.claim.location, `${found.claim.via} claim of ${name}`)];
          if (found.messageId === "networkManager") {
            ctx.report({
              file: at.file,
              range: at.range,
              severity: "info",
              messageId: "networkManager",
              data: { node: node.name, name, place },
              related: relatedPlaces,
            });
            continue;
          }
          const keep = found.claim.keep;
          const keepText = keep
            ? `with ${keep.setting}=${keep.value}, which keeps no static address`
            : "and nothing keeps foreign addresses";
          if (keep) relatedPlaces.push(related(keep.location, `${keep.setting}=${keep.value}`));
          ctx.report({
            file: at.file,
            range: at.range,
            messageId: "networkd",
            data: {
              node: node.name,
              name,
              place,
              via: found.claim.via === "netplan" ? "netplan" : ".network",
              keep: keepText,
            },
            related: relatedPlaces,
          });
        }
      }
    }
  },
});

/** Every VIP interface of the node's instances, with the first place that puts a VIP on it. */
function nodeVipInterfaces(node: Node): Map<string, Location> {
  const out = new Map<string, Location>();
  for (const instance of node.keepalived?.instances ?? []) {
    for (const [name, at] of vipInterfaces(instance)) if (!out.has(name)) out.set(name, at);
  }
  return out;
}
