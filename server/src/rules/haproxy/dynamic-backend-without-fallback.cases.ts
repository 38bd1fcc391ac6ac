import { defineCases } from "../rule.js";
import type rule from "./dynamic-backend-without-fallback.js";

const T = "defaults\n    mode http\n    timeout connect 5s\n    timeout client 30s\n    timeout server 30s\n\n";

export default defineCases<typeof rule>({
  valid: [
    {
      name: "dynamic name with a fallback",
      files: {
        "haproxy.cfg": `${T}frontend www\n    bind :80\n    use_backend be_%[req.hdr(host),lower,word(1,:)]\n    default_backend be_default\n\nbackend be_default\n    server w1 192.0.2.11:80 check\n`,
      },
    },
    {
      name: "fallback from defaults",
      files: {
        "haproxy.cfg":
          "defaults\n    mode http\n    default_backend be_default\n    timeout connect 5s\n    timeout client 30s\n    timeout server 30s\n\nfrontend www\n    bind :80\n    use_backend be_%[req.hdr(host),lower]\n\nbackend be_default\n    server w1 192.0.2.11:80 check\n",
      },
    },
    {
      name: "a listen section falls back to its own servers",
      files: {
        "haproxy.cfg": `${T}listen www\n    bind :80\n    use_backend be_%[req.hdr(host),lower]\n    server w1 192.0.2.11:80 check\n`,
      },
    },
  ],
  invalid: [
    {
      name: "host-based switching without a fallback",
      files: {
        "haproxy.cfg": `${T}frontend www\n    bind :80\n    use_backend be_%[req.hdr(host),lower,word(1,:)]\n\nbackend be_example.org\n    server w1 192.0.2.11:80 check\n`,
      },
      expect: [{ line: 9, messageId: "noFallback" }],
    },
  ],
});
