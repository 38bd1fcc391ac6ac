import { defineRule } from "../rule.js";
import { at, keepalivedUnits } from "./ka-model.js";

export default defineRule({
  id: "KA022",
  name: "virtual-router-id-invalid",
  severity: "error",
  scope: "keepalived",
  docs: {
    summary: "A vrrp_instance without virtual_router_id, or with one outside 1..255.",
    description:
      "Reports a vrrp_instance that has no `virtual_router_id` line, or whose value is not an integer between 1 and 255.",
    why: "The VRID identifies the virtual router on the segment and is part of the virtual MAC address. keepalived reports an invalid value, leaves the VRID unset, and then drops the whole instance ('the virtual router id must be set'): the node does not run VRRP for these VIPs at all.",
    sources: [
      "keepalived keepalived/vrrp/vrrp_parser.c vrrp_vrid_handler() 'VRID '%s' not valid - must be between 1 & 255'",
      "keepalived keepalived/vrrp/vrrp.c vrrp_complete_instance() 'the virtual router id must be set'",
      "RFC 3768 section 5.3.3",
    ],
    bad: "vrrp_instance VI_1 {\n    interface eth0\n    virtual_router_id 256\n}\n",
    good: "vrrp_instance VI_1 {\n    interface eth0\n    virtual_router_id 51\n}\n",
    realTool:
      "keepalived -t reports 'VRID ... not valid' and '(VI_1) the virtual router id must be set' (rc 5); the daemon starts without the instance.",
    reportedBy: "keepalived -t",
  },
  check(ctx) {
    for (const { config } of keepalivedUnits(ctx)) {
      for (const inst of config.instances) {
        const vrid = inst.vrid;
        if (!vrid) {
          ctx.report({
            ...at(inst.nameLocation),
            message: `vrrp_instance ${inst.name} has no virtual_router_id; keepalived drops the instance ('the virtual router id must be set'), so this node runs no VRRP for its addresses (add virtual_router_id 1..255, the same on every node of the pair)`,
          });
          continue;
        }
        const v = vrid.value;
        if (Number.isInteger(v) && v >= 1 && v <= 255) continue;
        ctx.report({
          ...at(vrid.location),
          message: `virtual_router_id ${Number.isNaN(v) ? "is not a number" : `${v} is outside 1..255`}; keepalived leaves the VRID unset and drops vrrp_instance ${inst.name}, so this node runs no VRRP for its addresses (use a value between 1 and 255, the same on every node of the pair)`,
        });
      }
    }
  },
  cases: {
    valid: [
      {
        name: "VRID 51",
        files: {
          "keepalived.conf":
            "vrrp_instance VI_1 {\n  interface eth0\n  virtual_router_id 51\n  virtual_ipaddress {\n    192.0.2.10/24\n  }\n}\n",
        },
      },
    ],
    invalid: [
      {
        name: "out of range",
        files: {
          "keepalived.conf":
            "vrrp_instance VI_1 {\n  interface eth0\n  virtual_router_id 256\n  priority 100\n  virtual_ipaddress {\n    192.0.2.10/24\n  }\n}\n",
        },
        realTool: "VRID '256' not valid",
        expect: [{ line: 3, message: "256 is outside 1..255" }],
      },
      {
        name: "missing",
        files: {
          "keepalived.conf":
            "vrrp_instance VI_1 {\n  interface eth0\n  priority 100\n  virtual_ipaddress {\n    192.0.2.10/24\n  }\n}\n",
        },
        realTool: "the virtual router id must be set",
        expect: [{ line: 1, message: "has no virtual_router_id" }],
      },
    ],
  },
});
