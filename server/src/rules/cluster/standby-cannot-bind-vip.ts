import { sameAddress } from "../../model/ip-address.js";
import { defineRule } from "../rule.js";
import { nodeBinds, nodeVips } from "./router-view.js";

export default defineRule({
  id: "HA013",
  name: "standby-cannot-bind-vip",
  severity: "error",
  scope: "cluster",
  docs: {
    summary: "HAProxy binds a VIP on a node that may not hold it, without ip_nonlocal_bind or `transparent`.",
    description:
      "For every bind of a node's haproxy.cfg on one of its VIPs, checks that the node's sysctl files set " +
      "net.ipv4.ip_nonlocal_bind=1 (net.ipv6.ip_nonlocal_bind=1 for IPv6) — read from etc/sysctl.conf and " +
      "etc/sysctl.d/*.conf of an /etc tree, or sysctl.conf and sysctl.d/*.conf beside the node's files — or that " +
      "the bind line has the `transparent` option.",
    why:
      "The standby does not hold the VIP, so binding it fails: HAProxy logs 'cannot bind socket (Cannot assign " +
      "requested address)' and refuses to start. `haproxy -c` does not bind and cannot see it. After a failover the " +
      "VIP lands on a node whose HAProxy is not running.",
    sources: [
      "Linux ip-sysctl: ip_nonlocal_bind",
      "HAProxy configuration manual 5.1 'transparent'",
      "SEMANTICS.md 2.3 (verified in a network namespace)",
    ],
    bad: "frontend web\n    bind 192.0.2.100:80     # the VIP; lb02 has no net.ipv4.ip_nonlocal_bind=1\n",
    good: "# /etc/sysctl.d/99-haproxy.conf on every node:\nnet.ipv4.ip_nonlocal_bind = 1\n",
    realTool: "haproxy -c accepts it (it does not bind); only starting HAProxy fails.",
    reportedBy: "runtime",
    severityNote:
      "Error when the node's sysctl files are known and lack the setting; warning when ha-lint was given no sysctl " +
      "file for the node (it cannot tell).",
  },
  messages: {
    sysctlMissing: (data: { proxy: string; vip: string; node: string; found: string; key: string }) =>
      `'${data.proxy}' binds the VIP ${data.vip} but ${data.node}'s sysctl files ${data.found}: while ${data.node} ` +
      `is backup it does not hold the VIP and HAProxy fails to start ('Cannot assign requested address'). Set ` +
      `${data.key} = 1 or add 'transparent' to the bind.`,
    sysctlUnknown: (data: { proxy: string; vip: string; key: string; node: string }) =>
      `'${data.proxy}' binds the VIP ${data.vip}: on the node that does not hold the VIP HAProxy fails to start ` +
      `unless ${data.key} = 1 (no sysctl file was given for ${data.node}, so ha-lint cannot tell). Set it in ` +
      `/etc/sysctl.d or add 'transparent' to the bind.`,
  },
  check(ctx) {
    for (const cluster of ctx.clusters) {
      for (const node of cluster.nodes) {
        const vips = [...nodeVips(node)];
        for (const { bind, proxy } of nodeBinds(node)) {
          if (bind.transparent) continue;
          for (const a of bind.addresses) {
            const vip = vips.find((v) => sameAddress(v, a.host));
            if (!vip) continue;
            const key = a.family === 6 ? "net.ipv6.ip_nonlocal_bind" : "net.ipv4.ip_nonlocal_bind";
            const setting = node.sysctl?.get(key);
            if (setting?.value === "1") continue;
            const known = node.sysctl !== undefined;
            ctx.report({
              file: bind.location.file,
              range: bind.location.range,
              severity: known ? "error" : "warning",
              ...(known
                ? {
                    messageId: "sysctlMissing" as const,
                    data: {
                      proxy,
                      vip: a.text,
                      node: node.name,
                      found: setting ? `set ${key} = ${setting.value}` : `do not set ${key} = 1`,
                      key,
                    },
                  }
                : { messageId: "sysctlUnknown" as const, data: { proxy, vip: a.text, key, node: node.name } }),
              related: setting
                ? [{ file: setting.location.file, range: setting.location.range, message: `${key} = ${setting.value}` }]
                : undefined,
            });
          }
        }
      }
    }
  },
});
