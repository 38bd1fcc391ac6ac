import type { Location } from "../../syntax/source.js";
import { defineRule } from "../rule.js";
import { related } from "./router-view.js";

export default defineRule({
  id: "HA035",
  name: "interface-not-on-host",
  severity: "error",
  scope: "cluster",
  docs: {
    summary:
      "keepalived names an interface (an instance's `interface`, a `track_interface`, a VIP's `dev`) that the " +
      "node's `ip -j link`/`ip -j addr` host facts do not list: keepalived's VRRP process stops at start.",
    description:
      "For each node whose tree holds `ip -j addr` or `ip -j link` output (a host fact), checks every interface " +
      "its keepalived.conf names in a vrrp_instance (`interface`, `track_interface` entries, `dev` of " +
      "virtual_ipaddress entries) against the interfaces listed there. Not reported when global_defs sets " +
      "`dynamic_interfaces` (keepalived then waits for the interface).",
    why:
      "keepalived looks each such name up among the host's interfaces when it reads the file (vrrp_if.c " +
      "if_get_by_ifname() with IF_CREATE_IF_DYNAMIC, called from vrrp_parser.c vrrp_int_handler(), vrrp_track.c " +
      "alloc_track_if() and vrrp_ipaddress.c alloc_ipaddress() at v2.2.7). Without `dynamic_interfaces` a missing " +
      "one sets non_existent_interface_specified, and vrrp_daemon.c start_vrrp() then reports 'Non-existent " +
      "interface specified in configuration' and stops the VRRP process (stop_vrrp(KEEPALIVED_EXIT_CONFIG)): the " +
      "node never takes the VIP. A file written on one host with the interface name of another (eth0 against ens192, " +
      "or a container that sees only its own eth0) does this.",
    sources: [
      "keepalived keepalived/vrrp/vrrp_if.c if_get_by_ifname(), keepalived/vrrp/vrrp_parser.c vrrp_int_handler() " +
        "('WARNING - interface %s for vrrp_instance %s doesn't exist') at v2.2.7",
      "keepalived keepalived/vrrp/vrrp_daemon.c start_vrrp() ('Non-existent interface specified in configuration', " +
        "stop_vrrp(KEEPALIVED_EXIT_CONFIG)) at v2.2.7",
      "keepalived keepalived/vrrp/vrrp_track.c alloc_track_if() (track_interface) and vrrp_ipaddress.c " +
        "alloc_ipaddress() (dev) at v2.2.7",
      "osixia/docker-keepalived#14, #15 (a containerised keepalived given an interface the host or container does " +
        "not have)",
    ],
    bad: "# lb01: ip -j link lists lo and ens192\nvrrp_instance VI_1 {\n    interface eth0\n    ...\n}\n",
    good: "vrrp_instance VI_1 {\n    interface ens192\n    ...\n}\n",
    realTool:
      "keepalived -t 2.2.7 on a host without the interface: '(FILE: Line 3) WARNING - interface nosuch0 for " +
      "vrrp_instance VI_1 doesn't exist', 'Non-existent interface specified in configuration', exit 5. ha-lint " +
      "checks against the node's own interfaces instead of the machine it runs on.",
    reportedBy: "none",
  },
  messages: {
    missing: (data: { node: string; name: string; what: string; known: string; file: string }) =>
      `${data.node} has no interface '${data.name}' (${data.what}; ${data.file} lists ${data.known}): keepalived ` +
      `reports 'Non-existent interface specified in configuration' and stops its VRRP process at start, so ` +
      `${data.node} never takes the VIP. Use the host's interface name, or set dynamic_interfaces in global_defs if ` +
      `it appears later`,
  },
  check(ctx) {
    for (const cluster of ctx.clusters) {
      for (const node of cluster.nodes) {
        const interfaces = node.hostFacts?.interfaces;
        const keepalived = node.keepalived;
        if (!interfaces || interfaces.length === 0 || !keepalived || keepalived.dynamicInterfaces) continue;
        const names = new Set(interfaces.map((i) => i.name));
        const known = interfaces.map((i) => i.name).join(", ");
        const source = interfaces[0].location;
        const report = (name: string, what: string, location: Location): void => {
          if (names.has(name)) return;
          ctx.report({
            file: location.file,
            range: location.range,
            messageId: "missing",
            data: { node: node.name, name, what, known, file: source.file.split("/").pop() ?? source.file },
            related: [related(source, `${node.name}'s interfaces`)],
          });
        };
        for (const instance of keepalived.instances) {
          if (instance.interface)
            report(instance.interface.value, `interface of ${instance.name}`, instance.interface.location);
          for (const tracked of instance.trackInterfaces)
            report(tracked.name, `track_interface of ${instance.name}`, tracked.location);
          for (const vip of [...instance.vips, ...instance.vipsExcluded])
            if (vip.dev) report(vip.dev, `dev of VIP ${vip.text} in ${instance.name}`, vip.location);
        }
      }
    }
  },
});
