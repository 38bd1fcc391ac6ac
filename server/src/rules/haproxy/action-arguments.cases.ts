import { defineCases } from "../rule.js";
import type rule from "./action-arguments.js";
import { HTTP_DEFAULTS } from "./example-configs.js";

const head = `${HTTP_DEFAULTS}
cache small
    total-max-size 4

`;

export default defineCases<typeof rule>({
  valid: [
    {
      name: "actions with their words and conditions",
      files: {
        "haproxy.cfg": `${head}frontend www
    bind :8080
    http-request set-header X-Env "prod eu"
    http-request cache-use small if { path_beg /static }
    http-request allow if { src 192.0.2.0/24 }
    http-response set-header X-B b unless { status 500 }
    default_backend web

backend web
    http-response cache-store small
    server w1 192.0.2.11:80
`,
      },
    },
  ],
  invalid: [
    {
      name: "redirect rules with a word that is no redirect option, or a code HAProxy does not send",
      files: {
        "haproxy.cfg": `${head}frontend www
    bind :80
    redirect prefix /y code 305
    http-request redirect location /x set-cookie-fmt a=b drop-query if { path /z }
    default_backend web
backend web
    server w1 192.0.2.11:80
`,
      },
      realTool: "'code': unsupported HTTP code '305'",
      expect: [
        { line: 12, messageId: "redirectOption" },
        { line: 13, messageId: "redirectOption" },
      ],
    },
    {
      name: "3.2 knows set-cookie-fmt and keep-query",
      settings: { haproxyVersion: "3.2" },
      files: {
        "haproxy.cfg": `${head}frontend www
    bind :80
    http-request redirect location /x set-cookie-fmt a=b keep-query if { path /z }
    http-request redirect scheme https 'co"de' 301 unless { ssl_fc }
    default_backend web
backend web
    server w1 192.0.2.11:80
`,
      },
      realTool: "expects 'code', 'prefix', 'location', 'scheme', 'set-cookie', 'set-cookie-fmt'",
      expect: [{ line: 13, messageId: "redirectOption" }],
    },
    {
      name: "a condition whose closing brace is commented out",
      files: {
        "haproxy.cfg": `${head}frontend www
    bind :80
    http-response deny if { res.hdr(content-type) audi #o/mp3 }
    default_backend web
backend web
    server w1 192.0.2.11:80
`,
      },
      realTool: "missing closing '}' in condition",
      expect: [{ line: 12, messageId: "unclosedCondition" }],
    },
    {
      name: "check rules setting a variable they do not name",
      files: {
        "haproxy.cfg": `${head}backend web
    option httpchk
    http-check set-var-fmt
    http-check set-var(check.ok) str(1)
    tcp-check unset-var
    server w1 192.0.2.11:80 check
`,
      },
      realTool: "'http-check set-var-fmt' : 'set-var-fmt' : invalid or incomplete action 'set-var-fmt'",
      expect: [
        { line: 12, messageId: "varWithoutName" },
        { line: 14, messageId: "varWithoutName" },
      ],
    },
    {
      name: "request rules setting a variable they do not name",
      files: {
        "haproxy.cfg": `${head}frontend www
    bind :80
    tcp-request content set-var-fmt
    tcp-request connection unset-var
    http-response set-var
    default_backend web
backend web
    server w1 192.0.2.11:80
`,
      },
      realTool: "invalid or incomplete action 'set-var-fmt'",
      expect: [
        { line: 12, messageId: "varWithoutName" },
        { line: 13, messageId: "varWithoutName" },
        { line: 14, messageId: "varWithoutName" },
      ],
    },
    {
      name: "a check rule setting a variable it does not name (3.2)",
      settings: { haproxyVersion: "3.2" },
      files: {
        "haproxy.cfg": `${head}backend web
    option httpchk
    http-check set-var
    server w1 192.0.2.11:80 check
`,
      },
      realTool: "invalid or incomplete action 'set-var'",
      expect: [{ line: 12, messageId: "varWithoutName" }],
    },
    {
      name: "a cache-use option of a newer version",
      files: {
        "haproxy.cfg": `${head}frontend www
    bind :8080
    http-request cache-use small no-early-hints if { req.hdr(X-No-EH) -m str 1 }
    default_backend web

backend web
    http-response cache-store small
    server w1 192.0.2.11:80
`,
      },
      realTool:
        "'http-request cache-use' expects either 'if' or 'unless' followed by a condition but found 'no-early-hints'",
      expect: [{ line: 12, messageId: "extraWord" }],
    },
    {
      name: "an unquoted value with a space",
      files: {
        "haproxy.cfg": `${head}frontend www
    bind :8080
    http-request set-header X-Env prod eu
    default_backend web

backend web
    server w1 192.0.2.11:80
`,
      },
      realTool: "'http-request set-header' expects either 'if' or 'unless' followed by a condition but found 'eu'",
      expect: [{ line: 12, messageId: "extraWord" }],
    },
  ],
});
