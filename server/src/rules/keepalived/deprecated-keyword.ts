import type { FindingTag } from "../finding.js";
import { defineRule } from "../rule.js";
import { readLikeKeepalived } from "./statement-blocks.js";

interface Deprecation {
  /** What keepalived prints (without the instance or group name it starts with). */
  said: string;
  /** The handler that prints it, at v2.2.7 (the same in v2.3.3 and v2.3.4). */
  source: string;
  instead: string;
}

/** By block id and keyword: the deprecated keywords keepalived -t reports with report_config_error(). */
const DEPRECATED: Record<string, Record<string, Deprecation>> = {
  vrrp_instance: {
    lvs_sync_daemon_interface: {
      said: "Specifying lvs_sync_daemon_interface against a vrrp is deprecated. Please use global lvs_sync_daemon",
      source: "vrrp_parser.c vrrp_lvs_syncd_handler()",
      instead: "lvs_sync_daemon INTERFACE INSTANCE in global_defs",
    },
    linkbeat_use_polling: {
      said: "'linkbeat_use_polling' in vrrp instance deprecated - use linkbeat_interfaces block",
      source: "vrrp_parser.c vrrp_linkbeat_handler()",
      instead: "a linkbeat_interfaces block in global_defs",
    },
    vmac_garp_intvl: {
      said: 'Keyword "vmac_garp_intvl" is deprecated - please use "garp_extra_if"',
      source: "vrrp_parser.c vrrp_garp_extra_if_handler()",
      instead: "garp_extra_if",
    },
    // 2.3 only: keepalived 2.2.7 does not know the keyword (KA018)
    thread_timer_expired: {
      said: "thread_timer_expired - please replace with keyword 'timer_expired_backup'",
      source: "vrrp_parser.c vrrp_thread_timer_expired_handler() at v2.3.3 and v2.3.4",
      instead: "timer_expired_backup",
    },
  },
  vrrp_sync_group: {
    global_tracking: {
      said: "global_tracking is deprecated. Use track_interface/script/file on the sync group",
      source: "vrrp_parser.c vrrp_gglobal_tracking_handler()",
      instead: "track_interface, track_script or track_file blocks in the vrrp_sync_group",
    },
  },
  global_defs: {
    vrrp_vmac_garp_intvl: {
      said: 'Keyword "vrrp_vmac_garp_intvl" is deprecated - please use "vrrp_garp_extra_if"',
      source: "global_parser.c vrrp_vmac_garp_extra_if_handler()",
      instead: "vrrp_garp_extra_if",
    },
  },
};
const NB_GET_RETRY: Deprecation = {
  said: "nb_get_retry is deprecated - please use 'retry'",
  source: "check/check_http.c http_get_retry_handler()",
  instead: "retry",
};
for (const checker of ["HTTP_GET", "SSL_GET"])
  DEPRECATED[`virtual_server/real_server/${checker}`] = { nb_get_retry: NB_GET_RETRY };

/** Editors strike the keyword through (LSP DiagnosticTag.Deprecated). */
const STRUCK_THROUGH: FindingTag[] = ["deprecated"];

