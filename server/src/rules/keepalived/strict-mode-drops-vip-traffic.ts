import { normaliseAddress } from "../../model/ip-address.js";
import type { HaproxyConfig, VrrpInstance } from "../../model/types.js";
import type { Range } from "../../syntax/source.js";
import { defineRule } from "../rule.js";
import { at, dropsVipTraffic, keepalivedUnits } from "./ka-model.js";

/** The first HAProxy bind that serves one of the instance's VIPs (bound explicitly or through a wildcard). */
function servingBind(
  hp: HaproxyConfig,
  inst: VrrpInstance,
): { text: string; file: string; range: Range; vip?: string } | undefined {
  const vips = new Set([...inst.vips, ...inst.vipsExcluded].map((v) => normaliseAddress(v.address)));
  let wildcard: { text: string; file: string; range: Range } | undefined;
  for (const proxy of hp.proxies) {
    if (proxy.kind !== "frontend" && proxy.kind !== "listen") continue;
    for (const bind of proxy.binds) {
      for (const a of bind.addresses) {
        if (a.family === "unix" || a.family === "other") continue;
        const host = normaliseAddress(a.host.replace(/^\[|\]$/g, ""));
        if (vips.has(host)) return { text: a.text, file: bind.location.file, range: bind.location.range, vip: host };
        if (a.wildcard && !wildcard) wildcard = { text: a.text, file: bind.location.file, range: bind.location.range };
      }
    }
  }
  return wildcard;
}

export default defineRule({
  id: "KA016",
  name: "strict-mode-drops-vip-traffic",
  severity: "warning",
  scope: "keepalived",
  nodeContext:
    "its haproxy.cfg; with one, it reports only an instance whose VIP HAProxy binds (itself or through a wildcard), " +
    "and names that bind.",
  docs: {
    summary:
      "Strict mode or no_accept on a non-owner instance whose VIP HAProxy must serve: keepalived firewalls the VIP.",
    description:
      "For a vrrp_instance that is not the address owner (priority below 255) and runs without accept mode " +
      "(`no_accept`, or strict mode, which turns accept mode off and, with VRRPv2, even overrides an explicit " +
      "`accept`), reports the instance. When the node's haproxy.cfg is known, the message names the bind that " +
      "serves the VIP (the VIP itself or a wildcard address); when HAProxy binds neither, nothing is reported. " +
      "Without a haproxy.cfg for the node it still warns.",
    why:
      "Without accept mode a VRRP backup-turned-master must not accept packets addressed to the VIP (RFC 5798). " +
      "keepalived implements this with nftables/iptables rules that drop traffic to the VIP while the node is MASTER " +
      "('use_vmac or no_accept/strict specified ... using nftables'). HAProxy listening on the VIP then receives " +
      "nothing: the failover 'works' and the service is down. This is a classic vrrp_strict + HAProxy mistake, often " +
      "copied from sample configurations.",
    sources: [
      "keepalived keepalived/vrrp/vrrp.c vrrp_complete_instance(): accept defaults to !strict_mode for non-owners; " +
        "'accept mode for VRRP version 2 does not comply with RFC3768 - resetting'",
      "keepalived keepalived/vrrp/vrrp_firewall.c firewall_handle_accept_mode()",
      "keepalived.conf(5) vrrp_strict, accept, no_accept",
    ],
    bad:
      "global_defs {\n    vrrp_strict\n}\nvrrp_instance VI_1 {\n    state BACKUP\n    priority 100\n" +
      "    virtual_ipaddress {\n        192.0.2.10/24\n    }\n}\n# haproxy.cfg: bind 192.0.2.10:443\n",
    good:
      "global_defs {\n}\nvrrp_instance VI_1 {\n    state BACKUP\n    priority 100\n    virtual_ipaddress {\n" +
      "        192.0.2.10/24\n    }\n}\n",
    realTool:
      "Nothing reports it at check time; at run time keepalived logs that it uses nftables for no_accept/strict, " +
      "and connections to the VIP time out.",
    reportedBy: "runtime",
  },
  messages: {
    dropsBoundVip: (data: { instance: string; why: string; vip: string; bind: string; fix: string }) =>
      `${data.instance}: ${data.why}, so while this node is MASTER keepalived installs firewall rules that drop ` +
      `traffic to ${data.vip}, and HAProxy's 'bind ${data.bind}' receives nothing through the VIP (${data.fix})`,
    dropsVipTraffic: (data: { instance: string; why: string; vip: string; fix: string }) =>
      `${data.instance}: ${data.why}, so while this node is MASTER keepalived installs firewall rules that drop ` +
      `traffic addressed to ${data.vip}; a service such as HAProxy listening on the VIP becomes unreachable ` +
      `(${data.fix})`,
  },
  check(ctx) {
    for (const { config, node } of keepalivedUnits(ctx)) {
      for (const inst of config.instances) {
        if (inst.vips.length === 0) continue;
        const drop = dropsVipTraffic(inst);
        if (!drop) continue;
        const vipText = inst.vips
          .slice(0, 2)
          .map((v) => v.address)
          .join(", ");
        const strictWord = inst.strict === config.vrrpStrict ? "vrrp_strict" : "strict_mode";
        const fix =
          inst.noAccept && !inst.strict
            ? "replace no_accept with accept"
            : inst.vrrpVersion === 2
              ? `remove ${strictWord}; with VRRPv2 an explicit accept does not survive strict mode`
              : `add accept, or remove ${strictWord}`;
        if (node.haproxy) {
          const bind = servingBind(node.haproxy, inst);
          if (!bind) continue;
          ctx.report({
            ...at(drop.cause),
            messageId: "dropsBoundVip",
            data: { instance: inst.name, why: drop.why, vip: bind.vip ?? vipText, bind: bind.text, fix },
            related: [{ file: bind.file, range: bind.range, message: "HAProxy serves the VIP here" }],
          });
        } else {
          ctx.report({
            ...at(drop.cause),
            messageId: "dropsVipTraffic",
            data: { instance: inst.name, why: drop.why, vip: vipText, fix },
          });
        }
      }
    }
  },
});
