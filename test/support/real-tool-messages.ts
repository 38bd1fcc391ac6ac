/**
 * What `haproxy -c` and `keepalived -t` print, read into messages: level, file, 1-based line (from the message, or
 * from the section or instance it names), text, and whether it is about this machine rather than the file.
 */
import { classifyHaproxyMessage } from "./haproxy-message-table.js";

export type Tool = "haproxy" | "keepalived";

export interface ToolMessage {
  level: "alert" | "warning" | "notice";
  /** The file the tool names (as it names it), when it does. */
  file?: string;
  /** 1-based line of the message, or of the section/instance it names; undefined when it names neither. */
  line?: number;
  /**
   * The line was taken from the section or instance the message names, not given by the tool: any line of that
   * section (first and last line, 1-based) places the message.
   */
  section?: { first: number; last: number };
  text: string;
  /** About this machine (a missing file, interface, user, DNS), not about the configuration text. */
  environment: boolean;
}

export interface ToolVerdict {
  messages: ToolMessage[];
  /**
   * The tool refuses the configuration: haproxy exits 1; keepalived exits with a fatal code or stops reading, or
   * prints a message after which its VRRP process stops (KEEPALIVED_VRRP_STOPS).
   */
  fatal: boolean;
  exitCode: number | null;
}

/**
 * HAProxy messages about this machine, not about the file, for messages the version's message table does not know
 * (docs/messages/haproxy-<version>.tsv decides the others).
 */
const HAPROXY_ENVIRONMENT: RegExp[] = [
  // Not "unable to find": HAProxy says that of configuration references too ("unable to find required
  // use_backend", "unable to find userlist", "unable to find table").
  /unable to (load|stat|open|read)\b/i,
  /cannot (open|access|load|read)\b/i,
  /No such file or directory/i,
  /error in Lua file|failed to load lua|lua-load/i,
  /unable to find (CA|CRL)/i,
  /cannot bind|Cannot assign requested address|Address already in use/i,
  /unable to resolve|could not resolve|can't resolve|resolution failed/i,
  /(user|group) '.*' not found|unknown (user|group)|cannot find (user|group) id for/i,
  // No DNS or network here: the nameserver socket cannot be connected, server names cannot be resolved.
  /can't create socket for nameserver|Failed to initialize server\(s\) addr/i,
  /is not a socket|fd@\d+.*(not|invalid)/i,
  /QUIC is not supported|built without|not compiled|compiled without/i,
  // Files the configuration names that this machine lacks (test/realworld).
  /error opening file|failed to open pattern file|failed to open (map|file)/i,
];

/** keepalived messages about this machine, not about the file. */
const KEEPALIVED_ENVIRONMENT: RegExp[] = [
  // Not "(VI_1) Unknown interface!": chk_min_cfg() says that of an instance with no interface at all.
  /interface .* doesn't exist|Non-existent interface|non-existent interface/i,
  /interface .* does not exist|No such (device|interface)|Cannot find an IP address to use for interface/i,
  // The script file is missing here ("Disabling track script X since not found/accessible"); "track script X not
  // found" is about the file (no vrrp_script of that name) and stays a content message.
  /Cannot find script .* in path|since not found\/accessible|script .* not accessible/i,
  /Unable to set default user|user .* (does not exist|not found)|Unknown (user|group)/i,
  // script_user names a user or group this machine lacks (global_parser.c script_user_handler()).
  /Error setting global script uid\/gid/i,
  /Config files missing|No config files read|Configuration file .* not found/i,
  /Failed to open|Cannot open|Unable to open/i,
  /netlink|No buffer space|Permission denied|Operation not permitted/i,
  // interfaces of this machine that cannot carry a VMAC/ipvlan, its kernel, its /etc/iproute2/group names; the other
  // VMAC/ipvlan messages are about the file (KA106)
  /already exists and is not a private macvlan|already exists and is not an l2 ipvlan|already exists as a non/i,
  /kernel doesn't support ipvlan|Cannot specify garp_delay on a vmac|(VMAC|ipvlan) group .* not found/i,
  /linkbeat not supported for vmacs/i,
  // A script_user (or the default keepalived_script) this machine lacks (test/realworld).
  /Unable to set uid\/gid for script|Error setting global script uid\/gid/i,
  // smtp_server given as a host name is resolved at start-up (global_parser.c smtp_server_handler()).
  /Invalid smtp server [A-Za-z]/,
];

