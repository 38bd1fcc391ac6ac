/**
 * Address forms for every keyword that takes one: plain IPv4 and IPv6, with a prefix (`/24`, `/0`, `/33`, `/129`),
 * with a range (`-60`, `-300`, a range after a prefix), in brackets, malformed (three or five octets, 256, a
 * trailing dot, an empty prefix), host names, multicast and wildcards; for HAProxy also the ports and prefixes
 * (`:80`, `*:80`, `:::80`, `ipv6@`, `unix@`, port ranges and lists, missing and out-of-range ports).
 */
import type { SeededRandom } from "./seeded-random.js";

const IPV4 = ["192.0.2.50", "198.51.100.7", "203.0.113.200", "10.0.0.1", "0.0.0.0", "255.255.255.255", "224.0.0.18"];
const IPV6 = ["2001:db8::50", "fe80::1", "::1", "::", "2001:db8:0:0:0:0:0:50", "ff02::12", "::ffff:192.0.2.1"];
const MALFORMED = [
  "192.0.2",
  "192.0.2.256",
  "192.0.2.50.",
  "1.2.3.4.5",
  "192.0.2.-1",
  "192.0.2.050",
  "0x7f.0.0.1",
  "2001:db8:::50",
  "2001:db8::g",
  "[2001:db8::50]",
  "abc",
  "lb02.example.com",
  "localhost",
  "192.0.2.50:80",
  "",
];
const V4_SUFFIXES = [
  "/24",
  "/32",
  "/0",
  "/8",
  "/33",
  "/-1",
  "/",
  "/abc",
  "/24/24",
  "-60",
  "-50",
  "-300",
  "/24-60",
  "-",
  "/255.255.255.0",
];
const V6_SUFFIXES = ["/64", "/128", "/0", "/129", "-5f", "/64-5f", "/", "%eth0", "-ffff"];

/** One keepalived address: an address of either family, often with a prefix or a range, sometimes malformed. */
export function keepalivedAddress(random: SeededRandom): string {
  const kind = random.weighted<string>([
    ["v4", 3],
    ["v4+", 5],
    ["v6", 1],
    ["v6+", 2],
    ["bad", 3],
  ]);
  if (kind === "v4") return random.pick(IPV4);
  if (kind === "v4+") return random.pick(IPV4) + random.pick(V4_SUFFIXES);
  if (kind === "v6") return random.pick(IPV6);
  if (kind === "v6+") return random.pick(IPV6) + random.pick(V6_SUFFIXES);
  return random.pick(MALFORMED) + (random.chance(0.3) ? random.pick(V4_SUFFIXES) : "");
}

/** The address part of an HAProxy address (before the port). */
function haproxyHost(random: SeededRandom): string {
  return random.weighted<string>([
    [random.pick(["", "*", "0.0.0.0", "192.0.2.100", "127.0.0.1", "198.51.100.21"]), 5],
    [random.pick(["[2001:db8::100]", "[::]", "::", "[::1]", "2001:db8::100", "ipv6@", "ipv6@::"]), 2],
    [random.pick(["ipv4@192.0.2.100", "ipv4@", "tcp@192.0.2.100", "tcp4@", "tcp6@[::]", "udp@192.0.2.100"]), 1],
    [random.pick(["192.0.2.100/24", "192.0.2.100-110", "192.0.2", "192.0.2.256", "localhost", "lb.example.com"]), 2],
  ]);
}

const PORTS = [
  "80",
  "443",
  "8080",
  "0",
  "65535",
  "65536",
  "-1",
  "80-90",
  "90-80",
  "abc",
  "",
  "+1",
  "-1000",
  "8080,8081",
];

/** One HAProxy address with a port (bind, server, peer, nameserver), or one of the special families. */
export function haproxyAddress(random: SeededRandom, forServer = false): string {
  const special = forServer
    ? ["unix@/run/app.sock", "abns@app", "/run/app.sock", "192.0.2.10", "[2001:db8::10]", "127.0.0.1:", "sockpair@3"]
    : ["unix@/run/haproxy.sock", "abns@haproxy", "/run/haproxy.sock", "fd@3", "sockpair@3", "192.0.2.100", ":::80"];
  if (random.chance(0.15)) return random.pick(special);
  const host = haproxyHost(random);
  const port = random.pick(PORTS);
  const list = !forServer && random.chance(0.1) ? `,${haproxyHost(random)}:${random.pick(PORTS)}` : "";
  return `${host}:${port}${list}`;
}

/** A network for an ACL or `source`-like argument: address, prefix, mask, range, malformed. */
export function haproxyNetwork(random: SeededRandom): string {
  return random.pick([
    "10.0.0.0/8",
    "192.168.0.0/16",
    "192.0.2.1",
    "192.0.2.0/24",
    "192.0.2.0/255.255.255.0",
    "192.0.2.0/33",
    "192.0.2.0/",
    "192.0.2.300",
    "2001:db8::/32",
    "2001:db8::/129",
    "::1",
    "192.0.2.1-192.0.2.9",
    "abc",
  ]);
}
