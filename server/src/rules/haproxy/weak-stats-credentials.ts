import { maskCredentials } from "../mask-secret.js";
import { defineRule } from "../rule.js";
import { haproxyConfigs, ownedBy } from "./proxy-index.js";

/** Passwords found in tutorials, vendor defaults and leaked-password top lists. */
const COMMON = new Set([
  "admin",
  "password",
  "passwd",
  "haproxy",
  "stats",
  "statistics",
  "secret",
  "changeme",
  "change_me",
  "letmein",
  "welcome",
  "default",
  "123456",
  "1234567",
  "12345678",
  "123456789",
  "1234567890",
  "qwerty",
  "qwerty123",
  "abc123",
  "password1",
  "password123",
  "admin123",
  "admin1234",
  "root",
  "toor",
  "test",
  "test123",
  "guest",
  "monitor",
  "haproxy123",
  "iloveyou",
  "p@ssw0rd",
  "passw0rd",
]);

/** Why a password is weak, without revealing it; undefined when it passes. */
export function weakness(user: string, password: string): string | undefined {
  const lower = password.toLowerCase();
  if (password === "") return "has no password";
  if (lower === user.toLowerCase()) return "uses the user name as the password";
  if (COMMON.has(lower)) return "uses a well-known default password";
  if (/password|changeme|change_me|secret_here|_here$|^xxx+$/.test(lower))
    return "uses a placeholder password from an example";
  if (password.length < 8) return `uses a password of only ${password.length} characters`;
  return undefined;
}

export default defineRule({
  id: "HP011",
  name: "weak-stats-credentials",
  severity: "warning",
  scope: "haproxy",
  docs: {
    summary: "Weak or default `stats auth` credentials, or `stats admin if TRUE`.",
    description:
      "Checks every `stats auth <user>:<password>`: no password, the user name as password, a well-known default " +
      "(`admin:admin`, `haproxy`, `password`, `123456`, ...), a placeholder copied from an example " +
      "(`strong_password_here`, `changeme`), or fewer than 8 characters. Also reports `stats admin if TRUE`, which " +
      "gives every visitor of the stats page the administrative actions. Messages never show the password.",
    why:
      "The stats page authenticates with HTTP Basic: the credentials are stored in clear text in haproxy.cfg and " +
      "travel in clear text unless the page is served over TLS (configuration manual 'stats auth'). Default or short " +
      "passwords are the first ones tried. With `stats admin`, whoever logs in can drain or disable servers.",
    sources: ["HAProxy configuration manual 4.2 'stats auth' (Basic authentication, clear text) and 'stats admin'"],
    bad: "listen stats\n    bind 192.0.2.5:8404\n    stats enable\n    stats auth admin:admin\n    stats admin if TRUE\n",
    good:
      "listen stats\n    bind 192.0.2.5:8404\n    stats enable\n    stats auth ops:Vb9-long-random-secret\n" +
      "    stats admin if { src 192.0.2.0/24 }\n",
    realTool: "haproxy -c is silent.",
    reportedBy: "none",
  },
  messages: {
    weakCredentials: (data: { credentials: string; why: string }) =>
      `stats auth '${data.credentials}' ${data.why}; the stats page uses HTTP Basic authentication, so this is the ` +
      `first guess an attacker tries. Use a long random password (16+ characters)`,
    adminForAll: (data: { condition: string }) =>
      `'stats admin ${data.condition}' gives every user of the stats page the admin actions (drain, disable, change ` +
      `weights of servers); restrict it, e.g. 'stats admin if { src <management network> }' or to an authenticated ` +
      `user`,
  },
  check(ctx) {
    for (const config of haproxyConfigs(ctx)) {
      for (const p of [...config.defaults, ...config.proxies]) {
        for (const auth of p.stats.auth) {
          if (!ownedBy(p, auth.location)) continue;
          const colon = auth.value.indexOf(":");
          const user = colon < 0 ? auth.value : auth.value.slice(0, colon);
          const password = colon < 0 ? "" : auth.value.slice(colon + 1);
          // A password taken from an environment variable HAProxy fills in at start-up cannot be judged.
          if (/\$\{?[A-Za-z_]/.test(password)) continue;
          const why = weakness(user, password);
          if (!why) continue;
          ctx.report({
            file: auth.location.file,
            range: auth.location.range,
            messageId: "weakCredentials",
            data: { credentials: maskCredentials(auth.value), why },
          });
        }
        const admin = p.stats.admin;
        if (
          admin &&
          ownedBy(p, admin.location) &&
          /^(if\s+(TRUE|\{\s*always_true\s*\})|unless\s+(FALSE|\{\s*always_false\s*\}))$/.test(admin.value.trim())
        ) {
          ctx.report({
            file: admin.location.file,
            range: admin.location.range,
            messageId: "adminForAll",
            data: { condition: admin.value },
          });
        }
      }
    }
  },
});
