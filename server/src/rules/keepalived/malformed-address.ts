import { parseIpAddress } from "../../model/ip-address.js";
import { defineRule } from "../rule.js";
import { at, keepalivedUnits } from "./ka-model.js";

export default defineRule({
  id: "KA035",
  name: "malformed-address",
  severity: "error",
  scope: "keepalived",
  docs: {
    summary: "An address keepalived cannot read: a source address, a unicast peer or a virtual address.",
    description:
      "Reports `unicast_src_ip`/`mcast_src_ip` values, `unicast_peer` entries and `virtual_ipaddress`/`virtual_ipaddress_excluded` entries that are not IP addresses (a typo such as `192.0.2.300`, a range, a prefix where none is allowed), and virtual addresses whose prefix length is out of range.",
    why: "keepalived does not refuse the configuration: it logs the error and carries on without the value. A malformed source address is ignored and adverts leave from the interface's primary address, which the peer's unicast_peer list may not contain. A malformed peer is skipped; when no valid peer is left the instance silently falls back to multicast while the other node stays on unicast, and both become MASTER. A malformed virtual address is skipped, so that VIP is never brought up on any node.",
    sources: [
      "keepalived keepalived/vrrp/vrrp_parser.c: source address handler ('malformed src address ... Skipping'), unicast peer handler ('malformed unicast peer address ... Skipping')",
      "keepalived keepalived/vrrp/vrrp_ipaddress.c parse_ipaddress() ('VRRP parsed invalid IP ... skipping IP', 'Invalid address prefix len ... using 32')",
      "keepalived keepalived/vrrp/vrrp.c: 'A unicast keyword has been specified without any unicast peers. Defaulting to multicast.'",
    ],
    bad: "vrrp_instance VI_1 {\n    unicast_src_ip 192.0.2.11\n    unicast_peer {\n        192.0.2.312\n    }\n    virtual_ipaddress {\n        192.0.2.100/24\n    }\n}\n",
    good: "vrrp_instance VI_1 {\n    unicast_src_ip 192.0.2.11\n    unicast_peer {\n        192.0.2.12\n    }\n    virtual_ipaddress {\n        192.0.2.100/24\n    }\n}\n",
    realTool:
      "keepalived -t prints 'Configuration error: ... malformed src address', '... malformed unicast peer address' or 'VRRP parsed invalid IP ... skipping IP' (2.2.7 exits 5 for the first two); the daemon itself starts and runs without the value.",
    reportedBy: "keepalived -t",
  },
  messages: {
    sourceNotAddress: (p: { keyword: string; text: string; instance: string }) =>
      `${p.keyword} '${p.text}' is not an IP address: keepalived ignores it ('malformed src address') and ${p.instance} sends its adverts from the primary address of its interface, which the other nodes' unicast_peer lists may not contain`,
    peerNotAddress: (p: { text: string }) =>
      `unicast_peer '${p.text}' is not an IP address: keepalived skips it, so that node never receives this node's adverts`,
    lastPeerNotAddress: (p: { text: string; instance: string }) =>
      `unicast_peer '${p.text}' is not an IP address: keepalived skips it, and with no valid peer left ${p.instance} falls back to multicast while its peers stay on unicast (both nodes become MASTER)`,
    prefixOutOfRange: (p: { text: string; max: number }) =>
      `prefix length out of range in '${p.text}': keepalived adds the address as /${p.max}, not with the subnet the other addresses of the interface have`,
    vipNotAddress: (p: { text: string; keyword: string }) =>
      `'${p.text}' in ${p.keyword} is not an IP address: keepalived skips it ('VRRP parsed invalid IP'), so this address is never brought up on any node`,
  },
  check(ctx) {
    for (const { config } of keepalivedUnits(ctx)) {
      for (const inst of config.instances) {
        const noPeerLeft = inst.unicastBlock !== undefined && inst.unicastPeers.length === 0;
        for (const m of inst.malformedAddresses) {
          if (m.keyword === "unicast_src_ip" || m.keyword === "mcast_src_ip") {
            const data = { keyword: m.keyword, text: m.text, instance: inst.name };
            ctx.report({ ...at(m.location), messageId: "sourceNotAddress", data });
          } else if (m.keyword === "unicast_peer") {
            const data = { text: m.text, instance: inst.name };
            ctx.report({ ...at(m.location), messageId: noPeerLeft ? "lastPeerNotAddress" : "peerNotAddress", data });
          } else {
            const ip = parseIpAddress(m.text.split("/")[0]);
            if (ip) {
              const data = { text: m.text, max: ip.family === 4 ? 32 : 128 };
              ctx.report({ ...at(m.location), severity: "warning", messageId: "prefixOutOfRange", data });
            } else {
              ctx.report({ ...at(m.location), messageId: "vipNotAddress", data: { text: m.text, keyword: m.keyword } });
            }
          }
        }
      }
    }
  },
});
