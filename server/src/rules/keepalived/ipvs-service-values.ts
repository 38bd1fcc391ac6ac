import { readSocketAddress } from "../../model/ip-address.js";
import type { KaStatement, KaWord } from "../../syntax/keepalived/tree.js";
import { defineRule } from "../rule.js";
import { readLikeKeepalived } from "./statement-blocks.js";

/** check_parser.c lvs_schedulers[] (the same list at v2.2.7, v2.3.3 and v2.3.4). */
const SCHEDULERS = new Set(["rr", "wrr", "lc", "wlc", "lblc", "sh", "mh", "dh", "fo", "ovf", "lblcr", "sed", "nq"]);
SCHEDULERS.add("twos");
/** svr_forwarding_handler(): the words after the method, with a value (type, port) or without (the checksums). */
const TUNNEL_VALUE_OPTIONS = new Set(["type", "port"]);
const TUNNEL_FLAG_OPTIONS = new Set(["nocsum", "csum", "remcsum"]);
const FORWARDING_METHODS = new Set(["NAT", "DR", "TUN"]);

/** The first word after the forwarding method that svr_forwarding_handler() refuses as a tunnel option. */
function badTunnelOption(statement: KaStatement): KaWord | undefined {
  if (!FORWARDING_METHODS.has(statement.args[0]?.value ?? "")) return undefined;
  for (let index = 1; index < statement.args.length; index++) {
    const word = statement.args[index].value;
    if (TUNNEL_VALUE_OPTIONS.has(word)) {
      // A missing or unknown value has messages of its own ('Missing tunnel type', 'Unknown tunnel type').
      index++;
      continue;
    }
    if (!TUNNEL_FLAG_OPTIONS.has(word)) return statement.args[index];
  }
  return undefined;
}

/** inet_stosockaddr() with a port: the port read_unsigned() takes in 1..65535 (all zeros: no port), then the address. */
function readableService(address: string, port: string | undefined): boolean {
  if (port !== undefined && /[^0]/.test(port)) {
    if (!/^\d+$/.test(port) || Number(port) < 1 || Number(port) > 65535) return false;
  }
  return readSocketAddress(address).address !== undefined;
}

