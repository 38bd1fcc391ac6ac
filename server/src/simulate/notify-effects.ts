/** What notify scripts do to HAProxy (read from their command and script file, never run). */
import type { NotifyScript } from "../model/types.js";
import { shellText } from "./script-text.js";

const MANAGES =
  /\b(?:systemctl|service|rc-service)\b[^\n;|&]*\b(?:start|stop|restart)\b[^\n;|&]*\bhaproxy\b|\b(?:systemctl|service)\s+haproxy\s+(?:start|stop|restart)\b|\/etc\/init\.d\/haproxy\s+(?:start|stop|restart)\b|\b(?:killall|pkill)\s+(?:-\S+\s+)*haproxy\b/g;

export interface HaproxyManagement {
  /** "stops" when any match stops or kills HAProxy, else "restarts" or "starts". */
  verb: "starts" | "stops" | "restarts";
  /** "the notify command", or "in <script as written>". */
  where: string;
}

export function managesHaproxy(n: NotifyScript): HaproxyManagement | undefined {
  const inline = n.command.args.join(" ");
  const inFile = shellText(n.command.fileText ?? "");
  const matches = [...inline.matchAll(MANAGES), ...inFile.matchAll(MANAGES)].map((m) => m[0]);
  if (matches.length === 0) return undefined;
  const verb = matches.some((m) => /\bstop\b|killall|pkill/.test(m))
    ? "stops"
    : matches.some((m) => /restart/.test(m))
      ? "restarts"
      : "starts";
  return { verb, where: [...inline.matchAll(MANAGES)].length > 0 ? "the notify command" : `in ${n.command.args[0]}` };
}

/** The node stops HAProxy when it leaves MASTER (notify_backup / notify_fault, or a generic notify that stops it). */
export function stopsHaproxyWhenNotMaster(notify: readonly NotifyScript[]): boolean {
  return notify.some(
    (n) =>
      (n.kind === "notify_backup" || n.kind === "notify_fault" || n.kind === "notify") &&
      managesHaproxy(n)?.verb === "stops",
  );
}
