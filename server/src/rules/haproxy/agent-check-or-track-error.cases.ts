import { defineCases } from "../rule.js";
import type rule from "./agent-check-or-track-error.js";
import { HTTP_FRONTEND_TO_WEB as head, BACKEND_WEB } from "./example-configs.js";

export default defineCases<typeof rule>({
  valid: [
    {
      name: "agent port and tracking to a checked server",
      files: {
        "haproxy.cfg": `${head}backend web
    default-server agent-port 9999
    server w1 192.0.2.11:80 check agent-check
    server w2 192.0.2.12:80 track w1

backend web_ssl
    server w1 192.0.2.11:443 track web/w1
`,
      },
    },
  ],
  invalid: [
    {
      name: "agent-check without agent-port",
      files: {
        "haproxy.cfg": `${head}backend web
    server w1 192.0.2.11:80 check agent-check
`,
      },
      realTool: "does not have agent port",
      expect: [{ line: 12, messageId: "noAgentPort" }],
    },
    {
      name: "track to a renamed backend",
      files: {
        "haproxy.cfg": `${head}${BACKEND_WEB}
backend web_ssl
    server w1 192.0.2.11:443 track www/w1
`,
      },
      realTool: "unable to find required proxy 'www' for tracking",
      expect: [{ line: 15, messageId: "trackNoBackend" }],
    },
    {
      name: "track to an unknown server and to an unchecked one",
      files: {
        "haproxy.cfg": `${head}${BACKEND_WEB}    server w2 192.0.2.12:80

backend web_ssl
    server s1 192.0.2.11:443 track web/web1
    server s2 192.0.2.12:443 track web/w2
`,
      },
      realTool: "unable to find required server 'web1' for tracking",
      expect: [
        { line: 16, messageId: "trackNoServer" },
        { line: 17, messageId: "trackNoCheck" },
      ],
    },
    {
      name: "servers tracking each other",
      files: {
        "haproxy.cfg": `${head}backend web
    server w1 192.0.2.11:80 track w2
    server w2 192.0.2.12:80 track w1
`,
      },
      realTool: "tracking chain looping back",
      expect: [{ line: 13, messageId: "trackLoop" }],
    },
    {
      name: "a server that checks and tracks",
      files: {
        "haproxy.cfg": `${head}${BACKEND_WEB}    server w2 192.0.2.12:80 check track w1
`,
      },
      realTool: "unable to enable checks and tracking at the same time",
      expect: [{ line: 13, messageId: "checkAndTrack" }],
    },
  ],
});
