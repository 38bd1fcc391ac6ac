import { defineCases } from "../rule.js";
import type rule from "./virtual-server-defaults.js";

export default defineCases<typeof rule>({
  valid: [
    {
      name: "protocol, scheduler and forwarding method given",
      files: {
        "keepalived.conf": `virtual_server 192.0.2.101 80 {
  protocol TCP
  lb_algo rr
  lb_kind DR
  real_server 192.0.2.11 80 {
  }
  real_server 192.0.2.12 {
  }
}
`,
      },
    },
  ],
  invalid: [
    {
      name: "nothing but a real server",
      files: {
        "keepalived.conf": `virtual_server 192.0.2.100 80 {
  real_server 192.0.2.11 80 {
  }
}
`,
      },
      realTool: "no protocol set - defaulting to UDP",
      expect: [
        { line: 1, messageId: "noProtocol" },
        { line: 1, messageId: "noScheduler" },
        { line: 1, messageId: "noForwarding" },
      ],
    },
    {
      name: "real servers twice and on another port with DR",
      files: {
        "keepalived.conf": `virtual_server 192.0.2.101 80 {
  protocol TCP
  lb_algo rr
  lb_kind DR
  real_server 192.0.2.11 8080 {
  }
  real_server 192.0.2.12 80 {
  }
  real_server 192.0.2.12 80 {
  }
}
`,
      },
      realTool: "ports don't match - resetting",
      expect: [
        { line: 5, messageId: "portReset" },
        { line: 9, messageId: "duplicateRealServer" },
      ],
    },
    {
      name: "a fwmark service with a protocol and a real server port",
      files: {
        "keepalived.conf": `virtual_server fwmark 5 {
  protocol TCP
  lb_algo rr
  lb_kind DR
  real_server 192.0.2.11 80 {
  }
}
`,
      },
      realTool: "protocol specified for fwmark - protocol will be ignored",
      expect: [
        { line: 2, messageId: "fwmarkProtocol" },
        { line: 5, messageId: "fwmarkPortCleared" },
      ],
    },
    {
      name: "port 0 without persistence, and no real server",
      files: {
        "keepalived.conf": `virtual_server 192.0.2.102 0 {
  protocol TCP
  lb_algo rr
  lb_kind NAT
  real_server 192.0.2.11 80 {
  }
}
virtual_server 192.0.2.103 80 {
  protocol TCP
}
`,
      },
      realTool: "zero port only valid for persistent services",
      expect: [
        { line: 1, messageId: "zeroPort" },
        { line: 10, messageId: "noRealServers" },
      ],
    },
    {
      name: "the same in 2.2.7: no real servers, found after the file is read",
      settings: { keepalivedVersion: "2.2.7" },
      files: {
        "keepalived.conf": `virtual_server 192.0.2.102 0 {
  protocol TCP
  lb_algo rr
  lb_kind NAT
  real_server 192.0.2.11 80 {
  }
}
virtual_server 192.0.2.103 80 {
  protocol TCP
}
`,
      },
      realTool: "zero port only valid for persistent services",
      expect: [
        { line: 1, messageId: "zeroPort" },
        { line: 8, messageId: "noRealServers" },
      ],
    },
  ],
});
