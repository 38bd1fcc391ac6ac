import { defineCases } from "../rule.js";
import type rule from "./proxy-header-refused.js";

const head = `global
    maxconn 100

defaults base
    mode http
    timeout connect 5s
    timeout client 30s
    timeout server 30s

`;

const backend = `
backend be_web
    server w1 127.0.0.1:8080
`;

export default defineCases<typeof rule>({
  valid: [
    {
      name: "address on a bind line, defaults named with from",
      files: {
        "haproxy.cfg": `${head}listen web from base
    bind 127.0.0.1:18080
    server w1 127.0.0.1:8080

frontend fe_web
    bind 127.0.0.1:18081
    default_backend be_web
${backend}`,
      },
    },
    {
      name: "3.2: the lines go to the frontend of the same name declared before",
      settings: { haproxyVersion: "3.2" },
      files: {
        "haproxy.cfg": `${head}frontend fe_web
    bind 127.0.0.1:18081

frontend fe_web 127.0.0.1:18082
    default_backend be_web
${backend}`,
      },
    },
  ],
  invalid: [
    {
      name: "listen with its address on the header line",
      files: {
        "haproxy.cfg": `${head}listen web 127.0.0.1:18080
    # the comment is not a keyword line
    balance roundrobin
    server w1 127.0.0.1:8080
${backend}`,
      },
      realTool: "'listen' or 'defaults' expected",
      expect: [
        { line: 12, messageId: "noProxy" },
        { line: 13, messageId: "noProxy" },
      ],
    },
    {
      name: "2.6: the frontend of the same name does not take the lines",
      settings: { haproxyVersion: "2.6" },
      files: {
        "haproxy.cfg": `${head}frontend fe_web
    bind 127.0.0.1:18081

frontend fe_web 127.0.0.1:18082
    default_backend be_web
${backend}`,
      },
      realTool: "'listen' or 'defaults' expected",
      expect: [{ line: 14, messageId: "noProxy" }],
    },
  ],
});
