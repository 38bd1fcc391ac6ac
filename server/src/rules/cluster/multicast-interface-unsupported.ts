import { defineRule } from "../rule.js";
import { related } from "./router-view.js";

export default defineRule({
  id: "HA038",
  name: "multicast-interface-unsupported",
  severity: "error",
  scope: "cluster",
  docs: {
    summary:
      "A multicast VRRP instance (no unicast_peer) on an interface whose `ip -j link` flags lack MULTICAST (a " +
      "WireGuard or other point-to-point tunnel, an interface set `multicast off`): keepalived disables the " +
      "instance.",
    description:
      "For each node whose tree holds `ip -j link` or `ip -j addr` output with link flags (a host fact), reports a " +
      "vrrp_instance without unicast peers whose `interface` is listed without the MULTICAST flag. Such a network " +
      "does not carry the multicast adverts, and keepalived says so itself when it reads the configuration on that " +
      "host.",
    why:
      "keepalived checks the interface's IFF_MULTICAST flag for every instance that has no unicast peers (vrrp.c " +
      "vrrp_complete_instance() at v2.2.7 and v2.3.4): without it, it reports '(VI_1) interface wg0 does not " +
      "support multicast, specify unicast peers - disabling' and counts a configuration fault, so the instance " +
      "starts and stays in FAULT state: it never becomes MASTER and never takes the VIP. Multicast VRRP on a " +
      "network that does not carry multicast is the case of keepalived#1367; where the link says so in its " +
      "flags, keepalived's own verdict is certain.",
    sources: [
      "keepalived keepalived/vrrp/vrrp.c vrrp_complete_instance() ('does not support multicast, specify unicast " +
        "peers - disabling', num_config_faults) at v2.2.7 and v2.3.4",
      "keepalived#1367 (the maintainer: multicast not received in a cloud, the provider does not carry it; unicast " +
        "works); #1891, #893 (named by ha-lint issue 19's survey, not re-read here)",
      "ip-link(8): `multicast on|off`; the `flags` array of `ip -j link`",
    ],
    bad:
      '# lb01: ip -j link lists wg0 with flags ["POINTOPOINT","NOARP","UP","LOWER_UP"]\nvrrp_instance VI_1 {\n    ' +
      "interface wg0\n    ...\n}\n",
    good:
      "vrrp_instance VI_1 {\n    interface wg0\n    unicast_src_ip 10.8.0.1\n    unicast_peer {\n        " +
      "10.8.0.2\n    }\n    ...\n}\n",
    realTool:
      "keepalived -t 2.2.7 in a namespace with a veth set `multicast off`: '(VI_1) interface v0 does not support " +
      "multicast, specify unicast peers - disabling', exit 5; with multicast on, exit 0. ha-lint checks against " +
      "the node's own link flags instead of the machine it runs on.",
    reportedBy: "none",
  },
  messages: {
    noMulticast: (data: { node: string; instance: string; name: string; flags: string; file: string }) =>
      `${data.instance} on ${data.node} uses multicast adverts, but ${data.file} lists ${data.name} without ` +
      `MULTICAST (flags ${data.flags}): keepalived reports '(${data.instance}) interface ${data.name} does not ` +
      `support multicast, specify unicast peers - disabling' and the instance stays in FAULT, so ${data.node} never ` +
      `takes the VIP. Add unicast_src_ip and unicast_peer`,
  },
  check(ctx) {
    for (const cluster of ctx.clusters) {
      for (const node of cluster.nodes) {
        const interfaces = node.hostFacts?.interfaces ?? [];
        for (const instance of node.keepalived?.instances ?? []) {
          if (instance.unicastPeers.length > 0 || !instance.interface) continue;
          const link = interfaces.find((candidate) => candidate.name === instance.interface?.value);
          if (!link?.flags || link.flags.includes("MULTICAST") || link.flags.includes("LOOPBACK")) continue;
          const file = link.location.file.split("/").pop() ?? link.location.file;
          ctx.report({
            file: instance.interface.location.file,
            range: instance.interface.location.range,
            messageId: "noMulticast",
            data: { node: node.name, instance: instance.name, name: link.name, flags: link.flags.join(","), file },
            related: [related(link.location, `${link.name}'s flags`)],
          });
        }
      }
    }
  },
});