export default defineRule({
  id: "KA059",
  name: "deprecated-keyword",
  severity: "warning",
  scope: "keepalived",
  docs: {
    summary:
      "A keyword keepalived reports as deprecated on every start (nb_get_retry, lvs_sync_daemon_interface in a " +
      "vrrp_instance, global_tracking, vmac_garp_intvl, vrrp_vmac_garp_intvl, linkbeat_use_polling, 2.3's " +
      "thread_timer_expired).",
    description:
      "Reports the keywords whose handler prints a deprecation with report_config_error(), so that `keepalived -t` " +
      "lists them (and counts them as configuration errors: exit 5): `nb_get_retry` in an HTTP_GET or SSL_GET " +
      "checker, `lvs_sync_daemon_interface`, `linkbeat_use_polling` and `vmac_garp_intvl` in a vrrp_instance, " +
      "`global_tracking` in a vrrp_sync_group, `vrrp_vmac_garp_intvl` in global_defs. Deprecations keepalived only " +
      "logs with log_message() (lvs_process_name, *_rlimit_rtime, vrrp_track_file) print nothing under -t and are " +
      "not reported.",
    why:
      "The handler still applies the keyword (it reads the value after printing the message), so nothing changes " +
      "today; but `keepalived -t` exits 5 for it, which makes a configuration check in CI or a deployment tool fail, " +
      "and the keyword is the one a later release removes.",
    sources: [
      "keepalived 2.2.7 keepalived/check/check_http.c http_get_retry_handler() ('nb_get_retry is deprecated - " +
        "please use 'retry'', then reads the value)",
      "keepalived 2.2.7 keepalived/vrrp/vrrp_parser.c vrrp_lvs_syncd_handler(), vrrp_gglobal_tracking_handler(), " +
        "vrrp_linkbeat_handler(), vrrp_garp_extra_if_handler()",
      "keepalived 2.2.7 keepalived/core/global_parser.c vrrp_vmac_garp_extra_if_handler(); the same messages at " +
        "v2.3.3 and v2.3.4",
    ],
    bad: "vrrp_instance VI_1 {\n    interface eth0\n    lvs_sync_daemon_interface eth0\n}\n",
    good: "global_defs {\n    lvs_sync_daemon eth0 VI_1\n}\nvrrp_instance VI_1 {\n    interface eth0\n}\n",
    realTool:
      "keepalived -t prints '(VI_1) Specifying lvs_sync_daemon_interface against a vrrp is deprecated.', " +
      "'nb_get_retry is deprecated - please use 'retry'' and the others on the keyword's line, and exits 5.",
    reportedBy: "keepalived -t",
  },
  messages: {
    syncDaemonTaken: (data: { first: number }) =>
      `'lvs_sync_daemon_interface' is deprecated, and the IPVS sync daemon interface is already set on line ` +
      `${data.first}: keepalived reports the deprecation and 'lvs_sync_daemon_interface has already been specified ` +
      `as ... - ignoring', and ignores this one (vrrp_parser.c vrrp_lvs_syncd_handler())`,
    deprecated: (data: { keyword: string; said: string; source: string; instead: string }) =>
      `'${data.keyword}' is deprecated: keepalived still applies it but reports '${data.said}' on every start ` +
      `(${data.source}), and keepalived -t exits 5 for it (use ${data.instead})`,
  },
  check(ctx) {
    for (const doc of ctx.keepalived) {
      // the line that set global_data->lvs_syncd.ifname (global lvs_sync_daemon or an instance's keyword)
      let syncDaemonLine: number | undefined;
      for (const { statement, blockId } of readLikeKeepalived(doc.statements, ctx.keepalivedKeywords).statements) {
        const keyword = statement.keyword.value;
        const line = statement.keyword.range.start.line + 1;
        if (blockId === "global_defs" && keyword === "lvs_sync_daemon" && statement.args.length > 0)
          syncDaemonLine ??= line;
        const found = DEPRECATED[blockId]?.[keyword];
        if (!found || !ctx.keepalivedKeywords.keyword(blockId, keyword)) continue;
        if (keyword === "lvs_sync_daemon_interface" && statement.args.length > 0) {
          if (syncDaemonLine !== undefined) {
            const place = { file: statement.file, range: statement.keyword.range, tags: STRUCK_THROUGH };
            ctx.report({ ...place, messageId: "syncDaemonTaken", data: { first: syncDaemonLine } });
            continue;
          }
          syncDaemonLine = line;
        }
        ctx.report({
          file: statement.file,
          range: statement.keyword.range,
          tags: STRUCK_THROUGH,
          messageId: "deprecated",
          data: { keyword, said: found.said, source: found.source, instead: found.instead },
        });
      }
    }
  },
});
