import { atLeast } from "../../schema/versions.js";
import { defineRule } from "../rule.js";
import { at, keepalivedUnits } from "./ka-model.js";

const FALSE_WORDS = new Set(["false", "off", "no"]);

export default defineRule({
  id: "KA070",
  name: "strict-flag-argument",
  severity: "warning",
  scope: "keepalived",
  docs: {
    summary:
      "An argument after global `vrrp_strict` or `vrrp_skip_check_adv_addr` that the target keepalived reads " +
      "otherwise than written.",
    description:
      "Before keepalived 2.3.0 both keywords take no argument and any word after them is ignored: `vrrp_strict " +
      "false` turns strict mode on. From 2.3.0 they take a boolean (`true`/`false`, `on`/`off`, `yes`/`no`, lower " +
      "case only) and any other word is refused, leaving the setting off. The rule reports `false`-like words for " +
      "versions before 2.3.0 and words that are not booleans from 2.3.0.",
    why:
      "Strict mode changes what the VIP does: it turns accept mode off (firewall rules drop traffic to the VIP on a " +
      "non-owner master), resets `state MASTER`, ignores authentication and, from 2.4.0, stops VRRP altogether when " +
      "unicast peers are configured. A node that reads `vrrp_strict false` as on behaves unlike its upgraded peer " +
      "that reads it as off.",
    sources: [
      "keepalived keepalived/core/global_parser.c vrrp_strict_handler(), vrrp_check_adv_addr_handler() at v2.2.8 " +
        "(no argument read) and v2.3.0 (check_true_false(), 'Invalid value ... for global vrrp_strict specified')",
      "keepalived lib/parser.c check_true_false() at v2.3.0 (exact lower-case words)",
    ],
    bad: "global_defs {\n    vrrp_strict false\n}\n",
    good: "global_defs {\n}\n",
    realTool:
      "keepalived -t 2.2.7 accepts `vrrp_strict false` silently (and applies strict mode: 'State MASTER must match " +
      "being address owner'); 2.3.3 and 2.3.4 accept it as off, and print \"Invalid value 'X' for global " +
      'vrrp_strict specified" for a word that is not a boolean.',
    reportedBy: "keepalived -t",
    unreported: ["falseMeansOn"],
    versions:
      "Follows each node's keepalived version: before 2.3.0 the argument is ignored (`false` means on), from 2.3.0 " +
      "it is a boolean.",
  },
  messages: {
    falseMeansOn: (data: { keyword: string; argument: string; version: string }) =>
      `keepalived ${data.version} ignores the argument of ${data.keyword}: '${data.keyword} ${data.argument}' turns ` +
      `it ON (it takes a boolean only from 2.3.0, where this line turns it off). Remove the line to keep it off`,
    valueRefused: (data: { keyword: string; argument: string; version: string }) =>
      `keepalived ${data.version} refuses '${data.argument}' for ${data.keyword} ('Invalid value') and leaves it ` +
      `off: write true/false, on/off or yes/no in lower case`,
  },
  check(ctx) {
    for (const { config, node } of keepalivedUnits(ctx)) {
      const version = node.keepalivedVersion ?? ctx.settings.keepalivedVersion;
      const boolean = atLeast("keepalived", version, "2.3.0");
      for (const flag of config.globalFlags ?? []) {
        if (!flag.argument) continue;
        const data = { keyword: flag.keyword, argument: flag.argument.value, version };
        if (!boolean && FALSE_WORDS.has(flag.argument.value.toLowerCase()))
          ctx.report({ ...at(flag.argument.location), messageId: "falseMeansOn", data });
        else if (boolean && flag.refused)
          ctx.report({ ...at(flag.argument.location), messageId: "valueRefused", data });
      }
    }
  },
});
