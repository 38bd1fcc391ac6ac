import type { KeepalivedConfig, VrrpInstance } from "../../model/types.js";
import type { KaStatement } from "../../syntax/keepalived/tree.js";
import { atLeast } from "../../schema/versions.js";
import { defineRule } from "../rule.js";
import { closingBrace } from "./block-close.js";
import { at, keepalivedUnits } from "./ka-model.js";

/** Keywords that make an instance unicast when it has peers (keepalived/vrrp/vrrp_parser.c at v2.2.7). */
const UNICAST_KEYWORDS = new Set([
  "unicast_src_ip",
  "unicast_peer",
  "check_unicast_src",
  "old_unicast_checksum",
  "unicast_fault_no_peer",
]);

/** The last owner_ignore_adverts line vrrp_owner_ignore_adverts_handler() takes (2.3: no word or a true/false word). */
function ownerIgnoreAdverts(lines: KaStatement[]): { statement: KaStatement; on: boolean } | undefined {
  let last: { statement: KaStatement; on: boolean } | undefined;
  for (const statement of lines) {
    if (statement.keyword.value !== "owner_ignore_adverts") continue;
    const word = statement.args[0]?.value;
    if (word === undefined || ["true", "on", "yes"].includes(word)) last = { statement, on: true };
    else if (["false", "off", "no"].includes(word)) last = { statement, on: false };
  }
  return last;
}

function instanceStatement(config: KeepalivedConfig, inst: VrrpInstance): KaStatement | undefined {
  return config.document.statements.find((s) => s.keyword.value === "vrrp_instance" && s.range === inst.location.range);
}

