import { parseIpAddress } from "../../model/ip-address.js";
import type { Server } from "../../model/types.js";
import { defineRule } from "../rule.js";
import { haproxyUnits } from "./haproxy-version.js";

/** A server address HAProxy resolves through DNS: not an IP literal, a socket path, an env reference or localhost. */
export function resolvedByName(server: Pick<Server, "host" | "address">): boolean {
  const host = server.host;
  if (!host || host.includes("$") || host.includes("@") || host.startsWith("/")) return false;
  if (server.address.includes("@")) return false;
  if (host === "localhost" || host.endsWith(".localhost")) return false;
  return parseIpAddress(host) === undefined && /^[A-Za-z0-9_.-]+$/.test(host) && /[A-Za-z]/.test(host);
}

export default defineRule({
  id: "HP080",
  name: "server-name-without-init-addr",
  severity: "warning",
  scope: "haproxy",
  docs: {
    summary:
      "A server named by host name with no `init-addr` fallback and no `resolvers`: HAProxy refuses to start when " +
      "DNS does not answer at boot.",
    description:
      "Looks at every `server` line (with the `default-server` options of its proxy and defaults) whose address is " +
      "a host name, not an IP address, a socket or `localhost` (libc answers that from /etc/hosts). Reported when " +
      "the server has no `resolvers` and no `init-addr`, or an `init-addr` list with neither `none` nor an IP " +
      "address in it.",
    why:
      "HAProxy resolves every server address once at start-up, in server.c srv_iterate_initaddr() (v2.6.12, v3.0.0, " +
      "v3.2.0): with no `init-addr` the methods are `last,libc`, and `none` is appended only when the server has " +
      "`resolvers`. When libc cannot resolve the name (DNS down at boot, the name not yet published, a split-horizon " +
      "view) and no method is left, it alerts 'could not resolve address' and 'Failed to initialize server(s) addr.' " +
      "and does not start: the node that should take the VIP serves nothing. With `none` in the list the server " +
      "starts in maintenance and the rest of the configuration runs; with `resolvers` the name is resolved again at " +
      "run time.",
    sources: [
      "haproxy src/server.c srv_iterate_initaddr() at v2.6.12, v3.0.0 and v3.2.0 (default 'last,libc'; 'none' added " +
        "when resolvers is set)",
      "haproxy doc/configuration.txt 'init-addr' (server and default-server options)",
      "openshift/router#656 (OCPBUGS-55506: the router's HAProxy failed at start-up when a server's FQDN did not " +
        "resolve; fixed with `default-server init-addr ... none` in defaults)",
      "vfarcic/docker-flow-proxy#224 ('could not resolve address' and 'Failed to initialize server(s) addr.' for a " +
        "service not yet in DNS)",
    ],
    bad: "backend be_api\n    server m1 api-1.k8s.internal:6443 check\n",
    good:
      "resolvers dns\n    parse-resolv-conf\n\nbackend be_api\n" +
      "    default-server init-addr last,libc,none resolvers dns\n    server m1 api-1.k8s.internal:6443 check\n",
    realTool:
      "haproxy -c resolves the names too: on a machine where the name does not resolve, 2.6.12, 3.0.11 and 3.2.26 " +
      "print \"could not resolve address 'api-1.example.invalid'\" and 'Failed to initialize server(s) addr.' and " +
      "exit 1; with 'init-addr last,libc,none', with 'resolvers' or with 'default-server init-addr libc,none' in " +
      "defaults they accept it and say 'could not resolve address ..., disabling server' (a WARNING in 2.6.12, a " +
      "NOTICE in 3.0.11 and 3.2.26). Where the name resolves, nothing is said.",
    reportedBy: "runtime",
  },
  messages: {
    noFallback: (data: { server: string; host: string }) =>
      `server '${data.server}' is named by host name '${data.host}' with no 'init-addr' fallback and no 'resolvers': ` +
      `HAProxy resolves it through libc at start-up (init-addr last,libc) and refuses to start if DNS does not ` +
      `answer ('could not resolve address'). Add 'init-addr last,libc,none' (the server then starts in ` +
      `maintenance) or 'resolvers'`,
    listWithoutFallback: (data: { server: string; host: string; methods: string }) =>
      `server '${data.server}' ('${data.host}') has 'init-addr ${data.methods}' with neither 'none' nor an IP ` +
      `address: when DNS does not answer at start-up HAProxy refuses to start ('could not resolve address'). Append ` +
      `',none' or a fallback address`,
  },
  check(ctx) {
    for (const { config } of haproxyUnits(ctx)) {
      for (const proxy of config.proxies) {
        for (const server of proxy.servers) {
          if (!resolvedByName(server)) continue;
          const name = `${proxy.name}/${server.name}`;
          const initAddr = server.options.get("init-addr");
          if (typeof initAddr === "string") {
            const methods = initAddr.split(",");
            if (methods.some((m) => m === "none" || parseIpAddress(m) !== undefined)) continue;
            const data = { server: name, host: server.host, methods: initAddr };
            ctx.report({
              file: server.location.file,
              range: server.location.range,
              messageId: "listWithoutFallback",
              data,
            });
            continue;
          }
          if (server.options.has("resolvers")) continue;
          const data = { server: name, host: server.host };
          ctx.report({ file: server.location.file, range: server.location.range, messageId: "noFallback", data });
        }
      }
    }
  },
});
