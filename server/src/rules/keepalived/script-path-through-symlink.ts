import { disabledBySymlinkPath, scriptRunAs } from "../../simulate/trackers.js";
import { defineRule } from "../rule.js";
import { at, keepalivedUnits } from "./ka-model.js";

export default defineRule({
  id: "KA073",
  name: "script-path-through-symlink",
  severity: "error",
  scope: "keepalived",
  docs: {
    summary:
      "keepalived 2.3 and later disable a root-run vrrp_script whose path goes through /bin, /sbin or /lib " +
      "(symbolic links on merged-/usr systems).",
    description:
      "Reports a vrrp_script run as root whose command is written as `/bin/...`, `/sbin/...`, `/lib/...` or " +
      "`/lib64/...` when the node runs keepalived 2.3.0 or later. On every current distribution these directories " +
      "are symbolic links into /usr, and keepalived refuses a script path with a symbolic link before its last " +
      "part.",
    why:
      "keepalived 2.2 replaced the script's path with its real path (realpath()) before checking that no part of it " +
      "is writable by others. 2.3.0 keeps the path as written (for the new use_symlink_paths) and walks it without " +
      "following links: '/bin' is a link, not a directory, so the check fails ('Wrong file type found in script " +
      "path') and the script is disabled ('Disabling track script X due to insecure'). Every instance that tracks it " +
      "loses that tracker: a failed HAProxy no longer moves the VIP. `use_symlink_paths` does not help; writing " +
      "/usr/bin/... does.",
    sources: [
      "keepalived lib/notify.c check_script_secure() and check_security() at v2.2.8 (replace_cmd_name() with the " +
        "real path first) and v2.3.0 to v2.4.3 (check_security(script->args[0]) with AT_SYMLINK_NOFOLLOW; commit " +
        "ebf37b95 'add global keyword use_symlink_paths')",
      "keepalived keepalived/vrrp/vrrp.c check_track_script_secure() ('Disabling track script %s due to insecure')",
    ],
    bad: "vrrp_script chk_haproxy {\n    script \"/bin/sh -c 'pidof haproxy'\"\n}\n",
    good: "vrrp_script chk_haproxy {\n    script \"/usr/bin/sh -c 'pidof haproxy'\"\n}\n",
    realTool:
      "keepalived -t 2.3.3 and 2.3.4 (Debian roots, merged /usr) print 'Disabling track script chk due to insecure' " +
      "for `/bin/sh -c ...`, `/bin/true` and `/sbin/ip`, and keep `/usr/bin/true` and a bare `pidof`; 2.2.7 keeps " +
      "them all.",
    reportedBy: "keepalived -t",
    severityNote:
      "An error although keepalived starts: the daemon runs without the tracker, so HAProxy failures no longer move " +
      "the VIP.",
    versions:
      "keepalived 2.3.0 and later (each node's version); assumes a merged-/usr system, as every current " +
      "distribution is.",
  },
  messages: {
    disabled: (data: { script: string; program: string; dir: string; version: string; user: string }) =>
      `keepalived ${data.version} disables vrrp_script '${data.script}' (run as ${data.user}): its path ` +
      `${data.program} goes through /${data.dir}, a symbolic link to /usr/${data.dir} on merged-/usr systems, and ` +
      `keepalived 2.3+ refuses links in a script path ('due to insecure'), so every instance that tracks it loses ` +
      `that check. Write /usr/${data.dir}/${data.program.split("/").slice(2).join("/")}`,
  },
  check(ctx) {
    for (const { config, node } of keepalivedUnits(ctx)) {
      for (const script of config.scripts.values()) {
        if (!script.command || !disabledBySymlinkPath(node, config, script)) continue;
        const program = script.command.args[0];
        const place = script.command.word?.location ?? script.command.location;
        ctx.report({
          ...at(place),
          messageId: "disabled",
          data: {
            script: script.name,
            program,
            dir: program.split("/")[1],
            version: node.keepalivedVersion ?? ctx.settings.keepalivedVersion,
            user: scriptRunAs(config, script),
          },
        });
      }
    }
  },
});
