import type { KaStatement } from "../../syntax/keepalived/tree.js";
import { atLeast } from "../../schema/versions.js";
import { defineRule } from "../rule.js";
import { closingBrace } from "./block-close.js";
import { readLikeKeepalived } from "./statement-blocks.js";

const SCHEDULER_WORDS = new Set(["lb_algo", "lvs_sched"]);
const FORWARDING_WORDS = new Set(["lb_kind", "lvs_method"]);

function child(statement: KaStatement, names: ReadonlySet<string> | string): KaStatement | undefined {
  const wanted = typeof names === "string" ? new Set([names]) : names;
  return statement.block?.statements.find((s) => wanted.has(s.keyword.value));
}

function realServers(vs: KaStatement): KaStatement[] {
  return vs.block?.statements.filter((s) => s.keyword.value === "real_server") ?? [];
}

function portOf(server: KaStatement): number | undefined {
  const port = server.args[1]?.value;
  return port !== undefined && /^\d+$/.test(port) ? Number(port) : undefined;
}

export default defineRule({
  id: "KA052",
  name: "virtual-server-defaults",
  severity: "warning",
  scope: "keepalived",
  docs: {
    summary:
      "A virtual_server keepalived completes or changes: no real server, no protocol (UDP), protocol with fwmark, " +
      "no scheduler, no forwarding method, a real server twice, a port 0 or a real server port that does not match.",
    description:
      "Checks each `virtual_server` with an address or a fwmark (groups are left out) the way " +
      "validate_check_config() completes it after reading: a virtual server without `real_server` is removed; an " +
      "address without `protocol` is set to UDP; a fwmark with `protocol` has the protocol ignored; no `lb_algo` " +
      "gives `wlc`; no `lb_kind` anywhere gives NAT; a real server given twice is removed; port 0 without " +
      "`persistence_timeout` makes the service persistent; with DR or TUN a real server port other than the virtual " +
      "server's is reset to it, and with a fwmark cleared.",
    why:
      "keepalived runs with the completed service, not the written one: a TCP service without `protocol TCP` is " +
      "created as UDP and nothing answers; a forgotten `lb_kind` means NAT, which needs the real servers to route " +
      "back through the director.",
    sources: [
      "keepalived keepalived/check/check_data.c validate_check_config() at v2.2.7 ('has no real servers - " +
        "ignoring', 'no protocol set - defaulting to UDP', 'protocol specified for fwmark - protocol will be " +
        "ignored', 'no scheduler set, setting default', 'no forwarding method set, setting default NAT', 'is " +
        "duplicated - removing second rs', 'zero port only valid for persistent services - setting', 'ports don't " +
        "match - resetting', 'has port specified - clearing')",
      "keepalived keepalived/check/check_parser.c vs_end_handler() from v2.2.8 ('has no real servers - ignoring' on " +
        "the closing line, while the file is read)",
      'keepalived keepalived/include/ipvswrapper.h IPVS_DEF_SCHED "wlc"',
    ],
    bad: "virtual_server 192.0.2.100 80 {\n    real_server 192.0.2.11 80 {\n    }\n}\n",
    good:
      "virtual_server 192.0.2.100 80 {\n    protocol TCP\n    lb_algo rr\n    lb_kind DR\n" +
      "    real_server 192.0.2.11 80 {\n    }\n}\n",
    realTool:
      "keepalived -t prints 'Virtual server 192.0.2.100:80: no protocol set - defaulting to UDP' and the others on " +
      "no line (exit 5).",
    reportedBy: "keepalived -t",
  },
  messages: {
    noRealServers: () =>
      `this virtual_server has no real_server: keepalived removes it ('has no real servers - ignoring')`,
    noProtocol: () =>
      `this virtual_server has no 'protocol': keepalived creates it as UDP ('no protocol set - defaulting to ` +
      `UDP'); a TCP service then gets no connections (add 'protocol TCP')`,
    fwmarkProtocol: () => `a fwmark virtual_server takes no protocol: keepalived ignores 'protocol' here`,
    noScheduler: () =>
      `this virtual_server has no 'lb_algo': keepalived uses 'wlc' ('no scheduler set, setting default')`,
    noForwarding: () =>
      `neither this virtual_server nor its real servers have 'lb_kind': keepalived uses NAT ('no forwarding method ` +
      `set, setting default NAT'), which needs the real servers to route replies through this node`,
    duplicateRealServer: (data: { server: string }) =>
      `real_server ${data.server} is given twice in this virtual_server: keepalived removes this one`,
    zeroPort: () =>
      `port 0 is only valid for a persistent service: keepalived sets persistence_timeout ('zero port only valid ` +
      `for persistent services - setting')`,
    portReset: (data: { port: number; vsPort: number }) =>
      `with DR or TUN the real server port must be the virtual server's: keepalived resets ${data.port} to ` +
      `${data.vsPort} ('ports don't match - resetting')`,
    fwmarkPortCleared: (data: { port: number }) =>
      `a real server of a fwmark virtual_server with DR or TUN takes no port: keepalived clears ${data.port}`,
  },
  check(ctx) {
    for (const doc of ctx.keepalived) {
      for (const { statement: vs, blockId } of readLikeKeepalived(doc.statements, ctx.keepalivedKeywords).statements) {
        if (blockId !== "root" || vs.keyword.value !== "virtual_server" || !vs.block) continue;
        const first = vs.args[0]?.value;
        if (first === undefined || first === "group") continue;
        const fwmark = first === "fwmark";
        const place = { file: vs.file, range: vs.keyword.range };
        const servers = realServers(vs);
        if (servers.length === 0) {
          // from 2.2.8 vs_end_handler() removes it while the file is read, on its closing line
          const endHandler = atLeast("keepalived", ctx.settings.keepalivedVersion, "2.2.8");
          ctx.report({ ...(endHandler ? closingBrace(vs) : place), messageId: "noRealServers" });
          continue;
        }
        const protocol = child(vs, "protocol");
        const vsPort = fwmark ? undefined : portOf(vs);
        if (!fwmark && !protocol) ctx.report({ ...place, messageId: "noProtocol" });
        if (fwmark && protocol)
          ctx.report({ file: protocol.file, range: protocol.keyword.range, messageId: "fwmarkProtocol" });
        if (!fwmark && (vsPort ?? 0) === 0 && vs.args[1] !== undefined && !child(vs, "persistence_timeout"))
          ctx.report({ ...place, messageId: "zeroPort" });
        if (!child(vs, SCHEDULER_WORDS)) ctx.report({ ...place, messageId: "noScheduler" });
        const vsForwarding = child(vs, FORWARDING_WORDS)?.args[0]?.value;
        if (!vsForwarding && servers.some((rs) => !child(rs, FORWARDING_WORDS)))
          ctx.report({ ...place, messageId: "noForwarding" });
        const seen = new Set<string>();
        for (const rs of servers) {
          const key = `${rs.args[0]?.value ?? ""} ${portOf(rs) ?? vsPort ?? 0}`;
          const rsPlace = { file: rs.file, range: rs.keyword.range };
          if (seen.has(key)) {
            ctx.report({ ...rsPlace, messageId: "duplicateRealServer", data: { server: key.replace(" ", ":") } });
            continue;
          }
          seen.add(key);
          const method = child(rs, FORWARDING_WORDS)?.args[0]?.value ?? vsForwarding ?? "NAT";
          const port = portOf(rs);
          if (method === "NAT" || port === undefined || port === 0) continue;
          if (fwmark) ctx.report({ ...rsPlace, messageId: "fwmarkPortCleared", data: { port } });
          else if (vsPort !== undefined && port !== vsPort)
            ctx.report({ ...rsPlace, messageId: "portReset", data: { port, vsPort } });
        }
      }
    }
  },
});