/** Whether a message text (as read into ToolMessage.text) is about this machine rather than the file. */
export function aboutEnvironment(tool: Tool, text: string, version?: string): boolean {
  if (tool === "haproxy") return haproxyEnvironment(text, version ?? "2.6");
  return KEEPALIVED_ENVIRONMENT.some((re) => re.test(text));
}

// "multiple argument resolution errors:" heads a list whose items follow on their own lines.
const HAPROXY_SUMMARY =
  /multiple argument resolution errors:$|Error\(s\) found in configuration file|Fatal errors found in configuration|Configuration file has no error|Warnings were found|Configuration file is valid|haproxy version is|path to executable is/;

const HAPROXY_SECTIONS =
  /^\s*(global|defaults|frontend|backend|listen|userlist|peers|resolvers|mailers|program|http-errors|ring|cache|fcgi-app|log-forward|crt-store|traces|log-profile|acme)\b/;

/** Lines (1-based, inclusive) of the section `kind 'name'` (or `kind name`) in the text, for messages naming one. */
function sectionOfName(
  text: string,
  kinds: readonly string[],
  name: string,
  tool: Tool,
): { first: number; last: number } | undefined {
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const header = new RegExp(`^\\s*(${kinds.join("|")})\\s+"?${escaped}"?(\\s|\\{|$)`);
  const lines = text.split(/\r?\n|\r/);
  const index = lines.findIndex((l) => header.test(l));
  if (index < 0) return undefined;
  let last = lines.length;
  if (tool === "haproxy") {
    const next = lines.findIndex((l, i) => i > index && HAPROXY_SECTIONS.test(l));
    if (next > 0) last = next;
  } else {
    let depth = 0;
    for (let i = index; i < lines.length; i++) {
      for (const ch of lines[i].replace(/[#!].*$/, "")) depth += ch === "{" ? 1 : ch === "}" ? -1 : 0;
      if (depth <= 0 && i > index) {
        last = i + 1;
        break;
      }
    }
  }
  return { first: index + 1, last };
}

function haproxyLineless(message: string, configText: string | undefined): { first: number; last: number } | undefined {
  if (configText === undefined) return undefined;
  const named =
    /\b(frontend|backend|listen|proxy|defaults|peers|resolvers|userlist|mailers|ring|cache)\s+'([^']+)'/i.exec(message);
  if (!named) return undefined;
  const kind = named[1].toLowerCase();
  const kinds = kind === "proxy" ? ["frontend", "backend", "listen", "defaults"] : [kind];
  return sectionOfName(configText, kinds, named[2], "haproxy");
}

/** Whether a message is about this machine: as the message table of the version says, else by the fallback list. */
function haproxyEnvironment(text: string, version: string): boolean {
  const row = classifyHaproxyMessage(text, version);
  if (row) return row.outcome.startsWith("environment:");
  return HAPROXY_ENVIRONMENT.some((re) => re.test(text));
}

/**
 * Reads `haproxy -c` output. `configText` lets messages that name a section be placed on its line; `version` picks
 * the message table that tells messages about the machine from messages about the file.
 */
export function readHaproxyOutput(
  output: string,
  exitCode: number | null,
  configText?: string,
  version = "2.6",
): ToolVerdict {
  const messages: ToolMessage[] = [];
  let previousLevel: ToolMessage["level"] | undefined;
  for (const raw of output.split("\n")) {
    const head = /^\[(ALERT|WARNING|NOTICE)\]\s*\(\d+\)\s*:\s*(.*)$/.exec(raw);
    // A message listing several errors ("multiple argument resolution errors:") puts each on an indented line.
    const listed = !head && previousLevel && /^\s+parsing \[/.test(raw) ? raw.trim() : undefined;
    if (!head && !listed) continue;
    const level = head ? (head[1].toLowerCase() as ToolMessage["level"]) : previousLevel!;
    previousLevel = level;
    const text = head ? head[2].replace(/^config\s*:\s*/, "") : listed!;
    if (HAPROXY_SUMMARY.test(text)) continue;
    // "parsing [f:12] : …", "Parsing [f:12]: …" (duplicate names), "parsine [f:12]" (cfgparse-listen.c's own
    // typo, 2.6.12 and 3.0.11), or "[f:12] : …" (server lines in 2.6).
    const place = /pars(?:ing|ine) \[([^\]]*?):(\d+)\]/i.exec(text) ?? /^\[([^\]]*?):(\d+)\]/.exec(text);
    const message: ToolMessage = { level, text, environment: haproxyEnvironment(text, version) };
    if (place) {
      message.file = place[1];
      message.line = Number(place[2]);
    } else {
      const section = haproxyLineless(text, configText);
      if (section) {
        message.line = section.first;
        message.section = section;
      }
    }
    messages.push(message);
  }
  return { messages, fatal: exitCode === 1, exitCode };
}

