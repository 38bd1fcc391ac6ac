import type { AddressOutcome, BindAddress } from "../../model/types.js";
import { defineRule } from "../rule.js";
import { describeProxy, haproxyConfigs } from "./proxy-index.js";

/** What HAProxy prints when it refuses the address that an unset variable leaves. */
const REFUSAL: Partial<Record<AddressOutcome, string>> = {
  "missing-port": "missing port specification",
  "invalid-port": "the port is no longer a number",
  "invalid-address": "invalid address",
  empty: "resolves to an empty address (environment variable missing?)",
  "missing-argument": "the line has no address left ('expects ... as arguments')",
};

function names(a: Pick<BindAddress, "variables">): string {
  const list = a.variables?.unknown ?? [];
  return list.length === 1 ? list[0] : `${list.slice(0, -1).join(", ")} and ${list[list.length - 1]}`;
}

export default defineRule({
  id: "HP015",
  name: "bind-env-without-default",
  severity: "info",
  scope: "haproxy",
  docs: {
    summary: "A bind or server address built from an environment variable that may be unset.",
    description:
      "Reads every `bind` and `server` address the way HAProxy does: the line parser expands variables only inside " +
      "double quotes, then the address parser expands `$NAME` and `${NAME}` again in every address, quoted or not " +
      "(single quotes do not protect it), and knows no `-default` there. For each address that uses a variable the " +
      "analysis has no value for (settings `env`), it works out the address HAProxy reads when the variable is " +
      "unset and says what follows: a bind whose host was the variable listens on every address; a server whose " +
      "host was the variable connects to the address the client connected to; a bind left without port, an address " +
      'left empty or no longer an address makes HAProxy refuse to start. A `"${NAME-default}"` inside double ' +
      "quotes is a default and is not reported.",
    why:
      "An unset variable expands to nothing, silently. `bind ${VIP}:80` becomes `bind :80`: the proxy answers on " +
      "every address of the node instead of the VIP, and on a keepalived pair both nodes answer. `bind *:${PORT}` " +
      "becomes `bind *:`, which HAProxy refuses ('missing port specification'), so the service does not start at " +
      "all. `server app ${APP}:8080` becomes a server on `0.0.0.0`, which HAProxy treats as 'the destination address " +
      "of the client connection' (configuration manual 5.2), so requests go back to the address the client used " +
      "instead of to the application.",
    sources: [
      "HAProxy 2.6.12 src/tools.c parse_line() (variables expanded only inside double quotes, PARSE_OPT_ENV with " +
        "PARSE_OPT_DQUOTE)",
      "HAProxy 2.6.12 src/tools.c str2sa_range() -> env_expand() (every address, whatever its quoting; `$NAME`, " +
        "`${NAME}`, no `-default`; an empty result gives 'resolves to an empty address')",
      "HAProxy 2.6.12 src/cfgparse.c str2listener() (bind addresses: comma list, 'missing port specification')",
      "HAProxy 2.6.12 src/server.c _srv_parse_init() (server address through str2sa_range())",
      "HAProxy configuration manual 2.3 'Environment variables' and 5.2 server <address> ('0.0.0.0' or '*': the " +
        "client's destination address)",
    ],
    bad:
      "frontend www\n    bind ${VIP}:80\n    bind *:${HTTPS_PORT} ssl crt /etc/haproxy/site.pem\n" +
      "    default_backend web\n",
    good:
      'frontend www\n    bind "${VIP-192.0.2.10}:80"\n    bind "*:${HTTPS_PORT-443}" ssl crt /etc/haproxy/site.pem\n' +
      "    default_backend web\n",
    realTool:
      "haproxy -c started without the variable refuses the addresses left without port, empty or invalid (fatal, " +
      "on the bind or server line) and accepts the others silently: the wildcard bind and the 0.0.0.0 server are " +
      "valid configuration. test/haproxy-address-variables.test.ts checks the address the model reads on every " +
      "form against haproxy 2.6, 3.0 and 3.2.",
    reportedBy: "none",
    severityNote:
      "Whether the variable is set when HAProxy starts is outside the file, and an address taken from the " +
      "environment is nearly always deliberate (container environments, systemd `Environment=`, VTest, which sets " +
      "the `${name_addr}`/`${name_port}` macros of a reg-test before it starts HAProxy; as a warning everywhere, " +
      "the rule fired on 371 of the shared corpus's 605 haproxy files, nearly all for those macros). So the " +
      "finding is a warning only where the unset variable leaves an address HAProxy refuses, and it then refuses " +
      "to start (checked with haproxy -c on 2.6.12, 3.0.11 and 3.2.26: 'missing port specification', 'resolves to " +
      "an empty address'). Where HAProxy reads a valid address instead (a bind on every address, a server at " +
      "0.0.0.0) the file is valid as written and does what it says whenever the variable is set: that is " +
      "information (info). Give ha-lint the value (settings `env`) to check the address it then reads.",
  },
  messages: {
    everyAddress: (data: { proxy: string; text: string; names: string; whenUnset: string; port: string }) =>
      `${data.proxy} binds '${data.text}': when ${data.names} is not set at start-up HAProxy reads ` +
      `'${data.whenUnset}' and listens on port ${data.port} of every address of the node, not only the one you ` +
      `meant; give a default inside double quotes ("\${NAME-<address>}:${data.port}") or make sure the variable is ` +
      `always set`,
    refusedBind: (data: { proxy: string; text: string; names: string; whenUnset: string; reason: string }) =>
      `${data.proxy} binds '${data.text}': when ${data.names} is not set at start-up HAProxy reads ` +
      `'${data.whenUnset}' and refuses to start (${data.reason}); give a default inside double quotes ` +
      `("\${NAME-<value>}") or make sure the variable is always set`,
    serverClientDestination: (data: {
      server: string;
      proxy: string;
      text: string;
      names: string;
      whenUnset: string;
    }) =>
      `server '${data.server}' of ${data.proxy} connects to '${data.text}': when ${data.names} is not set at ` +
      `start-up HAProxy reads '${data.whenUnset}', an address of 0.0.0.0, which for a server means the destination ` +
      `address of the client's connection, so requests go back to the address the client used instead of to this ` +
      `server; give a default inside double quotes or make sure the variable is always set`,
    refusedServer: (data: {
      server: string;
      proxy: string;
      text: string;
      names: string;
      whenUnset: string;
      reason: string;
    }) =>
      `server '${data.server}' of ${data.proxy} connects to '${data.text}': when ${data.names} is not set at ` +
      `start-up HAProxy reads '${data.whenUnset}' and refuses to start (${data.reason}); give a default inside ` +
      `double quotes or make sure the variable is always set`,
  },
  check(ctx) {
    for (const config of haproxyConfigs(ctx)) {
      for (const p of config.proxies) {
        for (const bind of p.binds) {
          for (const a of bind.addresses) {
            const v = a.variables;
            if (!v) continue;
            const base = { proxy: describeProxy(p), text: a.text, names: names(a), whenUnset: v.whenUnset };
            const place = { file: bind.location.file, range: (a.location ?? bind.location).range };
            const reason = REFUSAL[v.outcome];
            if (reason)
              ctx.report({ ...place, severity: "warning", messageId: "refusedBind", data: { ...base, reason } });
            else if (v.outcome === "every-address" && a.port)
              ctx.report({ ...place, messageId: "everyAddress", data: { ...base, port: a.port } });
          }
        }
        for (const s of p.servers) {
          const v = s.variables;
          if (!v) continue;
          const base = {
            server: s.name,
            proxy: describeProxy(p),
            text: s.address,
            names: names(s),
            whenUnset: v.whenUnset,
          };
          const reason = REFUSAL[v.outcome];
          if (reason)
            ctx.report({ ...s.location, severity: "warning", messageId: "refusedServer", data: { ...base, reason } });
          else if (v.outcome === "every-address")
            ctx.report({ ...s.location, messageId: "serverClientDestination", data: base });
        }
      }
    }
  },
});
