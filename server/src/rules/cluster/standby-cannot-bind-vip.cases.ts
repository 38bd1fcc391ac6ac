import { defineCases } from "../rule.js";
import type rule from "./standby-cannot-bind-vip.js";
import { exampleHaproxy, examplePair, NONLOCAL_BIND } from "./example-pair.js";

export default defineCases<typeof rule>({
  valid: [
    {
      name: "ip_nonlocal_bind set on both nodes",
      files: {
        ...examplePair(),
        "lb01/haproxy.cfg": exampleHaproxy(),
        "lb02/haproxy.cfg": exampleHaproxy(),
        "lb01/sysctl.conf": NONLOCAL_BIND,
        "lb02/sysctl.d/99-haproxy.conf": NONLOCAL_BIND,
      },
    },
    {
      name: "transparent bind",
      files: { ...examplePair(), "lb01/haproxy.cfg": exampleHaproxy("192.0.2.100:80 transparent") },
    },
  ],
  invalid: [
    {
      name: "sysctl known, setting missing",
      files: {
        "lb01/etc/keepalived/keepalived.conf": examplePair()["lb01/keepalived.conf"],
        "lb02/etc/keepalived/keepalived.conf": examplePair()["lb02/keepalived.conf"],
        "lb01/etc/haproxy/haproxy.cfg": exampleHaproxy(),
        "lb02/etc/haproxy/haproxy.cfg": exampleHaproxy(),
        "lb01/etc/sysctl.conf": NONLOCAL_BIND,
        "lb02/etc/sysctl.conf": `vm.swappiness = 10
`,
      },
      expect: [
        {
          line: 9,
          file: "lb02/etc/haproxy/haproxy.cfg",
          severity: "error",
          messageId: "sysctlMissing",
        },
      ],
    },
    {
      name: "no sysctl file given",
      files: { ...examplePair(), "lb02/haproxy.cfg": exampleHaproxy() },
      expect: [{ line: 9, file: "lb02/haproxy.cfg", severity: "warning", messageId: "sysctlUnknown" }],
    },
  ],
});
