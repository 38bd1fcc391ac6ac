/**
 * Addresses as each keepalived 2.2.7 handler reads them: lib/utils.c inet_stosockaddr() (source, peers, multicast
 * group) and keepalived/vrrp/vrrp_ipaddress.c parse_ipaddress() (virtual addresses), the instance family from the
 * first address keyword, and the source address of an instance without unicast_src_ip (its own interface's).
 * The readings marked "keepalived -t" were checked with the 2.2.7 binary.
 */
import { describe, expect, test } from "vitest";
import { inetPton, readIpAddress, readSocketAddress } from "../../server/src/model/ip-address.js";
import { buildKeepalivedConfig } from "../../server/src/model/keepalived-config.js";
import { instanceSourceAddress } from "../../server/src/model/node-addresses.js";
import type { Node } from "../../server/src/model/types.js";
import { parseKeepalived } from "../../server/src/syntax/keepalived/parse.js";

const config = (text: string) => buildKeepalivedConfig(parseKeepalived("/k.conf", text));

describe("inet_stosockaddr(): unicast_src_ip, mcast_src_ip, mcast_dst_ip, unicast_peer", () => {
  test("a /prefix or a -range is cut off before parsing (keepalived -t accepts them)", () => {
    expect(readSocketAddress("192.168.0.91/24").address).toBe("192.168.0.91");
    expect(readSocketAddress("192.168.0.93-95").address).toBe("192.168.0.93");
    expect(readSocketAddress("192.0.2.1/x").address).toBe("192.0.2.1");
    expect(readSocketAddress("2001:db8::12/64").address).toBe("2001:db8::12");
  });

  test("the cut is at the first '-', else the first '/': '/24-x' leaves '192.0.2.14/24' (keepalived -t: malformed)", () => {
    expect(readSocketAddress("192.0.2.14/24-x").address).toBeUndefined();
  });

  test("glibc inet_pton(): no leading zeros, four parts, no zone (keepalived -t: malformed)", () => {
    expect(readSocketAddress("010.1.1.1").address).toBeUndefined();
    expect(readSocketAddress("10.1.1").address).toBeUndefined();
    expect(readSocketAddress("fe80::1%eth0").address).toBeUndefined();
    expect(inetPton(6, "::ffff:192.0.2.1")).toBe("::ffff:c000:201");
    expect(inetPton(6, "::ffff:192.0.2.01")).toBeUndefined();
  });
});

describe("parse_ipaddress(): virtual addresses", () => {
  test("a range is not an address; the prefix after '/' is read as read_unsigned() reads it", () => {
    expect(readIpAddress("192.0.2.100-102", true).address).toBeUndefined();
    expect(readIpAddress("192.0.2.100/24", true).prefix).toEqual({ checked: 24, running: 24 });
    expect(readIpAddress("192.0.2.100/33", true).prefix).toEqual({ checked: 32, running: 32, error: "out-of-range" });
    // keepalived -t says 'using 32'; the running daemon keeps the leading digits (read_unsigned_func()).
    expect(readIpAddress("192.0.2.100/24x", true).prefix).toEqual({ checked: 32, running: 24, error: "not-a-number" });
    // An empty prefix is 0, silently (keepalived -t prints nothing).
    expect(readIpAddress("192.0.2.100/", true).prefix).toEqual({ checked: 0, running: 0 });
  });
});

describe("the instance's family and the addresses keepalived keeps", () => {
  test("the first address keyword sets the family; later ones of the other family are skipped", () => {
    const c = config(
      "vrrp_instance VI_1 {\n  unicast_src_ip fd00::11\n  unicast_peer {\n    fd00::12\n    192.0.2.12\n  }\n  virtual_ipaddress {\n    192.0.2.100/24\n    fd00::100/64\n  }\n}\n",
    );
    const inst = c.instances[0];
    expect(inst.family).toBe(6);
    expect(inst.familySource?.keyword).toBe("unicast_src_ip");
    expect(inst.unicastPeers.map((p) => p.address)).toEqual(["fd00::12"]);
    expect(inst.vips.map((v) => [v.address, v.familyMismatch ?? false])).toEqual([
      ["192.0.2.100", true],
      ["fd00::100", false],
    ]);
    // An IPv6 instance runs VRRPv3 unless it says otherwise (vrrp_complete_instance()).
    expect(inst.vrrpVersion).toBe(3);
  });

  test("unicast_src_ip and peers with a prefix are read as their addresses", () => {
    const inst = config(
      "vrrp_instance VI_1 {\n  unicast_src_ip 192.168.0.91/24\n  unicast_peer {\n    192.168.0.92/24 min_ttl 1\n  }\n}\n",
    ).instances[0];
    expect(inst.unicastSrcIp?.value).toBe("192.168.0.91");
    expect(inst.unicastPeers.map((p) => p.address)).toEqual(["192.168.0.92"]);
    expect(inst.addressProblems).toEqual([]);
    // min_ttl on a peer turns on the source check (alloc_vrrp_unicast_peer()).
    expect(inst.checkUnicastSrc).toBe(true);
  });

  test("a later source address keepalived cannot read clears the earlier one (saddr is overwritten)", () => {
    const inst = config("vrrp_instance VI_1 {\n  unicast_src_ip 192.0.2.11\n  mcast_src_ip 192.0.2.x\n}\n")
      .instances[0];
    expect(inst.unicastSrcIp).toBeUndefined();
  });

  test("an mcast_dst_ip that is no multicast group leaves the default group", () => {
    const inst = config("vrrp_instance VI_1 {\n  mcast_dst_ip 192.0.2.18\n}\n").instances[0];
    expect(inst.mcastDstIp).toBeUndefined();
    expect(inst.addressProblems.map((p) => p.kind)).toEqual(["not-multicast"]);
  });
});

describe("the address an instance sends from", () => {
  const two = config(
    "vrrp_instance VI_1 {\n  interface eth0\n  unicast_src_ip 198.51.100.11\n}\nvrrp_instance VI_2 {\n  interface eth1\n}\n",
  );
  const node = (addresses: string[], ka = two): Node => ({
    name: "lb01",
    dir: "/lb01",
    keepalived: ka,
    sysctlFiles: [],
    addresses,
  });

  test("unicast_src_ip when given", () => {
    expect(instanceSourceAddress(node(["198.51.100.11"]), two.instances[0])).toBe("198.51.100.11");
  });

  test("without it, not the address of another instance on another interface (set_vrrp_src_addr())", () => {
    expect(instanceSourceAddress(node(["198.51.100.11"]), two.instances[1])).toBeUndefined();
  });

  test("the one address a manifest gives, when every instance runs on one interface", () => {
    const one = config("vrrp_instance VI_2 {\n  interface eth1\n}\n");
    expect(instanceSourceAddress(node(["203.0.113.11"], one), one.instances[0])).toBe("203.0.113.11");
    expect(instanceSourceAddress(node(["203.0.113.11", "203.0.113.12"], one), one.instances[0])).toBeUndefined();
  });
});
