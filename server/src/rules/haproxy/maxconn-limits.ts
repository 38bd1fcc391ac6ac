import { defineRule } from "../rule.js";
import { describeProxy, haproxyConfigs, inheritedNote, isActive } from "./proxy-index.js";

const T =
  "defaults\n    mode http\n    timeout connect 5s\n    timeout client 30s\n    timeout server 30s\n\nfrontend www\n    bind :80\n    default_backend web\n\nbackend web\n    server w1 192.0.2.11:80 check\n";

export default defineRule({
  id: "HP019",
  name: "maxconn-limits",
  severity: "info",
  scope: "haproxy",
  docs: {
    summary: "A frontend `maxconn` above the global `maxconn`, or no global `maxconn` at all.",
    description:
      "Reports a file with frontends but no `maxconn` in its `global` section, and a frontend or listen whose `maxconn` (own or from `defaults`) is larger than the global one.",
    why: "The global `maxconn` caps the whole process; a frontend limit above it can never be reached, and the frontend stops accepting at the global limit instead, so the numbers you tuned are not the ones in effect (the manual says the frontend value should not exceed the global one). Without a global `maxconn`, HAProxy derives it from the file-descriptor limit (`ulimit -n`, systemd `LimitNOFILE`) and available memory, so the real limit depends on how each node was started and may differ between the two nodes of a pair.",
    sources: [
      "HAProxy configuration manual 3.2 'maxconn' (global: derived from ulimit -n when unset) and 4.2 'maxconn' (frontend defaults to the global value)",
    ],
    bad: "global\n    maxconn 2000\n\nfrontend www\n    bind :80\n    maxconn 10000\n    default_backend web\n",
    good: "global\n    maxconn 20000\n\nfrontend www\n    bind :80\n    maxconn 10000\n    default_backend web\n",
    realTool: "haproxy -c is silent.",
    reportedBy: "none",
  },
  check(ctx) {
    for (const config of haproxyConfigs(ctx)) {
      const entries = config.proxies.filter((p) => (p.kind === "frontend" || p.kind === "listen") && isActive(p));
      if (entries.length === 0) continue;
      const global = config.globalMaxconn;
      if (!global) {
        const section = config.document.sections.find((s) => s.kind === "global") ?? config.document.sections[0];
        ctx.report({
          file: config.file,
          range: section.header.range,
          message: `no 'maxconn' in the global section: HAProxy derives the process limit from the file-descriptor limit (ulimit -n, systemd LimitNOFILE) and memory, so it depends on how each node starts HAProxy and may differ between nodes; set 'maxconn' in global`,
        });
        continue;
      }
      if (!Number.isFinite(global.value)) continue;
      for (const p of entries) {
        if (!p.maxconn || !Number.isFinite(p.maxconn.value) || p.maxconn.value <= global.value) continue;
        ctx.report({
          file: p.maxconn.location.file,
          range: p.maxconn.location.range,
          message: `maxconn ${p.maxconn.value} of ${describeProxy(p)}${inheritedNote(p, p.maxconn.location)} is above the global maxconn ${global.value}, so it can never be reached: the process stops accepting at ${global.value}; raise the global maxconn or lower this one`,
          related: [{ file: global.location.file, range: global.location.range, message: "global maxconn" }],
        });
      }
    }
  },
  cases: {
    valid: [
      {
        name: "frontend below global",
        files: {
          "haproxy.cfg": `global\n    maxconn 20000\n\n${T.replace("bind :80\n", "bind :80\n    maxconn 10000\n")}`,
        },
      },
    ],
    invalid: [
      {
        name: "no global maxconn",
        files: { "haproxy.cfg": `global\n    daemon\n\n${T}` },
        expect: [{ line: 1, message: "no 'maxconn' in the global section" }],
      },
      {
        name: "frontend above global",
        files: {
          "haproxy.cfg": `global\n    maxconn 2000\n\n${T.replace("bind :80\n", "bind :80\n    maxconn 10000\n")}`,
        },
        expect: [{ line: 12, message: "maxconn 10000 of frontend 'www' is above the global maxconn 2000" }],
      },
    ],
  },
});
