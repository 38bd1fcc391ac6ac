import { sameAddress } from "../../model/ip-address.js";
import { defineRule } from "../rule.js";
import { at, keepalivedUnits } from "./ka-model.js";

export default defineRule({
  id: "KA029",
  name: "unicast-peer-is-self",
  severity: "warning",
  scope: "keepalived",
  docs: {
    summary: "unicast_peer lists the node's own address (its unicast_src_ip).",
    description:
      "Reports a `unicast_peer` entry equal to the instance's `unicast_src_ip`, to another unicast_src_ip of the " +
      "same node, or to an address the manifest gives for the node.",
    why:
      "keepalived then sends every advert to itself as well. It works, but each advert received from its own address " +
      "logs 'WARNING - equal priority advert received from remote host with our IP address' once per advert " +
      "interval, which floods the log and hides real problems. It usually comes from one peer list shared by all " +
      "nodes; keepalived's conditional lines (`@^lb01 192.0.2.11`) keep a shared template correct.",
    sources: [
      "keepalived keepalived/vrrp/vrrp.c vrrp_state_master_rx() 'equal priority advert received from remote host " +
        "with our IP address'",
      "keepalived.conf(5) 'Conditional configuration' (@ID / @^ID)",
    ],
    bad:
      "vrrp_instance VI_1 {\n    unicast_src_ip 192.0.2.11\n    unicast_peer {\n        192.0.2.11\n" +
      "        192.0.2.12\n    }\n}\n",
    good: "vrrp_instance VI_1 {\n    unicast_src_ip 192.0.2.11\n    unicast_peer {\n        192.0.2.12\n    }\n}\n",
    realTool: "keepalived -t says nothing; the running daemon logs the warning on every advert.",
    reportedBy: "runtime",
  },
  messages: {
    peerIsSelf: (data: { address: string; srcNote: string; node: string }) =>
      `unicast_peer ${data.address} is this node's own address${data.srcNote}: keepalived sends adverts to itself ` +
      `and logs 'equal priority advert received from remote host with our IP address' every advert interval (remove ` +
      `it; in a template shared by the nodes, write '@^${data.node} ${data.address}')`,
  },
  check(ctx) {
    for (const { config, node } of keepalivedUnits(ctx)) {
      for (const inst of config.instances) {
        const own = inst.unicastSrcIp?.value;
        for (const p of inst.unicastPeers) {
          const isSrc = own !== undefined && sameAddress(p.address, own);
          if (!isSrc && !node.addresses.some((a) => sameAddress(a, p.address))) continue;
          ctx.report({
            ...at(p.location),
            messageId: "peerIsSelf",
            data: {
              address: p.address,
              srcNote: isSrc ? ` (the unicast_src_ip of ${inst.name})` : "",
              node: node.name,
            },
            fixes: [
              {
                description: `Remove ${p.address} from unicast_peer`,
                safe: false,
                edits: [{ file: p.location.file, range: p.location.range, newText: "" }],
              },
            ],
          });
        }
      }
    }
  },
});
