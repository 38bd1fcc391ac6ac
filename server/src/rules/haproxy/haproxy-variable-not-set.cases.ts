import { defineCases } from "../rule.js";
import type rule from "./haproxy-variable-not-set.js";
import { GLOBAL_LOG_STDOUT, BE_WEB, LOGGED_HTTP_DEFAULTS } from "./example-configs.js";

const cfg = (format: string): string => `${GLOBAL_LOG_STDOUT}
${LOGGED_HTTP_DEFAULTS}
frontend fe_web
    bind 127.0.0.1:18080
    log-format ${format}
    default_backend be_web

${BE_WEB}`;

export default defineCases<typeof rule>({
  valid: [
    {
      name: "a variable 3.0 sets itself (3.0.11)",
      settings: { haproxyVersion: "3.0.11" },
      files: { "haproxy.cfg": cfg('"${HAPROXY_HTTP_LOG_FMT}"') },
    },
    {
      name: "with a default (2.6.12)",
      settings: { haproxyVersion: "2.6.12" },
      files: { "haproxy.cfg": cfg('"${HAPROXY_HTTP_LOG_FMT-%ci %ST}"') },
    },
    {
      name: "given by the analysis environment (2.6.12)",
      settings: { haproxyVersion: "2.6.12", env: { HAPROXY_HTTP_LOG_FMT: "%ci" } },
      files: { "haproxy.cfg": cfg('"${HAPROXY_HTTP_LOG_FMT}"') },
    },
    {
      name: "outside quotes (kept as written)",
      settings: { haproxyVersion: "2.6.12" },
      files: { "haproxy.cfg": cfg("%ci:$HAPROXY_HTTP_LOG_FMT") },
    },
  ],
  invalid: [
    {
      name: "a variable 2.8 introduced (2.6.12)",
      settings: { haproxyVersion: "2.6.12" },
      files: { "haproxy.cfg": cfg('"%ci ${HAPROXY_HTTP_LOG_FMT}"') },
      expect: [{ line: 13, column: 21, messageId: "notSetYet" }],
    },
    {
      name: "a variable 3.1 introduced (3.0.11)",
      settings: { haproxyVersion: "3.0.11" },
      files: { "haproxy.cfg": cfg('"%ci ${HAPROXY_HTTP_CLF_LOG_FMT}"') },
      expect: [{ line: 13, column: 21, messageId: "notSetYet" }],
    },
    {
      name: "a variable earlier versions set only (3.2)",
      settings: { haproxyVersion: "3.2" },
      files: { "haproxy.cfg": cfg('"%ci ${HAPROXY_MWORKER_WAIT_ONLY}"') },
      expect: [{ line: 13, column: 21, messageId: "notSet" }],
    },
  ],
});
