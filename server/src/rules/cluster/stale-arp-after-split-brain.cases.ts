import { defineCases } from "../rule.js";
import type rule from "./stale-arp-after-split-brain.js";
import { examplePair } from "./example-pair.js";

const STRICT_HEAD = "global_defs {\n    vrrp_strict\n}\n";
const strictBoth = { head: STRICT_HEAD, auth: null, state: "BACKUP" };

export default defineCases<typeof rule>({
  valid: [
    { name: "default GARPs answer a lower-priority advert", files: examplePair({ auth: null }, { auth: null }) },
    {
      name: "strict mode with a periodic refresh",
      files: examplePair(
        { ...strictBoth, instanceExtra: ["garp_master_refresh 60"] },
        { ...strictBoth, instanceExtra: ["garp_master_refresh 60"] },
      ),
    },
    {
      name: "strict mode with a global refresh written before the instances",
      files: examplePair(
        { auth: null, state: "BACKUP", head: "global_defs {\n    vrrp_strict\n    vrrp_garp_master_refresh 30\n}\n" },
        { auth: null, state: "BACKUP", head: "global_defs {\n    vrrp_strict\n    vrrp_garp_master_refresh 30\n}\n" },
      ),
    },
    {
      name: "strict mode with use_vmac",
      files: examplePair(
        { ...strictBoth, multicast: true, instanceExtra: ["use_vmac"] },
        { ...strictBoth, multicast: true, instanceExtra: ["use_vmac"] },
      ),
    },
    {
      name: "a single node has nobody to split with",
      files: { "lb01/keepalived.conf": examplePair(strictBoth)["lb01/keepalived.conf"] },
    },
  ],
  invalid: [
    {
      name: "global vrrp_strict on both nodes",
      files: examplePair(strictBoth, strictBoth),
      expect: [
        { line: 2, column: 5, file: "lb01/keepalived.conf", messageId: "silent" },
        { line: 2, column: 5, file: "lb02/keepalived.conf", messageId: "silent" },
      ],
    },
    {
      name: "garp_lower_prio_repeat 0 on the master only",
      files: examplePair({ auth: null, instanceExtra: ["garp_lower_prio_repeat 0"] }, { auth: null }),
      expect: [{ line: 30, column: 28, file: "lb01/keepalived.conf", messageId: "silent" }],
    },
    {
      name: "strict_mode in the instance, refresh 0 written out",
      files: examplePair(
        { auth: null, state: "BACKUP", instanceExtra: ["strict_mode", "garp_master_refresh 0"] },
        { auth: null, state: "BACKUP", instanceExtra: ["strict_mode", "garp_master_refresh 0"] },
      ),
      expect: [
        { line: 30, column: 5, file: "lb01/keepalived.conf", messageId: "silent" },
        { line: 30, column: 5, file: "lb02/keepalived.conf", messageId: "silent" },
      ],
    },
    {
      name: "a global refresh written after the instance does not reach it",
      files: examplePair(
        { ...strictBoth, instanceExtra: ["}", "global_defs {", "    vrrp_garp_master_refresh 30"] },
        { ...strictBoth, instanceExtra: ["garp_master_refresh 30"] },
      ),
      expect: [{ line: 2, column: 5, file: "lb01/keepalived.conf", messageId: "silent" }],
    },
  ],
});
