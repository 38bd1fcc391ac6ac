import { defineRule } from "../rule.js";
import { haproxyConfigs } from "./proxy-index.js";

export default defineRule({
  id: "HP012",
  name: "userlist-insecure-password",
  severity: "info",
  scope: "haproxy",
  docs: {
    summary: "A `userlist` user whose password is written in clear text (`insecure-password`).",
    description:
      "Reports each `user <name> insecure-password <password>` line of a `userlist` section. The password itself " +
      "is never shown.",
    why:
      "`insecure-password` keeps the password in clear text in haproxy.cfg, so everyone who can read the file, its " +
      "backups or the configuration repository has it (configuration manual 3.4). `password` takes a crypt(3) hash " +
      "instead; HAProxy then hashes the submitted password on every authenticated request, so prefer a hash method " +
      "that is not needlessly slow, and keep the page behind TLS.",
    sources: ["HAProxy configuration manual 3.4 'Userlists' (user ... password / insecure-password)"],
    bad: "userlist admins\n    user ops insecure-password Vb9-long-random-secret\n",
    good: "userlist admins\n    user ops password $6$k5e9jS1c$7bV1yS0mQ0lQ5...   # mkpasswd -m sha-512\n",
    realTool: "haproxy -c is silent.",
    reportedBy: "none",
  },
  messages: {
    insecurePassword: (data: { user: string; userlist: string }) =>
      `user '${data.user}' of userlist '${data.userlist}' has an insecure-password: it stands in clear text in ` +
      `haproxy.cfg and every copy of it; store a crypt(3) hash with 'password' instead (for example from 'mkpasswd ` +
      `-m sha-512')`,
  },
  check(ctx) {
    for (const config of haproxyConfigs(ctx)) {
      for (const list of config.userlists) {
        for (const user of list.users) {
          if (!user.insecure) continue;
          ctx.report({
            file: user.location.file,
            range: user.location.range,
            messageId: "insecurePassword",
            data: { user: user.name, userlist: list.name },
          });
        }
      }
    }
  },
});
