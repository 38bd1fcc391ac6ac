import { defineRule } from "../rule.js";
import { at, instanceFamily, keepalivedUnits } from "./ka-model.js";

export default defineRule({
  id: "KA026",
  name: "fractional-advert-int",
  severity: "warning",
  scope: "keepalived",
  docs: {
    summary: "A non-integer advert_int under VRRPv2: keepalived rounds it to whole seconds.",
    description:
      "Reports an `advert_int` with a fractional part (0.5, 1.5) in an IPv4 instance that uses VRRP version 2 (the " +
      "default unless `vrrp_version 3`, `version 3` or `native_ipv6`). IPv6 instances use VRRPv3 and are not " +
      "reported.",
    why:
      "VRRPv2 carries the advertisement interval in whole seconds. keepalived rounds a fractional value to the " +
      "nearest second (at least 1) with a warning, so `advert_int 0.5` advertises every second and the master-down " +
      "time is three times longer than planned; a peer that uses VRRPv3 with 0.5 then disagrees on the interval.",
    sources: [
      "keepalived keepalived/vrrp/vrrp.c vrrp_complete_instance() 'VRRPv2 advertisement interval %fs must be an " +
        "integer. rounding'",
      "RFC 3768 section 5.3.7 (Adver Int, seconds)",
      "RFC 5798 section 5.2.7 (centiseconds in VRRPv3)",
    ],
    bad: "vrrp_instance VI_1 {\n    advert_int 0.5\n}\n",
    good: "global_defs {\n    vrrp_version 3\n}\nvrrp_instance VI_1 {\n    advert_int 0.5\n}\n",
    realTool:
      "keepalived -t reports '(VI_1) VRRPv2 advertisement interval 1.500000s must be an integer. rounding' (rc 5).",
    reportedBy: "keepalived -t",
    versions: "Applies to VRRPv2 instances of every keepalived version; VRRPv3 (vrrp_version 3) accepts centiseconds.",
  },
  check(ctx) {
    for (const { config } of keepalivedUnits(ctx)) {
      for (const inst of config.instances) {
        const v = inst.advertInt;
        const loc = inst.advertIntLocation;
        if (!loc || !Number.isFinite(v) || Number.isInteger(v) || v <= 0 || v >= 256) continue;
        if (inst.vrrpVersion !== 2 || instanceFamily(inst) === 6) continue;
        const rounded = Math.max(1, Math.floor(v + 0.5));
        ctx.report({
          ...at(loc),
          message: `advert_int ${v} is not a whole number; VRRPv2 advertises whole seconds, so keepalived rounds it to ${rounded} s (write ${rounded}, or use vrrp_version 3 on every node for sub-second adverts)`,
          fixes: [
            {
              description: `Write ${rounded} (what keepalived uses)`,
              safe: true,
              edits: [{ file: loc.file, range: loc.range, newText: String(rounded) }],
            },
          ],
        });
      }
    }
  },
  cases: {
    valid: [
      {
        name: "integer",
        files: {
          "keepalived.conf":
            "vrrp_instance VI_1 {\n  interface eth0\n  virtual_router_id 51\n  advert_int 1\n" +
            "  virtual_ipaddress {\n    192.0.2.10/24\n  }\n}\n",
        },
      },
      {
        name: "fraction with VRRPv3",
        files: {
          "keepalived.conf":
            "global_defs {\n  vrrp_version 3\n}\nvrrp_instance VI_1 {\n  interface eth0\n  virtual_router_id 51\n" +
            "  advert_int 0.5\n  virtual_ipaddress {\n    192.0.2.10/24\n  }\n}\n",
        },
      },
    ],
    invalid: [
      {
        name: "1.5 under VRRPv2",
        files: {
          "keepalived.conf":
            "vrrp_instance VI_1 {\n  interface eth0\n  virtual_router_id 51\n  advert_int 1.5\n" +
            "  virtual_ipaddress {\n    192.0.2.10/24\n  }\n}\n",
        },
        realTool: "VRRPv2 advertisement interval 1.500000s must be an integer. rounding",
        expect: [{ line: 4, message: "rounds it to 2 s" }],
      },
      {
        name: "0.3 becomes 1",
        files: {
          "keepalived.conf": "vrrp_instance VI_1 {\n  interface eth0\n  virtual_router_id 51\n  advert_int 0.3\n}\n",
        },
        expect: [{ line: 4, message: "rounds it to 1 s" }],
      },
    ],
  },
});
