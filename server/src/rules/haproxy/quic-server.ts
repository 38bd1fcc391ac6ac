import { minorOf } from "../../schema/versions.js";
import { defineRule } from "../rule.js";
import { describeProxy } from "./proxy-index.js";
import { haproxyUnits } from "./haproxy-version.js";

/** The address prefixes str2sa_range() reads as QUIC: a datagram socket carrying a stream transport. */
const QUIC_PREFIX = /^quic[46]@/;

/** Whether HAProxy `version` refuses a QUIC server: the 3.2 branch after 3.2.0 (see the rule's docs). */
function refusesQuicServers(version: string): boolean {
  return minorOf(version) === "3.2" && version !== "3.2.0";
}

export default defineRule({
  id: "HP064",
  name: "quic-server",
  severity: "error",
  scope: "haproxy",
  docs: {
    summary:
      "A server with a QUIC address (`quic4@`, `quic6@`), which HAProxy 3.2 refuses: it has no QUIC on the backend " +
      "side.",
    description:
      "Reports every `server` line of a proxy whose address starts with `quic4@` or `quic6@` when the target " +
      "version is a 3.2 release that rejects QUIC servers. HAProxy implements QUIC only for listeners; the 3.2 " +
      "branch refuses such a server while parsing it, and the whole configuration with it.",
    why:
      "Upstream commit 1ecf2e9ba ('BUG/MINOR: config/server: reject QUIC addresses', June 2025) added to " +
      "_srv_parse_init() (src/server.c) a refusal of any server whose address is a datagram socket with a stream " +
      "transport, that is a QUIC address: 'QUIC protocol is unsupported on the backend side.'; it was marked for " +
      "backport to the stable branches. The v3.2.0 tag does not have it, Debian's 3.2.26 does (checked with haproxy " +
      "-c: the alert, then \"unknown keyword 'quic4@...'\", exit 1). Debian's 3.0.11 accepts the same server " +
      "silently (its branch did not get the check), and from 3.3 such a server is an experimental feature instead " +
      "(commit f66b495f8), so nothing is reported for those versions. Debian's 2.6.12 is built without QUIC and " +
      "refuses any quic4@ address ('QUIC is not compiled in'), a fact of the build rather than of the configuration.",
    sources: [
      "HAProxy upstream commit 1ecf2e9ba, src/server.c _srv_parse_init() (the check; absent from the v3.2.0 tag, " +
        "present in the 3.2.26 binary)",
      "HAProxy src/tools.c str2sa_range() (quic4@/quic6@: PROTO_TYPE_DGRAM with PROTO_TYPE_STREAM transport)",
      "haproxy -c 3.2.26 (Debian sid), 3.0.11 (Debian trixie) and 2.6.12 (Debian bookworm) on server lines with " +
        "quic4@ and quic6@ addresses",
    ],
    bad: "backend be_h3\n    server h3 quic4@192.0.2.20:443 ssl verify none\n",
    good: "backend be_h3\n    server h3 192.0.2.20:443 ssl verify none alpn h2\n",
    realTool:
      'haproxy -c 3.2.26: "\'server be_h3/h3\' : QUIC protocol is unsupported on the backend side." and "unknown ' +
      "keyword 'quic4@192.0.2.20:443'.\", exit 1; 3.0.11 accepts the line.",
    reportedBy: "haproxy -c",
    versions: "3.2 after 3.2.0 (checked on 3.2.26); not 3.2.0, 3.0 (3.0.11 accepts), 3.4 (experimental there).",
  },
  messages: {
    refused: (data: { server: string; proxy: string; address: string; version: string }) =>
      `server '${data.server}' of ${data.proxy} has the QUIC address '${data.address}': HAProxy ${data.version} has ` +
      `no QUIC on the backend side and refuses to start ('QUIC protocol is unsupported on the backend side'); use a ` +
      `TCP address (HTTP/2 or HTTP/1.1 over TLS) for servers`,
  },
  check(ctx) {
    for (const unit of haproxyUnits(ctx)) {
      if (!refusesQuicServers(unit.version)) continue;
      for (const proxy of unit.config.proxies)
        for (const server of proxy.servers) {
          if (!QUIC_PREFIX.test(server.address)) continue;
          const data = {
            server: server.name,
            proxy: describeProxy(proxy),
            address: server.address,
            version: unit.version,
          };
          ctx.report({ file: server.location.file, range: server.location.range, messageId: "refused", data });
        }
    }
  },
});
