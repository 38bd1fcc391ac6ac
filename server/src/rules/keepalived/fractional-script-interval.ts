import { atLeast } from "../../schema/versions.js";
import { defineRule } from "../rule.js";
import { at, keepalivedUnits } from "./ka-model.js";

export default defineRule({
  id: "KA071",
  name: "fractional-script-interval",
  severity: "warning",
  scope: "keepalived",
  docs: {
    summary: "A vrrp_script `interval` or `timeout` the target keepalived refuses: a fraction before 2.3.2.",
    description:
      "keepalived before 2.3.2 reads the `interval` and `timeout` of a vrrp_script as whole seconds; from 2.3.2 it " +
      "takes milliseconds (up to three decimals). A value the target version refuses is reported: keepalived " +
      "ignores the line, so the script runs every second (the default interval) and has no timeout of its own.",
    why:
      "A check written for a sub-second reaction (`interval 0.5`, `fall 2`) detects a failure in 1 s on 2.3.2 and in " +
      "2 s on 2.2, and a `timeout 0.2` that was meant to fail a hanging check quickly is not applied at all: failover " +
      "takes longer than planned on the older nodes of the pair.",
    sources: [
      "keepalived keepalived/vrrp/vrrp_parser.c vrrp_vscript_interval_handler(), vrrp_vscript_timeout_handler() at " +
        "v2.3.1 (read_unsigned_strvec: whole seconds) and v2.3.2 (read_decimal_unsigned_strvec, 3 decimals)",
    ],
    bad: 'vrrp_script chk_haproxy {\n    script "/usr/bin/killall -0 haproxy"\n    interval 0.5\n}\n',
    good: 'vrrp_script chk_haproxy {\n    script "/usr/bin/killall -0 haproxy"\n    interval 1\n}\n',
    realTool:
      "keepalived -t 2.2.7 prints \"invalid number '0.5'\" and \"vrrp script interval '0.5' must be between 1 and " +
      '4294 - ignoring" (rc 5); 2.3.3 and 2.3.4 accept it.',
    reportedBy: "keepalived -t",
    versions: "Follows each node's keepalived version: whole seconds before 2.3.2, milliseconds from 2.3.2.",
  },
  messages: {
    refused: (data: { keyword: string; text: string; version: string; fallback: string }) =>
      `keepalived ${data.version} reads the vrrp_script ${data.keyword} in whole seconds: it refuses '${data.text}' ` +
      `and ignores the line, so ${data.fallback} (fractions are read from 2.3.2 on)`,
    tooPrecise: (data: { keyword: string; text: string; version: string; fallback: string }) =>
      `keepalived ${data.version} reads the vrrp_script ${data.keyword} to the millisecond: it refuses ` +
      `'${data.text}' (more than 3 decimals) and ignores the line, so ${data.fallback}`,
  },
  check(ctx) {
    for (const { config, node } of keepalivedUnits(ctx)) {
      const version = node.keepalivedVersion ?? ctx.settings.keepalivedVersion;
      const millis = atLeast("keepalived", version, "2.3.2");
      for (const script of config.scripts.values()) {
        for (const r of script.rejectedTimes ?? []) {
          const fallback =
            r.keyword === "interval" ? "the script runs every second (the default)" : "the script has no timeout";
          const data = { keyword: r.keyword, text: r.text, version, fallback };
          ctx.report({ ...at(r.location), messageId: millis ? "tooPrecise" : "refused", data });
        }
      }
    }
  },
});
