import { defineRule } from "../rule.js";
import { describeProxy, haproxyConfigs, inheritedNote, isActive } from "./proxy-index.js";

export default defineRule({
  id: "HP019",
  name: "maxconn-limits",
  severity: "info",
  scope: "haproxy",
  docs: {
    summary: "A frontend `maxconn` above the global `maxconn`, or no global `maxconn` at all.",
    description:
      "Reports a file with frontends but no `maxconn` in its `global` section (once, on the `global` line), and a " +
      "frontend or listen whose `maxconn` (own or from `defaults`) is larger than the global one. It is an " +
      "information, not a warning: most configurations leave the global limit to HAProxy (see how often it fires " +
      "below), and that is a choice, not a fault.",
    why:
      "The global `maxconn` caps the whole process; a frontend limit above it can never be reached, the process stops " +
      "accepting at the global limit first, so the number you tuned is not the one in effect. A frontend without its " +
      "own `maxconn` takes the global one. Without a global `maxconn`, HAProxy derives it at start-up from the " +
      "file-descriptor limit the process was started with (the larger of the soft and hard limit, less what listeners " +
      "and checks need, two descriptors per connection; haproxy 2.6.12 started with a hard limit of 20000 set itself " +
      "to 9991): under systemd's usual hard limit of 524288 that is some 260,000 connections, a number sized for " +
      "nothing in particular, and different on a node started with other limits.",
    sources: [
      "HAProxy 2.6.12 src/haproxy.c compute_ideal_maxconn() (from MAX(rlim_fd_cur_at_boot, rlim_fd_max_at_boot), at " +
        "least DEFAULT_MAXCONN) and init() (global.maxconn = ideal_maxconn when unset)",
      "HAProxy 2.6.12 src/proxy.c proxy_adjust_all_maxconn() (a frontend without maxconn takes global.maxconn), " +
        "src/cfgparse-global.c ('maxconn' read with atol())",
      "HAProxy configuration manual 3.2 'maxconn' and 4.2 'maxconn'",
    ],
    bad: "global\n    maxconn 2000\n\nfrontend www\n    bind :80\n    maxconn 10000\n    default_backend web\n",
    good: "global\n    maxconn 20000\n\nfrontend www\n    bind :80\n    maxconn 10000\n    default_backend web\n",
    realTool: "haproxy -c is silent.",
    reportedBy: "none",
  },
  messages: {
    noGlobalMaxconn: () =>
      "no 'maxconn' in the global section: HAProxy derives the process limit at start-up from the file-descriptor " +
      "limit it was started with (half of it: some 260,000 connections under systemd's usual hard limit of " +
      "524288), and every frontend without its own maxconn takes it too; set 'maxconn' in global to what the node " +
      "can carry if you want a limit sized for it",
    aboveGlobal: (data: { value: number; proxy: string; global: number }) =>
      `maxconn ${data.value} of ${data.proxy} is above the global maxconn ${data.global}, so it can never be ` +
      `reached: the process stops accepting at ${data.global}; raise the global maxconn or lower this one`,
  },
  check(ctx) {
    for (const config of haproxyConfigs(ctx)) {
      const entries = config.proxies.filter((p) => (p.kind === "frontend" || p.kind === "listen") && isActive(p));
      if (entries.length === 0) continue;
      const global = config.globalMaxconn;
      if (!global) {
        const placed = config.sections.find((s) => s.section.kind === "global") ?? config.sections[0];
        ctx.report({ file: placed.file, range: placed.section.header.range, messageId: "noGlobalMaxconn" });
        continue;
      }
      // maxconn 0 in global means "derive it" as well.
      if (global.value <= 0) continue;
      for (const p of entries) {
        if (!p.maxconn || p.maxconn.value <= global.value) continue;
        ctx.report({
          file: p.maxconn.location.file,
          range: p.maxconn.location.range,
          messageId: "aboveGlobal",
          data: {
            value: p.maxconn.value,
            proxy: `${describeProxy(p)}${inheritedNote(p, p.maxconn.location)}`,
            global: global.value,
          },
          related: [{ file: global.location.file, range: global.location.range, message: "global maxconn" }],
        });
      }
    }
  },
});
