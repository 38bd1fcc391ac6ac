import type { VrrpInstance } from "../../model/types.js";
import { defineRule } from "../rule.js";
import { at, instanceFamily, keepalivedUnits, where } from "./ka-model.js";

export default defineRule({
  id: "KA024",
  name: "duplicate-vrid",
  severity: "error",
  scope: "keepalived",
  docs: {
    summary: "Two vrrp_instances of one node use the same virtual_router_id on the same interface and address family.",
    description:
      "Groups the instances of one keepalived configuration by VRID, interface and address family (IPv4 or IPv6, from the first virtual address) and reports every instance after the first of a group.",
    why: "A VRID names one virtual router on a segment; its adverts and its virtual MAC 00:00:5e:00:01:VRID are shared. Two instances with the same VRID on one interface would answer each other's adverts as if they were one router with mismatching addresses. keepalived refuses the combination: the VRRP process fails its start-up checks and runs no instance at all.",
    sources: [
      "keepalived keepalived/vrrp/vrrp.c vrrp_complete_init() '%s and %s both use VRID %d with IPv%d on interface %s'",
      "RFC 3768 section 7.3 (virtual MAC address)",
    ],
    bad: "vrrp_instance VI_1 {\n    interface eth0\n    virtual_router_id 51\n}\nvrrp_instance VI_2 {\n    interface eth0\n    virtual_router_id 51\n}\n",
    good: "vrrp_instance VI_1 {\n    interface eth0\n    virtual_router_id 51\n}\nvrrp_instance VI_2 {\n    interface eth0\n    virtual_router_id 52\n}\n",
    realTool: "keepalived -t reports 'VI_1 and VI_2 both use VRID 51 with IPv4 on interface eth0' (rc 5).",
    reportedBy: "keepalived -t",
  },
  check(ctx) {
    for (const { config } of keepalivedUnits(ctx)) {
      const first = new Map<string, VrrpInstance>();
      for (const inst of config.instances) {
        const vrid = inst.vrid?.value;
        if (vrid === undefined || !Number.isInteger(vrid) || vrid < 1 || vrid > 255) continue;
        const family = instanceFamily(inst);
        const key = `${vrid}/${inst.interface?.value ?? ""}/${family}`;
        const prev = first.get(key);
        if (!prev) {
          first.set(key, inst);
          continue;
        }
        const used = [
          ...new Set(config.instances.map((i) => i.vrid?.value).filter((v): v is number => v !== undefined)),
        ];
        let free = vrid + 1;
        while (used.includes(free) && free < 255) free++;
        ctx.report({
          ...at(inst.vrid!.location),
          message: `${prev.name} (${where(prev.vrid!.location, inst.vrid!.location.file)}) and ${inst.name} both use VRID ${vrid} with IPv${family}${inst.interface ? ` on ${inst.interface.value}` : ""}; keepalived refuses the configuration and the VRRP process does not start (give ${inst.name} its own VRID, e.g. ${free}, on every node)`,
          related: [
            {
              file: prev.vrid!.location.file,
              range: prev.vrid!.location.range,
              message: `${prev.name} uses VRID ${vrid} here`,
            },
          ],
        });
      }
    }
  },
  cases: {
    valid: [
      {
        name: "different VRIDs",
        files: {
          "keepalived.conf":
            "vrrp_instance VI_1 {\n  interface eth0\n  virtual_router_id 51\n  virtual_ipaddress {\n    192.0.2.10/24\n  }\n}\nvrrp_instance VI_2 {\n  interface eth0\n  virtual_router_id 52\n  virtual_ipaddress {\n    192.0.2.11/24\n  }\n}\n",
        },
      },
      {
        name: "same VRID on different interfaces",
        files: {
          "keepalived.conf":
            "vrrp_instance VI_1 {\n  interface eth0\n  virtual_router_id 51\n  virtual_ipaddress {\n    192.0.2.10/24\n  }\n}\nvrrp_instance VI_2 {\n  interface eth1\n  virtual_router_id 51\n  virtual_ipaddress {\n    198.51.100.10/24\n  }\n}\n",
        },
      },
    ],
    invalid: [
      {
        name: "copy-pasted instance",
        files: {
          "keepalived.conf":
            "vrrp_instance VI_1 {\n  interface eth0\n  virtual_router_id 51\n  virtual_ipaddress {\n    192.0.2.10/24\n  }\n}\nvrrp_instance VI_2 {\n  interface eth0\n  virtual_router_id 51\n  virtual_ipaddress {\n    192.0.2.11/24\n  }\n}\n",
        },
        realTool: "VI_1 and VI_2 both use VRID 51 with IPv4 on interface eth0",
        expect: [{ line: 10, message: "both use VRID 51" }],
      },
    ],
  },
});