export default defineRule({
  id: "KA055",
  name: "instance-settings-reset",
  severity: "warning",
  scope: "keepalived",
  docs: {
    summary:
      "vrrp_instance settings keepalived drops or resets: unicast keywords without peers, unicast_ttl without " +
      "peers, mcast_dst_ip with unicast, nopreempt on the address owner, preempt_delay with nopreempt, a loopback " +
      "interface, no interface and no usable unicast_src_ip (2.3).",
    description:
      "Reports, for each vrrp_instance, what keepalived's end handler and vrrp_complete_instance() change: a " +
      "unicast keyword (unicast_src_ip, an empty unicast_peer block, check_unicast_src ...) with no peer makes the " +
      "instance multicast; unicast_ttl without peers is reset; mcast_dst_ip is ignored with unicast peers; " +
      "nopreempt is cleared on an address owner (priority 255) and preempt_delay with nopreempt; `interface lo` is " +
      "refused, and the instance is then without interface, which stops the VRRP process. From keepalived 2.3, " +
      "`owner_ignore_adverts` is ignored below priority 255, and `owner_ignore_adverts false` is turned on at " +
      "priority 255 (the message says strict mode requires it, though keepalived does so with or without).",
    why:
      "Each of these reads like a setting but is not what keepalived runs: the unicast instance silently talks " +
      "multicast (and a peer that stayed on unicast does not hear it), the owner preempts despite nopreempt, and an " +
      "instance on `lo` makes keepalived exit at start-up.",
    sources: [
      "keepalived keepalived/vrrp/vrrp.c vrrp_complete_instance() at v2.2.7 ('A unicast keyword has been specified " +
        "without any unicast peers. Defaulting to multicast.', 'multicast destination specified with unicast - " +
        "ignoring', 'nopreempt is incompatible with priority 255. resetting nopreempt', 'preempt_delay is " +
        "incompatible with nopreempt mode - resetting')",
      "keepalived keepalived/vrrp/vrrp_parser.c vrrp_end_handler() ('Cannot use unicast_ttl without unicast peers " +
        "- resetting') and vrrp_int_handler() ('cannot use a loopback interface (%s) for vrrp - ignoring') at " +
        "v2.2.7; chk_min_cfg() ('Unknown interface!') fails vrrp_complete_init()",
      "keepalived 2.2.7 vrrp/vrrp.c vrrp_complete_init(): chk_min_cfg() runs on every instance before " +
        "vrrp_complete_instance() sets VRRP_FLAG_UNICAST, so an instance without interface fails it even with " +
        "unicast peers",
      "keepalived 2.3.3 and 2.3.4 vrrp/vrrp.c chk_min_cfg() tests VRRP_FLAG_UNICAST_CONFIGURED, set by " +
        "vrrp_parser.c vrrp_unicast_peer_handler(); vrrp_complete_instance() then removes each address without its " +
        "own device ('(%s): no interface for %svip %s - removing') and warns when none is left ('No VIP specified; " +
        "at least one is sensible')",
      "keepalived vrrp/vrrp.c vrrp_complete_instance() at v2.2.7, v2.3.3 and v2.3.4: the VIPs past what one advert " +
        "holds (at most VRRP_MAX_ADDR 255; the interface MTU less the Ethernet, IP and VRRP headers, over 4 or 16 " +
        "bytes an address: 255 for IPv4 from an MTU of 1070, 89 for IPv6 at 1500) are moved to the eVIPs ('(%s) " +
        "Number of VIPs (%u) exceeds maximum/space available in packet (max %zu addresses) - excess moved to eVIPs')",
      "keepalived 2.3.3 and 2.3.4 vrrp/vrrp.c vrrp_complete_instance(): an instance without interface needs a source " +
        "from the file (VRRP_FLAG_SADDR_FROM_CONFIG, set by vrrp_parser.c vrrp_srcip_handler() for unicast_src_ip " +
        "and mcast_src_ip) and, for IPv6, one that is not link-local; otherwise it returns false ('(%s): Unicast " +
        "instances must have unicast_src_ip or interface', '(%s) Non link-local address required if interface " +
        "omitted') and vrrp_complete_init() fails. In 2.2.7 chk_min_cfg() ('Unknown interface!') stops first, so " +
        "2.2.7 never prints these two",
      "keepalived 2.3.3 and 2.3.4 vrrp/vrrp.c vrrp_complete_instance() ('(%s) ignoring owner_ignore_adverts since " +
        "priority is not %d'; '(%s) strict_mode with priority %d requires owner_ignore_adverts', in a branch that " +
        "does not test strict mode) and vrrp_parser.c vrrp_owner_ignore_adverts_handler()",
    ],
    bad:
      "vrrp_instance VI_1 {\n    interface eth0\n    unicast_src_ip 192.0.2.11\n    unicast_ttl 10\n" +
      "    priority 255\n    nopreempt\n}\n",
    good:
      "vrrp_instance VI_1 {\n    interface eth0\n    unicast_src_ip 192.0.2.11\n    unicast_peer {\n" +
      "        192.0.2.12\n    }\n    unicast_ttl 10\n    priority 150\n    nopreempt\n}\n",
    realTool:
      "keepalived -t prints '(VI_1) A unicast keyword has been specified without any unicast peers. Defaulting to " +
      "multicast. ...' and the others, on no line or on the instance's closing line (exit 5).",
    reportedBy: "keepalived -t",
    severityNote:
      "error for `interface lo` and for an instance without interface where chk_min_cfg() fails (2.2: any such " +
      "instance; 2.3: one without a unicast_peer block, or with one but no unicast_src_ip or a link-local one), since vrrp_complete_init() fails and keepalived's VRRP " +
      "process stops (-t still exits 5); warning for the others (keepalived runs with the setting changed).",
    versions:
      "2.2 reports 'Unknown interface!' for every instance without interface, unicast peers or not (checked on " +
      "keepalived 2.2.7); from 2.3 a unicast_peer block lets it run without one, and only the addresses without " +
      "`dev` are removed, provided unicast_src_ip gives the source (checked on 2.3.3 and 2.3.4).",
  },
  messages: {
    unicastWithoutPeers: (data: { instance: string; keyword: string }) =>
      `${data.instance} has '${data.keyword}' but no unicast peer: keepalived runs it with multicast ('A unicast ` +
      `keyword has been specified without any unicast peers. Defaulting to multicast'); peers on unicast do not hear ` +
      `it`,
    ttlWithoutPeers: (data: { instance: string }) =>
      `${data.instance} has unicast_ttl but no unicast peer: keepalived resets it ('Cannot use unicast_ttl without ` +
      `unicast peers - resetting')`,
    mcastWithUnicast: (data: { instance: string }) =>
      `${data.instance} has unicast peers: keepalived ignores mcast_dst_ip ('multicast destination specified with ` +
      `unicast - ignoring')`,
    nopreemptOwner: (data: { instance: string }) =>
      `${data.instance} has priority 255 (the address owner): keepalived clears nopreempt ('nopreempt is ` +
      `incompatible with priority 255. resetting nopreempt'), so it takes the VIP back whenever it comes up`,
    delayWithNopreempt: (data: { instance: string }) =>
      `${data.instance} has nopreempt: keepalived resets preempt_delay to 0 ('preempt_delay is incompatible with ` +
      `nopreempt mode - resetting')`,
    noInterfaceDespitePeers: (data: { instance: string; version: string }) =>
      `${data.instance} has no interface: keepalived ${data.version} reports '(${data.instance}) Unknown interface!' ` +
      `even with unicast peers (chk_min_cfg() runs before the instance is marked unicast), its VRRP process stops ` +
      `and keepalived does not run on this node (add 'interface <name>')`,
    vipWithoutInterface: (data: { instance: string; address: string; version: string }) =>
      `${data.instance} has no interface and ${data.address} no 'dev': keepalived ${data.version} removes this ` +
      `address ('no interface for vip ... - removing'), so the instance never holds it`,
    noInterface: (data: { instance: string }) =>
      `${data.instance} has no interface and no unicast peer: keepalived reports '(${data.instance}) Unknown ` +
      `interface!', its VRRP process stops and keepalived does not run on this node (add 'interface <name>')`,
    ownerIgnoreIgnored: (data: { instance: string; priority: number }) =>
      `${data.instance} has priority ${data.priority}, not 255: keepalived ignores owner_ignore_adverts ('ignoring ` +
      `owner_ignore_adverts since priority is not 255')`,
    ownerIgnoreForced: (data: { instance: string }) =>
      `${data.instance} has priority 255: keepalived turns owner_ignore_adverts on anyway ('strict_mode with ` +
      `priority 255 requires owner_ignore_adverts'), so the owner ignores adverts from other nodes (remove the line)`,
    unicastNoSource: (data: { instance: string }) =>
      `${data.instance} has no interface and no unicast_src_ip: keepalived reports '(${data.instance}): Unicast ` +
      `instances must have unicast_src_ip or interface', its VRRP process stops and keepalived does not run on this ` +
      `node`,
    linkLocalSource: (data: { instance: string; address: string }) =>
      `${data.instance} has no interface and the link-local source ${data.address}: keepalived reports ` +
      `'(${data.instance}) Non link-local address required if interface omitted', its VRRP process stops and ` +
      `keepalived does not run on this node`,
    tooManyVips: (data: { instance: string; count: number }) =>
      `${data.instance} has ${data.count} IPv4 VIPs and an advert carries at most 255: keepalived moves this one and ` +
      `the ones after it to the excluded VIPs ('Number of VIPs (${data.count}) exceeds maximum/space available in ` +
      `packet (max 255 addresses) - excess moved to eVIPs'), so the peers no longer check them in adverts`,
    tooManyVips6: (data: { instance: string; count: number }) =>
      `${data.instance} has ${data.count} IPv6 VIPs and an advert on an interface with the usual MTU of 1500 carries ` +
      `at most 89 (fewer with a smaller MTU): keepalived moves this one and the ones after it to the excluded VIPs ` +
      `('Number of VIPs (${data.count}) exceeds maximum/space available in packet ... - excess moved to eVIPs')`,
    loopback: (data: { instance: string }) =>
      `keepalived cannot run VRRP on the loopback interface: it ignores 'interface lo', reports '(${data.instance}) ` +
      `Unknown interface!' and its VRRP process stops, so keepalived does not run on this node`,
  },
  check(ctx) {
    for (const { config, node } of keepalivedUnits(ctx)) {
      for (const inst of config.instances) {
        const statement = instanceStatement(config, inst);
        const lines = statement?.block?.statements ?? [];
        const find = (keyword: string): KaStatement | undefined => lines.find((l) => l.keyword.value === keyword);
        const data = { instance: inst.name };
        const peers = inst.unicastPeers.length > 0;
        if (inst.interface?.value === "lo")
          ctx.report({ ...at(inst.interface.location), severity: "error", messageId: "loopback", data });
        // chk_min_cfg(): no interface is only allowed for unicast; 2.2 tests the flag before it is set, 2.3 the
        // unicast_peer block itself
        const version = node.keepalivedVersion ?? ctx.settings.keepalivedVersion;
        const peerBlock = atLeast("keepalived", version, "2.3") && find("unicast_peer") !== undefined;
        if (!inst.interface && !find("interface") && !peerBlock) {
          const place = { ...at(inst.nameLocation), severity: "error" as const };
          if (peers) ctx.report({ ...place, messageId: "noInterfaceDespitePeers", data: { ...data, version } });
          else ctx.report({ ...place, messageId: "noInterface", data });
        } else if (!inst.interface && !find("interface")) {
          // 2.3 vrrp_complete_instance(): without an interface the source must come from the file, and an IPv6
          // one must not be link-local; either failure returns false before the VIPs are looked at
          const source = inst.unicastSrcIp?.value;
          const place = { ...at(inst.nameLocation), severity: "error" as const };
          if (source === undefined) ctx.report({ ...place, messageId: "unicastNoSource", data });
          else if (inst.family === 6 && /^fe[89ab]/i.test(source))
            ctx.report({ ...place, messageId: "linkLocalSource", data: { ...data, address: source } });
          else
            for (const vip of inst.vips.filter((v) => !v.dev))
              ctx.report({
                ...at(vip.location),
                messageId: "vipWithoutInterface",
                data: { ...data, address: vip.text, version },
              });
        }
        const unicast = lines.find((l) => UNICAST_KEYWORDS.has(l.keyword.value));
        // Peers written but none readable: KA035 names the skipped peer and the fall-back to multicast.
        const peersSkipped = inst.addressProblems.some((problem) => problem.keyword === "unicast_peer");
        if (unicast && !peers && !inst.unicastFaultNoPeer && !peersSkipped) {
          const place = { file: unicast.file, range: unicast.keyword.range };
          ctx.report({ ...place, messageId: "unicastWithoutPeers", data: { ...data, keyword: unicast.keyword.value } });
        }
        // vrrp_ttl_handler() takes 0..255 only; another value leaves the TTL unset and nothing is reset
        const ttl = find("unicast_ttl")?.args[0]?.value;
        if (ttl !== undefined && /^\d+$/.test(ttl) && Number(ttl) <= 255 && !peers && statement)
          ctx.report({ ...closingBrace(statement), messageId: "ttlWithoutPeers", data });
        if (inst.mcastDstIp && peers)
          ctx.report({ ...at(inst.mcastDstIp.location), messageId: "mcastWithUnicast", data });
        if (inst.nopreempt && inst.basePriority === 255 && inst.priority)
          ctx.report({ ...at(inst.nopreempt), messageId: "nopreemptOwner", data });
        else if (inst.nopreempt && inst.preemptDelay && inst.preemptDelay.value > 0 && inst.masterStates.length === 0)
          ctx.report({ ...at(inst.preemptDelay.location), messageId: "delayWithNopreempt", data });
        // vrrp_complete_instance(): the advert carries at most 255 addresses, and no more than the MTU holds
        const counted = inst.vips.filter((v) => !v.familyMismatch);
        const limit = inst.family === 4 ? 255 : 89;
        if (counted.length > limit)
          ctx.report({
            ...at(counted[limit].location),
            messageId: inst.family === 4 ? "tooManyVips" : "tooManyVips6",
            data: { ...data, count: counted.length },
          });
        const owner = atLeast("keepalived", version, "2.3.0") ? ownerIgnoreAdverts(lines) : undefined;
        if (owner) {
          const place = { file: owner.statement.file, range: owner.statement.keyword.range };
          if (owner.on && inst.basePriority !== 255)
            ctx.report({ ...place, messageId: "ownerIgnoreIgnored", data: { ...data, priority: inst.basePriority } });
          else if (!owner.on && inst.basePriority === 255)
            ctx.report({ ...place, messageId: "ownerIgnoreForced", data });
        }
      }
    }
  },
});