export default defineRule({
  id: "KA101",
  name: "ipvs-service-values",
  severity: "warning",
  scope: "keepalived",
  docs: {
    summary:
      "An IPVS value keepalived's checker refuses: an unknown scheduler, a word after the forwarding method that is " +
      "no tunnel option, a virtual_server or virtual_server_group address (or port) it cannot read.",
    description:
      "Reports `lb_algo`/`lvs_sched` values outside keepalived's scheduler list (rr, wrr, lc, wlc, lblc, sh, mh, dh, " +
      "fo, ovf, lblcr, sed, nq, twos: case and quotes count, so `'rr'` is not rr); a word after `lb_kind`/" +
      "`lvs_method` NAT, DR or TUN other than `type X`, `port N`, `nocsum`, `csum`, `remcsum`; a `virtual_server` " +
      "whose address (a '-range' or '/mask' is cut first) or port (1..65535, or zeros for none) keepalived cannot " +
      "read; a `virtual_server_group` entry of the same kind.",
    why:
      "keepalived runs on in each case, with less than the file says. An unknown scheduler is ignored and the " +
      "service gets the default 'wlc' ('no scheduler set, setting default'); after a word that is no tunnel option " +
      "keepalived ignores the rest of the line (a TUN service then keeps the default tunnel type); a virtual_server " +
      "whose address it cannot read is skipped with its whole block, so that service and its real servers never " +
      "exist; a group entry it cannot read is left out of the group.",
    sources: [
      "keepalived 2.2.7 keepalived/check/check_parser.c lbalgo_handler() and lvs_schedulers[] ('Invalid " +
        "lvs_scheduler '%s' - ignoring'), svr_forwarding_handler() ('Invalid tunnel option %s for %s server.'); " +
        "the same at v2.3.3 and v2.3.4",
      "keepalived 2.2.7 keepalived/check/check_data.c alloc_vs() ('Invalid virtual server IP address/port ... - " +
        "skipping', skip_block()), alloc_vsg_entry() ('Invalid virtual server group IP address ... - skipping'); " +
        "lib/utils.c inet_stosockaddr()",
      "keepalived 2.2.7 keepalived/check/check_data.c validate_check_config() ('no scheduler set, setting default')",
    ],
    bad:
      "virtual_server 192.0.2.10 80 {\n    lb_algo RR\n    lb_kind NAT extra\n    protocol TCP\n" +
      "    real_server 192.0.2.21 80 {\n        weight 1\n    }\n}\n",
    good:
      "virtual_server 192.0.2.10 80 {\n    lb_algo rr\n    lb_kind NAT\n    protocol TCP\n" +
      "    real_server 192.0.2.21 80 {\n        weight 1\n    }\n}\n",
    realTool:
      "keepalived -t prints \"Invalid lvs_scheduler 'RR' - ignoring\", 'Invalid tunnel option extra for virtual " +
      "server.', 'Invalid virtual server IP address/port localhost-/443 - skipping' or 'Invalid virtual server " +
      "group IP address VI_1  - skipping' on the line and goes on (exit 5); checked on 2.2.7, 2.3.3 and 2.3.4.",
    reportedBy: "keepalived -t",
  },
  messages: {
    scheduler: (data: { keyword: string; value: string }) =>
      `${data.keyword} '${data.value}' is not a scheduler keepalived knows (rr, wrr, lc, wlc, sh, mh, ...): it ` +
      `reports "Invalid lvs_scheduler '${data.value}' - ignoring" and the service gets the default scheduler`,
    tunnelOption: (data: { keyword: string; word: string }) =>
      `'${data.word}' is no tunnel option of ${data.keyword} (type, port, nocsum, csum, remcsum): keepalived reports ` +
      `'Invalid tunnel option ${data.word} ...' and ignores the rest of the line`,
    serviceAddress: (data: { address: string }) =>
      `keepalived cannot read the address or port of virtual_server ${data.address}: it reports 'Invalid virtual ` +
      `server IP address ... - skipping' and skips the whole block, so this service never exists`,
    groupEntry: (data: { address: string }) =>
      `keepalived cannot read '${data.address}' as an address (or its port): it reports 'Invalid virtual server ` +
      `group IP address ... - skipping' and leaves the entry out of the group`,
  },
  check(ctx) {
    for (const doc of ctx.keepalived) {
      for (const { statement, blockId } of readLikeKeepalived(doc.statements, ctx.keepalivedKeywords).statements) {
        const keyword = statement.keyword.value;
        const place = { file: statement.file, range: statement.range };
        const first = statement.args[0];
        if (blockId === "root" && keyword === "virtual_server" && first) {
          if (first.value === "group" || first.value === "fwmark") continue;
          if (!readableService(first.value, statement.args[1]?.value))
            ctx.report({ ...place, messageId: "serviceAddress", data: { address: first.value } });
        } else if (blockId === "root" && keyword === "virtual_server_group") {
          for (const entry of statement.block?.statements ?? []) {
            if (entry.keyword.value === "fwmark") continue;
            if (!readableService(entry.keyword.value, entry.args[0]?.value))
              ctx.report({
                file: entry.file,
                range: entry.range,
                messageId: "groupEntry",
                data: { address: entry.keyword.value },
              });
          }
        } else if (blockId === "virtual_server" && (keyword === "lb_algo" || keyword === "lvs_sched") && first) {
          if (!SCHEDULERS.has(first.value))
            ctx.report({ ...place, messageId: "scheduler", data: { keyword, value: first.value } });
        } else if (
          (blockId === "virtual_server" && (keyword === "lb_kind" || keyword === "lvs_method")) ||
          (blockId === "virtual_server/real_server" && keyword === "lvs_method")
        ) {
          const word = badTunnelOption(statement);
          if (word)
            ctx.report({
              file: word.file,
              range: word.range,
              messageId: "tunnelOption",
              data: { keyword, word: word.value },
            });
        }
      }
    }
  },
});
