import { defineCases } from "../rule.js";
import type rule from "./ipvs-service-values.js";

const service = (header: string, lines: string): string => `virtual_server ${header} {
${lines}    protocol TCP
    real_server 192.0.2.21 80 {
        weight 1
    }
}
`;

export default defineCases<typeof rule>({
  valid: [
    {
      name: "schedulers, methods and addresses keepalived reads",
      files: {
        "keepalived.conf": `virtual_server_group VSG_1 {
    192.0.2.10 80
    192.0.2.20-30 80
}
${service("192.0.2.10 80", "    lb_algo wlc\n    lb_kind TUN type ipip nocsum\n")}${service("group VSG_1", "    lvs_sched rr\n    lvs_method DR\n")}`,
      },
    },
  ],
  invalid: [
    {
      name: "a scheduler in quotes keepalived keeps",
      files: { "keepalived.conf": service("192.0.2.10 80", "    lb_algo 'rr'\n    lb_kind NAT\n") },
      realTool: "Invalid lvs_scheduler ''rr'' - ignoring",
      expect: [{ line: 2, messageId: "scheduler" }],
    },
    {
      name: "a word after the forwarding method",
      files: { "keepalived.conf": service("192.0.2.10 80", "    lb_algo rr\n    lb_kind NAT extra\n") },
      realTool: "Invalid tunnel option extra for virtual server\\.",
      expect: [{ line: 3, messageId: "tunnelOption" }],
    },
    {
      name: "a host name with a dash as the service address",
      files: { "keepalived.conf": service("localhost- 443", "    lb_algo rr\n    lb_kind NAT\n") },
      realTool: "Invalid virtual server IP address/port localhost-/443 - skipping",
      expect: [{ line: 1, messageId: "serviceAddress" }],
    },
    {
      name: "a group entry that is no address",
      files: {
        "keepalived.conf": `virtual_server_group VSG_1 {
    192.0.2.10 80
    VI_1
}
${service("group VSG_1", "    lb_algo rr\n    lb_kind NAT\n")}`,
      },
      realTool: "Invalid virtual server group IP address VI_1  - skipping",
      expect: [{ line: 3, messageId: "groupEntry" }],
    },
  ],
});
