import type { KeepalivedConfig, VrrpInstance } from "../../model/types.js";
import { atLeast } from "../../schema/versions.js";
import type { KaStatement } from "../../syntax/keepalived/tree.js";
import { defineRule, type RuleContext } from "../rule.js";
import { at, keepalivedUnits } from "./ka-model.js";

/** lib/parser.c check_true_false(): 1, 0, or -1 for a word it does not take. */
function onOff(word: string | undefined): number {
  if (word === undefined) return -1;
  if (["true", "on", "yes"].includes(word)) return 1;
  return ["false", "off", "no"].includes(word) ? 0 : -1;
}

/** A whole number within [min, max] as read_unsigned_strvec() takes it (decimal digits only), or undefined. */
function whole(word: string | undefined, min: number, max: number): number | undefined {
  if (word === undefined || !/^\d+$/.test(word)) return undefined;
  const n = Number(word);
  return n >= min && n <= max ? n : undefined;
}

type StrictReset = "downTimerReset" | "lowerPrioGarpReset" | "lowerPrioAdvertReset" | "higherPrioAdvertReset";

/**
 * The instance keywords vrrp_complete_instance() sets back under strict mode, with the value each handler stores
 * (keepalived/vrrp/vrrp_parser.c at v2.2.7, v2.3.3, v2.3.4): whether that value is reset, or undefined when the
 * handler refuses the line (it then keeps what an earlier line set).
 */
const STRICT_RESETS: Record<string, { messageId: StrictReset; reset: (s: KaStatement) => boolean | undefined }> = {
  down_timer_adverts: {
    messageId: "downTimerReset",
    reset: (s) => {
      const n = whole(s.args[0]?.value, 1, 100);
      return n === undefined ? undefined : n !== 3;
    },
  },
  garp_lower_prio_repeat: {
    messageId: "lowerPrioGarpReset",
    reset: (s) => {
      const n = whole(s.args[0]?.value, 0, 2147483647);
      return n === undefined ? undefined : n !== 0;
    },
  },
  garp_lower_prio_delay: {
    messageId: "lowerPrioGarpReset",
    reset: (s) => {
      const n = whole(s.args[0]?.value, 0, 4294);
      return n === undefined ? undefined : n !== 0;
    },
  },
  lower_prio_no_advert: {
    messageId: "lowerPrioAdvertReset",
    reset: (s) => (s.args.length === 0 ? false : [undefined, true, false][onOff(s.args[0].value) + 1]),
  },
  higher_prio_send_advert: {
    messageId: "higherPrioAdvertReset",
    reset: (s) => (s.args.length === 0 ? true : [undefined, false, true][onOff(s.args[0].value) + 1]),
  },
};

function instanceLines(config: KeepalivedConfig, inst: VrrpInstance): KaStatement[] {
  const statement = config.document.statements.find(
    (s) => s.keyword.value === "vrrp_instance" && s.range === inst.location.range,
  );
  return statement?.block?.statements ?? [];
}

/** The last line of each keyword in STRICT_RESETS that the handler takes, when its value is one strict mode resets. */
function strictResets(lines: KaStatement[]): { statement: KaStatement; messageId: StrictReset }[] {
  const last = new Map<string, { statement: KaStatement; reset: boolean }>();
  for (const statement of lines) {
    const spec = STRICT_RESETS[statement.keyword.value];
    const reset = spec?.reset(statement);
    if (reset !== undefined) last.set(statement.keyword.value, { statement, reset });
  }
  return [...last.entries()]
    .filter(([, v]) => v.reset)
    .map(([keyword, v]) => ({ statement: v.statement, messageId: STRICT_RESETS[keyword].messageId }));
}

