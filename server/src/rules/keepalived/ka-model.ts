/** Shared helpers of the keepalived rules: the node models to check, locations, and small derived facts. */
import { NOTIFY_KINDS } from "../../model/keepalived-config.js";
import { checkShellText } from "../../model/script-exit.js";
import type { Cluster, KeepalivedConfig, Node, ScriptCommand, VrrpInstance, VrrpScript } from "../../model/types.js";
import type { Location } from "../../syntax/source.js";
import type { KaStatement } from "../../syntax/keepalived/tree.js";
import type { RuleContext } from "../rule.js";

export interface KaUnit {
  config: KeepalivedConfig;
  node: Node;
  cluster: Cluster;
}

/**
 * Every keepalived model of the analysis, once each (a file shared by nodes evaluated per config-id stays separate).
 */
export function keepalivedUnits(ctx: Pick<RuleContext, "clusters">): KaUnit[] {
  const seen = new Set<KeepalivedConfig>();
  const out: KaUnit[] = [];
  for (const cluster of ctx.clusters) {
    for (const node of cluster.nodes) {
      const config = node.keepalived;
      if (!config || seen.has(config)) continue;
      seen.add(config);
      out.push({ config, node, cluster });
    }
  }
  return out;
}

/** `{ file, range }` of a location, for ctx.report. */
export function at(loc: Location): { file: string; range: Location["range"] } {
  return { file: loc.file, range: loc.range };
}

/** 1-based line of a location, for messages. */
export function lineOf(loc: Location): number {
  return loc.range.start.line + 1;
}

/** "line 12" or "line 12 of conf.d/x.conf" when the place is in another file than `from`. */
export function where(loc: Location, from?: string): string {
  return from !== undefined && loc.file !== from
    ? `line ${lineOf(loc)} of ${loc.file.split("/").pop()}`
    : `line ${lineOf(loc)}`;
}

/**
 * The address family of an instance as keepalived sets it: from the first address keyword it reads
 * (unicast_src_ip, mcast_src_ip, unicast_peer, virtual_ipaddress, native_ipv6; IPv4 when none).
 */
export function instanceFamily(inst: VrrpInstance): 4 | 6 {
  return inst.family;
}

/** Top-level statements of a kind, with their blocks (the syntax tree of the whole document, includes merged). */
export function topLevel(config: KeepalivedConfig, keyword: string): KaStatement[] {
  return config.document.statements.filter((s) => s.keyword.value === keyword);
}

/** Script lines (keepalived splits them with alloc_strvec_quoted_escaped, both quote styles count). */
export const SCRIPT_KEYWORDS = new Set([
  "script",
  ...NOTIFY_KINDS,
  "notify_up",
  "notify_down",
  "misc_path",
  "startup_script",
  "shutdown_script",
  "notify_fifo_script",
  "vrrp_notify_fifo_script",
  "lvs_notify_fifo_script",
]);

/**
 * Whether keepalived installs firewall rules that drop traffic addressed to the VIPs while this instance is MASTER
 * (vrrp.c vrrp_complete_instance(): accept defaults to !strict, owners always accept, VRRPv2 strict resets `accept`).
 */
export function dropsVipTraffic(inst: VrrpInstance): { why: string; cause: Location } | undefined {
  if (inst.basePriority === 255) return undefined;
  const strict = inst.strict;
  if (inst.accept) {
    if (strict && inst.vrrpVersion === 2 && instanceFamily(inst) === 4)
      return { why: "strict mode with VRRPv2 resets `accept` to off", cause: strict };
    return undefined;
  }
  if (inst.noAccept) return { why: "`no_accept` is set", cause: inst.noAccept };
  if (strict)
    return { why: "strict mode turns accept mode off for instances that do not own the address", cause: strict };
  return undefined;
}

/** Basename of a program path. */
export function programName(arg0: string): string {
  return arg0.split("/").pop() ?? arg0;
}

export const SHELLS = new Set(["sh", "bash", "dash", "ash", "zsh", "ksh", "busybox"]);

/** The command runs through a shell (`/bin/sh -c '...'`). */
export function runsThroughShell(args: readonly string[]): boolean {
  return args.length >= 2 && SHELLS.has(programName(args[0])) && args.slice(1).some((a) => /^-[a-z]*c[a-z]*$/.test(a));
}

/** A vrrp_script whose check ha-lint reads as shell text: the text, and how a message names the place it is in. */
export interface ShellCheck {
  script: VrrpScript;
  command: ScriptCommand;
  text: string;
  /** "the sh -c string", or the script file's name. */
  file: string;
}

export function* shellChecks(ctx: Pick<RuleContext, "clusters">): Generator<ShellCheck> {
  for (const { config } of keepalivedUnits(ctx)) {
    for (const script of config.scripts.values()) {
      const command = script.command;
      if (!command) continue;
      const shell = checkShellText(command);
      if (!shell) continue;
      const file = shell.inline ? "the sh -c string" : ((command.filePath ?? command.args[0]).split("/").pop() ?? "");
      yield { script, command, text: shell.text, file };
    }
  }
}
