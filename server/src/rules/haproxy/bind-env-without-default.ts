import { defineRule } from "../rule.js";
import { describeProxy, haproxyConfigs } from "./proxy-index.js";

const T =
  "defaults\n    mode http\n    timeout connect 5s\n    timeout client 30s\n    timeout server 30s\n\nbackend web\n    server w1 192.0.2.11:80 check\n\n";

export default defineRule({
  id: "HP015",
  name: "bind-env-without-default",
  severity: "warning",
  scope: "haproxy",
  docs: {
    summary: "A `bind` address built from an environment variable that has no default.",
    description:
      'Reports `bind` addresses that use `$VAR` or `${VAR}` without a `"${VAR-default}"` fallback, unless the variable\'s value is given to the analysis (settings `env`). Quoted or not, HAProxy expands variables in addresses; the `-default` form works only inside double quotes (outside them HAProxy refuses the address, which HP023 reports).',
    why: "HAProxy expands environment variables in every address (src/tools.c str2sa_range() calls env_expand()), even outside double quotes. An unset variable expands to nothing, so `bind ${VIP}:80` becomes `bind :80` and the proxy silently listens on every address of the node instead of the VIP: on a keepalived pair, both nodes then answer, and a second frontend on the same port shares the traffic.",
    sources: [
      "HAProxy src/tools.c str2sa_range() / env_expand()",
      "HAProxy configuration manual 2.3 'Environment variables' (${NAME-default})",
    ],
    bad: "frontend www\n    bind ${VIP}:80\n    default_backend web\n",
    good: 'frontend www\n    bind "${VIP-192.0.2.10}:80"\n    default_backend web\n',
    realTool: "haproxy -c is silent and binds the wildcard address when the variable is unset.",
    reportedBy: "none",
  },
  check(ctx) {
    for (const config of haproxyConfigs(ctx)) {
      for (const p of config.proxies) {
        for (const bind of p.binds) {
          for (const a of bind.addresses) {
            // Only IP addresses fall back to the wildcard; a socket path or fd@ built from nothing fails instead.
            if (a.env !== "unset" || (a.family !== 4 && a.family !== 6)) continue;
            const names = [...a.text.matchAll(/\$\{?([A-Za-z_][A-Za-z0-9_]*)/g)].map((m) => m[1]);
            const name = names[0] ?? "VAR";
            ctx.report({
              file: bind.location.file,
              range: bind.location.range,
              message: `${describeProxy(p)} binds '${a.text}': if ${name} is not set when HAProxy starts, it expands to nothing and the proxy listens on every address${a.port ? ` (':${a.port}')` : ""}; give a default in double quotes ('"\${${name}-<address>}:port"') or make sure the variable is always set`,
            });
          }
        }
      }
    }
  },
  cases: {
    valid: [
      {
        name: "default given in double quotes",
        files: { "haproxy.cfg": `${T}frontend www\n    bind "\${VIP-192.0.2.10}:80"\n    default_backend web\n` },
      },
      {
        name: "value known to the analysis",
        settings: { env: { VIP: "192.0.2.10" } },
        files: { "haproxy.cfg": `${T}frontend www\n    bind "\${VIP}:80"\n    default_backend web\n` },
      },
    ],
    invalid: [
      {
        name: "bare variable",
        files: {
          "haproxy.cfg": `${T}frontend www\n    bind \${VIP}:80\n    bind "\${VIP}:8080"\n    default_backend web\n`,
        },
        expect: [
          { line: 11, message: "if VIP is not set" },
          { line: 12, message: "(':8080')" },
        ],
      },
    ],
  },
});
