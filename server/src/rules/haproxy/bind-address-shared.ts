import type { Bind, BindAddress, Proxy } from "../../model/types.js";
import { defineRule } from "../rule.js";
import { describeProxy, haproxyConfigs, isActive, lineOf } from "./proxy-index.js";

interface Listener {
  proxy: Proxy;
  bind: Bind;
  address: BindAddress;
  ports: [number, number];
  scope: string;
}

function portRange(port: string | undefined): [number, number] | undefined {
  const m = /^(\d+)(?:-(\d+))?$/.exec(port ?? "");
  if (!m) return undefined;
  return [Number(m[1]), Number(m[2] ?? m[1])];
}

function listeners(proxies: Proxy[]): Listener[] {
  const out: Listener[] = [];
  for (const proxy of proxies) {
    if ((proxy.kind !== "frontend" && proxy.kind !== "listen") || !isActive(proxy)) continue;
    for (const bind of proxy.binds) {
      // Sockets bound to a device or in another namespace do not share the kernel's lookup.
      const scope = `${bind.options.get("interface") ?? ""}|${bind.options.get("namespace") ?? ""}`;
      for (const address of bind.addresses) {
        if ((address.family !== 4 && address.family !== 6) || address.variables !== undefined) continue;
        const ports = portRange(address.port);
        if (ports) out.push({ proxy, bind, address, ports, scope });
      }
    }
  }
  return out;
}

function overlap(a: Listener, b: Listener): number | undefined {
  if (a.scope !== b.scope || a.address.family !== b.address.family) return undefined;
  if (!(a.address.wildcard || b.address.wildcard || a.address.host === b.address.host)) return undefined;
  const lo = Math.max(a.ports[0], b.ports[0]);
  return lo <= Math.min(a.ports[1], b.ports[1]) ? lo : undefined;
}

export default defineRule({
  id: "HP014",
  name: "bind-address-shared",
  severity: "warning",
  scope: "haproxy",
  docs: {
    summary: "Two proxies bind the same address and port (or a wildcard and a specific address on the same port).",
    description:
      "Indexes the `bind` addresses of every frontend and listen section (port ranges included, UNIX sockets and " +
      "addresses of unset environment variables excluded; binds on different `interface`/`namespace` are kept " +
      "apart) and reports a bind whose address and port another proxy of the file already binds, either exactly or " +
      "through a wildcard (`*:80` against `192.0.2.10:80`).",
    why:
      "HAProxy sets SO_REUSEPORT on its listeners, so a second proxy on the same address and port starts without " +
      "error and the kernel spreads new connections between the two proxies: a part of the traffic gets the other " +
      "proxy's rules and backends. With a wildcard and a specific address, the specific bind takes every connection " +
      "to its address and the wildcard proxy only gets the rest, which is rarely what was meant. `haproxy -c` does " +
      "not bind and says nothing.",
    sources: [
      "HAProxy 2.6.12 src/sock_inet.c sock_inet_bind_receiver() (SO_REUSEPORT unless 'noreuseport')",
      "HAProxy configuration manual 5.1 'bind' and global 'noreuseport'",
      "Linux socket(7) SO_REUSEPORT",
    ],
    bad: "frontend www\n    bind :80\n    default_backend web\n\nfrontend api\n    bind :80\n    default_backend api\n",
    good: "frontend www\n    bind :80\n    use_backend api if { hdr(host) -i api.example.org }\n    default_backend web\n",
    realTool: "haproxy -c is silent (it does not bind); at run time both proxies listen.",
    reportedBy: "none",
  },
  messages: {
    sameAddress: (data: { proxy: string; address: string; other: string; otherAddress: string; port: number }) =>
      `${data.proxy} binds '${data.address}', which ${data.other} already binds as '${data.otherAddress}': both ` +
      `listen (SO_REUSEPORT) and the kernel spreads new connections on port ${data.port} between the two proxies at ` +
      `random; keep one bind and route with use_backend`,
    wildcardAndSpecific: (data: {
      proxy: string;
      address: string;
      other: string;
      otherAddress: string;
      host: string;
      port: number;
      specific: string;
      wildcard: string;
    }) =>
      `${data.proxy} binds '${data.address}' and ${data.other} binds '${data.otherAddress}': connections to ` +
      `${data.host}:${data.port} go to ${data.specific} only, and ${data.wildcard} gets port ${data.port} on every ` +
      `other address; use distinct ports or one frontend`,
  },
  check(ctx) {
    for (const config of haproxyConfigs(ctx)) {
      const all = listeners(config.proxies);
      const reported = new Set<Bind>();
      for (let j = 0; j < all.length; j++) {
        const b = all[j];
        if (reported.has(b.bind)) continue;
        for (let i = 0; i < j; i++) {
          const a = all[i];
          if (a.proxy === b.proxy) continue;
          const port = overlap(a, b);
          if (port === undefined) continue;
          reported.add(b.bind);
          const other = `${describeProxy(a.proxy)} (line ${lineOf(a.bind.location)})`;
          const common = {
            proxy: describeProxy(b.proxy),
            address: b.address.text,
            other,
            otherAddress: a.address.text,
            port,
          };
          const specific = a.address.wildcard ? b : a;
          const wild = a.address.wildcard ? a : b;
          const report =
            a.address.wildcard === b.address.wildcard
              ? ({ messageId: "sameAddress", data: common } as const)
              : ({
                  messageId: "wildcardAndSpecific",
                  data: {
                    ...common,
                    host: specific.address.host,
                    specific: describeProxy(specific.proxy),
                    wildcard: describeProxy(wild.proxy),
                  },
                } as const);
          ctx.report({
            file: b.bind.location.file,
            range: b.bind.location.range,
            ...report,
            related: [
              { file: a.bind.location.file, range: a.bind.location.range, message: `the other bind of port ${port}` },
            ],
          });
          break;
        }
      }
    }
  },
});
