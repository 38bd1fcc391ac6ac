import { defineCases } from "../rule.js";
import type rule from "./backend-without-servers.js";
import { BACKEND_WEB, HTTP_DEFAULTS } from "./example-configs.js";

const T = `${HTTP_DEFAULTS}
`;

export default defineCases<typeof rule>({
  valid: [
    {
      name: "servers, a return and a maintenance page",
      files: {
        "haproxy.cfg": `${T}frontend www
    bind :80
    use_backend health if { path /healthz }
    default_backend web

${BACKEND_WEB}
backend health
    http-request return status 200 content-type text/plain string ok

backend maintenance
    errorfile 503 /etc/haproxy/errors/maintenance.http
`,
      },
    },
  ],
  invalid: [
    {
      name: "servers commented out",
      files: {
        "haproxy.cfg": `${T}frontend www
    bind :80
    use_backend api if { path_beg /api }
    default_backend web

${BACKEND_WEB}
backend api
    balance roundrobin
    # server a1 192.0.2.21:8080 check
`,
      },
      expect: [{ line: 15, messageId: "noServer" }],
    },
  ],
});
