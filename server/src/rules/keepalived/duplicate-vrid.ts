import type { VrrpInstance } from "../../model/types.js";
import { defineRule } from "../rule.js";
import { at, instanceFamily, keepalivedUnits, where } from "./ka-model.js";

/**
 * keepalived/vrrp/vrrp.c check_vrid_conflicts() at v2.2.7: same family and VRID; unicast and multicast instances are
 * separate VRID spaces; two multicast instances conflict on one interface with one multicast group; two unicast
 * instances conflict on one interface, from one source address, with a peer in common.
 */
type NumberedInstance = VrrpInstance & { vrid: NonNullable<VrrpInstance["vrid"]> };

function conflicts(a: NumberedInstance, b: NumberedInstance): boolean {
  if (a.vrid.value !== b.vrid.value || instanceFamily(a) !== instanceFamily(b)) return false;
  const unicastA = a.unicastPeers.length > 0;
  if (unicastA !== b.unicastPeers.length > 0) return false;
  if (a.interface && b.interface && a.interface.value !== b.interface.value) return false;
  if (unicastA) {
    if (!a.unicastSrcIp || !b.unicastSrcIp || a.unicastSrcIp.value !== b.unicastSrcIp.value) return false;
    const peers = new Set(a.unicastPeers.map((p) => p.address));
    return b.unicastPeers.some((p) => peers.has(p.address));
  }
  if (!a.interface || !b.interface) return false;
  return (a.mcastDstIp?.value ?? "") === (b.mcastDstIp?.value ?? "");
}

export default defineRule({
  id: "KA024",
  name: "duplicate-vrid",
  severity: "error",
  scope: "keepalived",
  docs: {
    summary: "Two vrrp_instances of one node use the same virtual_router_id on the same interface and address family.",
    description:
      "Compares the instances of one keepalived configuration the way check_vrid_conflicts() does: same VRID and " +
      "address family (from the first virtual address), both multicast on one interface and multicast group, or " +
      "both unicast from one source address to a common peer. Reports the later instance of each conflicting pair.",
    why:
      "A VRID names one virtual router on a segment; its adverts and its virtual MAC 00:00:5e:00:01:VRID are shared. " +
      "Two instances with the same VRID on one interface would answer each other's adverts as if they were one router " +
      "with mismatching addresses. keepalived refuses the combination: check_vrid_conflicts() fails " +
      "vrrp_complete_init(), the VRRP process stops and keepalived terminates, so no instance of the node runs.",
    sources: [
      "keepalived keepalived/vrrp/vrrp.c check_vrid_conflicts() at v2.2.7: '%s and %s both use VRID %d with IPv%d " +
        "on interface %s', '(%s) duplicate VRID conflict with %s VRID %d'; vrrp_complete_init() returns false",
      "RFC 3768 section 7.3 (virtual MAC address)",
    ],
    bad:
      "vrrp_instance VI_1 {\n    interface eth0\n    virtual_router_id 51\n}\nvrrp_instance VI_2 {\n" +
      "    interface eth0\n    virtual_router_id 51\n}\n",
    good:
      "vrrp_instance VI_1 {\n    interface eth0\n    virtual_router_id 51\n}\nvrrp_instance VI_2 {\n" +
      "    interface eth0\n    virtual_router_id 52\n}\n",
    realTool:
      "keepalived -t reports 'VI_1 and VI_2 both use VRID 51 with IPv4 on interface eth0' (on no line, exit 5); the " +
      "daemon's VRRP process exits and keepalived terminates.",
    reportedBy: "keepalived -t",
    severityNote:
      "error although keepalived -t exits with 5: the daemon does not run with this file (vrrp_complete_init() " +
      "fails and the VRRP process stops keepalived).",
  },
  messages: {
    multicast: (data: {
      first: string;
      where: string;
      instance: string;
      vrid: number;
      family: number;
      on: string;
      free: number;
    }) =>
      `${data.first} (${data.where}) and ${data.instance} both use VRID ${data.vrid} with ` +
      `IPv${data.family}${data.on} and the same multicast group: keepalived reports it, its VRRP process stops and ` +
      `keepalived does not run on this node (give ${data.instance} its own VRID, e.g. ${data.free}, on every node)`,
    unicast: (data: { first: string; other: string; where: string; vrid: number; family: number; free: number }) =>
      `${data.first} and ${data.other} (${data.where}) both use VRID ${data.vrid} with IPv${data.family}, from the ` +
      `same source address to a common unicast peer: keepalived reports '(${data.first}) duplicate VRID conflict ` +
      `with ${data.other}', its VRRP process stops and keepalived does not run on this node (give ${data.other} its ` +
      `own VRID, e.g. ${data.free}, on every node)`,
  },
  check(ctx) {
    for (const { config } of keepalivedUnits(ctx)) {
      const valid = config.instances.filter((i): i is NumberedInstance => {
        const v = i.vrid?.value;
        return v !== undefined && Number.isInteger(v) && v >= 1 && v <= 255;
      });
      const used = [...new Set(valid.map((i) => i.vrid.value))];
      const reported = new Set<VrrpInstance>();
      valid.forEach((first, index) => {
        for (const inst of valid.slice(index + 1)) {
          if (reported.has(inst) || !conflicts(first, inst)) continue;
          reported.add(inst);
          const vrid = inst.vrid.value;
          let free = vrid + 1;
          while (used.includes(free) && free < 255) free++;
          const data = {
            first: first.name,
            where: where(first.vrid.location, inst.vrid.location.file),
            instance: inst.name,
            vrid,
            family: instanceFamily(inst),
            on: inst.interface ? ` on ${inst.interface.value}` : "",
            free,
          };
          const related = [
            {
              file: first.vrid.location.file,
              range: first.vrid.location.range,
              message: `${first.name} uses VRID ${vrid} here`,
            },
          ];
          if (inst.unicastPeers.length > 0) {
            // keepalived names the earlier instance first: '(VI_1) duplicate VRID conflict with VI_2'
            const other = {
              file: inst.vrid.location.file,
              range: inst.vrid.location.range,
              message: `${inst.name} uses VRID ${vrid} here`,
            };
            const unicast = {
              first: first.name,
              other: inst.name,
              where: where(inst.vrid.location, first.vrid.location.file),
              vrid,
              family: data.family,
              free,
            };
            ctx.report({ ...at(first.vrid.location), messageId: "unicast", data: unicast, related: [other] });
          } else ctx.report({ ...at(inst.vrid.location), messageId: "multicast", data, related });
        }
      });
    }
  },
});