const messages = {
  authIgnored: (data: { instance: string; how: string }) =>
    `${data.instance}: ${data.how} ignores the authentication block, so adverts are sent and accepted without a ` +
    `password (remove the block, or drop strict mode)`,
  stateReset: (data: { instance: string; how: string; priority: number }) =>
    `${data.instance}: ${data.how} resets state MASTER to BACKUP because the instance is not the address owner ` +
    `(priority ${data.priority}); it starts as BACKUP and waits for the master-down timer (write state BACKUP)`,
  preemptDelayReset: (data: { instance: string; how: string }) =>
    `${data.instance}: ${data.how} resets preempt_delay to 0, so a higher-priority node preempts immediately (remove ` +
    `preempt_delay, or drop strict mode)`,
  downTimerReset: (data: { instance: string; how: string }) =>
    `${data.instance}: ${data.how} resets down_timer_adverts to 3 ('down_timer_adverts is incompatible with strict ` +
    `mode - resetting'), so the backup waits the usual three adverts (remove the line, or drop strict mode)`,
  lowerPrioGarpReset: (data: { instance: string; how: string; keyword: string }) =>
    `${data.instance}: ${data.how} sets ${data.keyword} back to 0 ('Strict mode requires no repeat garp...'), so no ` +
    `gratuitous ARPs are repeated when a lower-priority advert arrives (remove the line, or drop strict mode)`,
  lowerPrioAdvertReset: (data: { instance: string; how: string }) =>
    `${data.instance}: ${data.how} turns lower_prio_no_advert back on ('Strict mode requires no lower priority ` +
    `advert. resetting'), so the master does not answer a lower-priority advert (remove the line)`,
  higherPrioAdvertReset: (data: { instance: string; how: string }) =>
    `${data.instance}: ${data.how} clears higher_prio_send_advert ('strict mode requires higher_prio_send_advert to ` +
    `be clear. resetting'), so the instance sends no advert before going to backup (remove the line)`,
  noVipsCleared: (data: { instance: string; how: string }) =>
    `${data.instance}: ${data.how} clears no_virtual_ipaddress ('no_virtual_ipaddress and strict mode ` +
    `incompatible'), so the instance needs a virtual_ipaddress again (add one, or drop strict mode)`,
  acceptReset: (data: { instance: string; how: string }) =>
    `${data.instance}: ${data.how} with VRRP version 2 turns accept mode off below priority 255 ('warning - accept ` +
    `mode for VRRP version 2 does not comply with RFC3768 - resetting'), so the VIPs answer no traffic addressed to ` +
    `them on this node unless it is the owner (remove 'accept', or use vrrp_version 3)`,
  ipv6Version3: (data: { instance: string; how: string }) =>
    `${data.instance}: ${data.how} runs an IPv6 instance with VRRP version 3 whatever 'version 2' says ('cannot use ` +
    `IPv6 with VRRP version 2; setting version 3'); a peer that keeps version 2 does not understand its adverts`,
  firstVipNotLinkLocal: (data: { instance: string; how: string; address: string }) =>
    `${data.instance}: ${data.how} wants the first IPv6 VIP to be link-local (RFC 5798), and ${data.address} is not: ` +
    `keepalived reports 'the first IPv6 VIP address must be link local' (put an fe80:: address first)`,
};

/**
 * vrrp.c vrrp_complete_instance() at v2.2.7, v2.3.3, v2.3.4, strict mode: an IPv6 instance whose `version 2` was
 * taken (written before the first IPv6 address; after it vrrp_version_handler() refuses it) is set to version 3; the
 * first IPv6 VIP of a multicast instance must be link-local; accept mode is turned off below priority 255 with
 * VRRPv2.
 */
function versionResets(ctx: RuleContext<typeof messages>, inst: VrrpInstance, lines: KaStatement[], how: string): void {
  const data = { instance: inst.name, how };
  if (inst.accept && inst.basePriority !== 255 && inst.vrrpVersion === 2)
    ctx.report({ ...at(inst.accept), messageId: "acceptReset", data });
  if (inst.family !== 6) return;
  const source = inst.familySource?.location;
  const before = (l: KaStatement): boolean =>
    source !== undefined && l.file === source.file && l.range.start.line < source.range.start.line;
  // the first version line vrrp_version_handler() takes (2 or 3); a later different one is refused
  const taken = (l: KaStatement): boolean => ["2", "3"].includes(l.args[0]?.value ?? "");
  const version = lines.find((l) => ["version", "vrrp_version"].includes(l.keyword.value) && taken(l) && before(l));
  if (version?.args[0]?.value === "2")
    ctx.report({ file: version.file, range: version.keyword.range, messageId: "ipv6Version3", data });
  const first = inst.vips.find((v) => !v.familyMismatch);
  if (first && inst.unicastPeers.length === 0 && !/^fe[89ab]/i.test(first.address))
    ctx.report({ ...at(first.location), messageId: "firstVipNotLinkLocal", data: { ...data, address: first.text } });
}

