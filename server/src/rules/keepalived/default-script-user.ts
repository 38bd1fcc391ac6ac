/**
 * Whether keepalived runs a vrrp_script as its default user `keepalived_script` (lib/notify.c
 * get_default_script_user()): script security is on, global_defs has no script_user and the block has no `user`.
 * A user word after the command on the `script` line does not count: vrrp_vscript_script_handler() reads only the
 * command (keepalived/vrrp/vrrp_parser.c at v2.2.7 and v2.3.4); only notify_* lines take one.
 */
import type { KeepalivedConfig, VrrpScript } from "../../model/types.js";

export function runsAsDefaultUser(config: KeepalivedConfig, script: VrrpScript): boolean {
  return config.enableScriptSecurity !== undefined && config.scriptUser === undefined && script.user === undefined;
}