/** keepalived -t exit codes that mean it refuses the configuration (lib/scheduler.h, core/main.c). */
const KEEPALIVED_FATAL_EXITS = new Set([1, 2, 3, 4]);

/**
 * Messages after which keepalived's VRRP process stops: vrrp_complete_init() returns false (chk_min_cfg(),
 * vrrp_complete_instance(), check_vrid_conflicts() in vrrp/vrrp.c at v2.2.7, v2.3.3 and v2.3.4), start_vrrp() calls
 * stop_vrrp(KEEPALIVED_EXIT_CONFIG) and the parent terminates ("exited with permanent error CONFIG. Terminating",
 * lib/scheduler.c). `keepalived -t` still exits 5, but the daemon refuses the file: seen with 2.2.7 in a namespace
 * ("the virtual router id must be set", then exit 2). The later checks of that pass do not run.
 */
const KEEPALIVED_VRRP_STOPS =
  /the virtual router id must be set|\) Unknown interface!|cannot use VMAC if no interface specified|No VIP specified; at least one is required|Unicast peers are not supported in strict mode|Unicast instances must have unicast_src_ip or interface|Non link-local address required if interface omitted|duplicate VRID conflict with|both use VRID \d+/;

/** Reads `keepalived -t -l -D -n` output; repeated lines (one per parse pass) count once. */
export function readKeepalivedOutput(output: string, exitCode: number | null, configText?: string): ToolVerdict {
  const messages: ToolMessage[] = [];
  const seen = new Set<string>();
  for (const raw of output.split("\n")) {
    const line = raw.trim();
    if (!line || seen.has(line)) continue;
    seen.add(line);
    if (/^(Starting|Opening file|Running on|Command line|Configuration file|Script user|Stopped|Stopping)/.test(line))
      continue;
    // "(file: Line 12) …"; "(Line 12) …" when keepalived has no file name at hand (global_defs handlers).
    const place = /^\((?:([^:()]+): )?Line (\d+)\)\s*(.*)$/.exec(line);
    const text = place ? place[3] : line;
    const message: ToolMessage = {
      level: /warning|deprecated/i.test(text) ? "warning" : "alert",
      text,
      environment: KEEPALIVED_ENVIRONMENT.some((re) => re.test(text)),
    };
    if (place) {
      if (place[1] !== undefined) message.file = place[1];
      message.line = Number(place[2]);
    } else if (configText !== undefined) {
      const instance = /^\(([^)]+)\)/.exec(text);
      const section = instance ? sectionOfName(configText, ["vrrp_instance"], instance[1], "keepalived") : undefined;
      if (section) {
        message.line = section.first;
        message.section = section;
      }
    }
    messages.push(message);
  }
  // A vrrp_script removed for a reason about this machine (its user or its file is missing here) is then "not
  // found" by every track_script naming it: that follows from the machine too.
  const removed = new Set(
    messages.flatMap((m) => {
      const named = /vrrp script (\S+) - removing|track script (\S+) since not found\/accessible/.exec(m.text);
      return m.environment && named ? [named[1] ?? named[2]] : [];
    }),
  );
  for (const m of messages) {
    const missing = /track script (\S+) not found, ignoring/.exec(m.text);
    if (missing && removed.has(missing[1])) m.environment = true;
  }
  const fatal =
    exitCode === null ||
    KEEPALIVED_FATAL_EXITS.has(exitCode) ||
    messages.some((m) => !m.environment && KEEPALIVED_VRRP_STOPS.test(m.text));
  return { messages, fatal, exitCode };
}

export function readToolOutput(
  tool: Tool,
  output: string,
  exitCode: number | null,
  configText?: string,
  version?: string,
): ToolVerdict {
  return tool === "haproxy"
    ? readHaproxyOutput(output, exitCode, configText, version)
    : readKeepalivedOutput(output, exitCode, configText);
}

/** The messages about the configuration content (not the machine). */
export function contentMessages(verdict: ToolVerdict): ToolMessage[] {
  return verdict.messages.filter((m) => !m.environment && m.level !== "notice");
}
