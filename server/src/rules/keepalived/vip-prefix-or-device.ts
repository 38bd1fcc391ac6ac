import { defineRule } from "../rule.js";
import { at, keepalivedUnits } from "./ka-model.js";

export default defineRule({
  id: "KA028",
  name: "vip-prefix-or-device",
  severity: "info",
  scope: "keepalived",
  docs: {
    summary: "A virtual address without a prefix length (/32), or on another device than the instance's interface.",
    description:
      "Reports each `virtual_ipaddress` entry written without `/prefix`, and each entry whose `dev` differs from " +
      "the instance's `interface` without `no_track`.",
    why:
      "Without a prefix keepalived adds the address as /32 (/128 for IPv6): it answers ARP, but the kernel adds no " +
      "connected route for the subnet, which surprises when the VIP is expected to be the source of traffic to its " +
      "own subnet. A VIP on another device makes that device a FAULT source: keepalived tracks the VIP's device with " +
      "weight 0, so that link going down faults the whole instance (add `no_track` if that is not wanted).",
    sources: [
      "keepalived keepalived/vrrp/vrrp_ipaddress.c parse_ipaddress() (default /32 or /128)",
      "keepalived keepalived/vrrp/vrrp.c vrrp_complete_instance() (VIP devices tracked unless no_track)",
      "keepalived.conf(5) virtual_ipaddress: dev, no_track",
    ],
    bad:
      "vrrp_instance VI_1 {\n    interface eth0\n    virtual_ipaddress {\n        192.0.2.10\n" +
      "        198.51.100.10/24 dev eth1\n    }\n}\n",
    good:
      "vrrp_instance VI_1 {\n    interface eth0\n    virtual_ipaddress {\n        192.0.2.10/24\n" +
      "        198.51.100.10/24 dev eth1 no_track\n    }\n}\n",
    realTool: "Neither keepalived -t nor the daemon comments on it.",
    reportedBy: "none",
    severityNote:
      "info, the lowest level: it fires on about half of real files (see below), and an address without a prefix " +
      "works (keepalived adds it as /32, vrrp_ipaddress.c); it is worth knowing only where the subnet's other " +
      "hosts must reach the VIP through the interface's route.",
  },
  messages: {
    noPrefix: (data: { address: string; family: number }) =>
      `virtual address ${data.address} has no prefix length, so keepalived adds it as ` +
      `/${data.family === 6 ? 128 : 32} with no subnet route (write the subnet's prefix, e.g. ` +
      `${data.address}/${data.family === 6 ? 64 : 24}, if the VIP belongs to that subnet)`,
    otherDevice: (data: { address: string; dev: string; instance: string; own: string }) =>
      `virtual address ${data.address} is on ${data.dev} while ${data.instance} runs on ${data.own}; keepalived ` +
      `tracks ${data.dev} too, so ${data.dev} going down puts the instance in FAULT (add no_track if that is not ` +
      `intended)`,
  },
  check(ctx) {
    for (const { config } of keepalivedUnits(ctx)) {
      for (const inst of config.instances) {
        const own = inst.interface?.value;
        for (const v of inst.vips) {
          if (v.family === 0) continue;
          if (v.prefix === undefined)
            ctx.report({
              ...at(v.location),
              messageId: "noPrefix",
              data: { address: v.text, family: v.family },
            });
          if (v.dev && own && v.dev !== own && !v.noTrack)
            ctx.report({
              ...at(v.location),
              messageId: "otherDevice",
              data: { address: v.text, dev: v.dev, instance: inst.name, own },
            });
        }
      }
    }
  },
});