export default defineRule({
  id: "KA017",
  name: "strict-mode-resets",
  severity: "warning",
  scope: "keepalived",
  docs: {
    summary:
      "Strict mode silently discards authentication, state MASTER below priority 255, preempt_delay and the other " +
      "instance settings it does not allow.",
    description:
      "For every vrrp_instance under strict mode (`vrrp_strict` in global_defs or `strict_mode` in the instance), " +
      "reports an `authentication` block (ignored), `state MASTER` on an instance that is not the address owner " +
      "(reset to BACKUP) and `preempt_delay` (reset to 0); then the instance settings strict mode sets back: " +
      "`down_timer_adverts` other than 3, a non-zero `garp_lower_prio_repeat` or `garp_lower_prio_delay`, " +
      "`lower_prio_no_advert false`, `higher_prio_send_advert` (on), and from keepalived 2.3 `no_virtual_ipaddress`. " +
      "A keyword written more than once counts with its last line that keepalived takes. Also under strict mode: " +
      "`accept` below priority 255 with VRRP version 2 (turned off), `version 2` in an IPv6 instance (set to 3), " +
      "and a first IPv6 VIP that is not link-local in a multicast instance.",
    why:
      "Strict mode enforces RFC conformance by changing the configuration at start-up rather than refusing it: " +
      "authentication is dropped (both nodes then accept unauthenticated adverts), a non-owner starts as BACKUP " +
      "whatever its state line says, and preemption is immediate. The configuration reads as something keepalived " +
      "does not do.",
    sources: [
      "keepalived keepalived/vrrp/vrrp.c vrrp_complete_instance(): 'Strict mode does not support authentication. " +
        "Ignoring.', 'State MASTER must match being address owner', 'preempt_delay is incompatible with strict mode " +
        "- resetting'",
      "keepalived 2.2.7 keepalived/vrrp/vrrp.c vrrp_complete_instance(): '(%s) down_timer_adverts is incompatible " +
        "with strict mode - resetting', 'Strict mode requires no repeat garps. resetting', 'Strict mode requires no " +
        "repeat garp delay. resetting', 'Strict mode requires no lower priority advert. resetting', 'strict mode " +
        "requires higher_prio_send_advert to be clear. resetting'; the same at v2.3.3 and v2.3.4, which add " +
        "'no_virtual_ipaddress and strict mode incompatible, clearing no_virtual_ipaddress'",
      "keepalived 2.2.7 keepalived/vrrp/vrrp_parser.c vrrp_down_timer_adverts_handler() (1..100), " +
        "vrrp_garp_lower_prio_rep_handler(), vrrp_garp_lower_prio_delay_handler(), " +
        "vrrp_lower_prio_no_advert_handler() and vrrp_higher_prio_send_advert_handler() (no word means true)",
      "keepalived keepalived/vrrp/vrrp.c vrrp_complete_instance() at v2.2.7, v2.3.3 and v2.3.4: '(%s) cannot use " +
        "IPv6 with VRRP version 2; setting version 3', '(%s) the first IPv6 VIP address must be link local' (strict " +
        "mode, no unicast peers; without strict mode only a log line), '(%s) warning - accept mode for VRRP version " +
        "2 does not comply with RFC3768 - resetting'; vrrp_parser.c vrrp_version_handler() refuses `version 2` once " +
        "the instance is IPv6",
      "keepalived.conf(5) vrrp_strict",
    ],
    bad:
      "global_defs {\n    vrrp_strict\n}\nvrrp_instance VI_1 {\n    state MASTER\n    priority 150\n" +
      "    preempt_delay 10\n    authentication {\n        auth_type PASS\n        auth_pass k33pal1v\n    }\n}\n",
    good: "global_defs {\n    vrrp_strict\n}\nvrrp_instance VI_1 {\n    state BACKUP\n    priority 150\n}\n",
    realTool:
      "keepalived -t reports 'State MASTER must match being address owner', 'Strict mode does not support " +
      "authentication. Ignoring.' and 'preempt_delay is incompatible with strict mode - resetting', and the " +
      "other resets ('(VI_1) down_timer_adverts is incompatible with strict mode - resetting' ...), on no line " +
      "(rc 5), and '(VI_1) warning - accept mode for VRRP version 2 does not comply with RFC3768 - resetting', '(VI_2) " +
      "cannot use IPv6 with VRRP version 2; setting version 3', '(VI_2) the first IPv6 VIP address must be link " +
      "local'; checked on 2.2.7, 2.3.3 and 2.3.4.",
    reportedBy: "keepalived -t",
  },
  messages,
  check(ctx) {
    for (const { config, node } of keepalivedUnits(ctx)) {
      for (const inst of config.instances) {
        if (!inst.strict) continue;
        const how = inst.strict === config.vrrpStrict ? "vrrp_strict" : "strict_mode";
        const auth = inst.authentication?.type ?? inst.authentication?.pass;
        if (auth)
          ctx.report({
            ...at(auth.location),
            messageId: "authIgnored",
            data: { instance: inst.name, how },
          });
        if (inst.initialState === "MASTER" && inst.basePriority !== 255 && inst.state)
          ctx.report({
            ...at(inst.state.location),
            messageId: "stateReset",
            data: { instance: inst.name, how, priority: inst.basePriority },
            fixes: [
              {
                description: "Write state BACKUP (what keepalived uses)",
                safe: true,
                edits: inst.masterStates.map((l) => ({ file: l.file, range: l.range, newText: "BACKUP" })),
              },
            ],
          });
        if (inst.preemptDelay && !(inst.initialState === "MASTER" && inst.basePriority === 255))
          ctx.report({
            ...at(inst.preemptDelay.location),
            messageId: "preemptDelayReset",
            data: { instance: inst.name, how },
          });
        const lines = instanceLines(config, inst);
        versionResets(ctx, inst, lines, how);
        for (const { statement, messageId } of strictResets(lines)) {
          const data = { instance: inst.name, how, keyword: statement.keyword.value };
          ctx.report({ file: statement.file, range: statement.keyword.range, messageId, data });
        }
        const noVips = lines.find((l) => l.keyword.value === "no_virtual_ipaddress");
        const version = node.keepalivedVersion ?? ctx.settings.keepalivedVersion;
        if (noVips && atLeast("keepalived", version, "2.3.0"))
          ctx.report({
            file: noVips.file,
            range: noVips.keyword.range,
            messageId: "noVipsCleared",
            data: { instance: inst.name, how },
          });
      }
    }
  },
});
