/** The firewall host-fact readers and the bounded VRRP advert verdict over what they read. */
import { describe, expect, test } from "vitest";
import { advertVerdict, type AdvertPacket } from "../../server/src/model/firewall-verdict.js";
import { readFirewalld } from "../../server/src/workspace/host-facts/firewalld.js";
import { readIptablesSave } from "../../server/src/workspace/host-facts/iptables-save.js";
import { readNftables } from "../../server/src/workspace/host-facts/nftables.js";

const unicastFromPeer: AdvertPacket = {
  source: "192.0.2.11",
  destination: "192.0.2.12",
  interfaceName: "eth0",
  multicast: false,
};
const multicast: AdvertPacket = { destination: "224.0.0.18", interfaceName: "eth0", multicast: true };

const nft = (text: string, includes: Record<string, string> = {}) => {
  const ruleset = readNftables({
    file: "nftables.conf",
    text,
    readInclude: (path) => (includes[path] === undefined ? undefined : [{ file: path, text: includes[path] }]),
  });
  if (!ruleset) throw new Error("no ruleset");
  return ruleset;
};

const dropLine = (verdict: ReturnType<typeof advertVerdict>): number | undefined =>
  verdict.kind === "dropped" ? verdict.location.range.start.line + 1 : undefined;

describe("nftables", () => {
  const base = (body: string, policy = "drop"): string =>
    `table inet filter {\n  chain input {\n    type filter hook input priority 0; policy ${policy};\n${body}  }\n}\n`;

  test("policy drop names the policy line; accept policy lets it in", () => {
    const dropped = advertVerdict(nft(base("    tcp dport 22 accept\n")), multicast);
    expect(dropped).toMatchObject({ kind: "dropped", byPolicy: true });
    expect(dropLine(dropped)).toBe(3);
    expect(advertVerdict(nft(base("    tcp dport 22 accept\n", "accept")), multicast).kind).toBe("accepted");
  });

  test("defines, sets and negation are evaluated", () => {
    const rules = "    ip protocol != vrrp drop\n    ip saddr $peers accept\n";
    const text = `define peers = { 192.0.2.11, 192.0.2.13 }\n${base(rules)}`;
    expect(advertVerdict(nft(text), unicastFromPeer).kind).toBe("accepted");
    expect(dropLine(advertVerdict(nft(text), { ...unicastFromPeer, source: "192.0.2.99" }))).toBe(4);
  });

  test("a jump to a chain that returns goes on; goto ends the calling chain", () => {
    const chains =
      "  chain common {\n    ip protocol vrrp accept\n  }\n  chain nothing {\n    tcp dport 80 accept\n  }\n";
    const jump = base("    jump nothing\n    jump common\n").replace(/}\n$/, `${chains}}\n`);
    expect(advertVerdict(nft(jump), multicast).kind).toBe("accepted");
  });

  test("ct state accept does not admit the first advert but is recorded", () => {
    const verdict = advertVerdict(nft(base("    ct state established,related accept\n")), unicastFromPeer);
    expect(verdict).toMatchObject({ kind: "dropped" });
    expect(verdict.kind === "dropped" && verdict.conntrackAccept?.range.start.line).toBe(3);
  });

  test("a named set makes an accept unknown; an unknown drop does not", () => {
    expect(advertVerdict(nft(base("    ip saddr @friends accept\n")), unicastFromPeer).kind).toBe("unknown");
    expect(advertVerdict(nft(base("    ip saddr @enemies drop\n")), unicastFromPeer).kind).toBe("dropped");
  });

  test("includes the tree holds are read; others make the verdict unknown", () => {
    const text = `include "/etc/nftables.d/vrrp.nft"\n${base("")}`;
    const included = { "/etc/nftables.d/vrrp.nft": "add rule inet filter input ip protocol vrrp accept\n" };
    expect(advertVerdict(nft(text, included), multicast).kind).toBe("accepted");
    expect(advertVerdict(nft(text), multicast).kind).toBe("unknown");
  });

  test("flat commands and chains of other hooks", () => {
    const text =
      "add table inet filter\n" +
      "add chain inet filter input { type filter hook input priority 0; policy drop; }\n" +
      "add chain inet filter output { type filter hook output priority 0; policy drop; }\n" +
      "add rule inet filter input iif lo accept\n";
    const ruleset = nft(text);
    expect(ruleset.inputChains).toEqual(["inet filter/input"]);
    expect(dropLine(advertVerdict(ruleset, multicast))).toBe(2);
  });
});

describe("iptables-save", () => {
  const save = (rules: string, policy = "DROP"): string =>
    "*raw\n:PREROUTING ACCEPT [0:0]\n-A PREROUTING -j DROP\nCOMMIT\n" +
    `*filter\n:INPUT ${policy} [0:0]\n:cluster - [0:0]\n${rules}COMMIT\n`;

  test("the filter table only; policy and REJECT lines", () => {
    const ruleset = readIptablesSave("rules.v4", save("-A INPUT -p tcp --dport 22 -j ACCEPT\n"));
    expect(ruleset?.inputChains).toEqual(["INPUT"]);
    expect(ruleset && dropLine(advertVerdict(ruleset, multicast))).toBe(6);
    const reject = readIptablesSave("rules.v4", save("-A INPUT -j REJECT --reject-with icmp-host-prohibited\n"));
    expect(reject && dropLine(advertVerdict(reject, multicast))).toBe(8);
  });

  test("negation, source lists, jumps and LOG", () => {
    const rules =
      '-A INPUT -j LOG --log-prefix "in: "\n-A INPUT -j cluster\n' +
      "-A cluster ! -p vrrp -j RETURN\n-A cluster -s 192.0.2.11/32,192.0.2.13/32 -j ACCEPT\n";
    const ruleset = readIptablesSave("rules.v4", save(rules));
    expect(ruleset && advertVerdict(ruleset, unicastFromPeer).kind).toBe("accepted");
    expect(ruleset && advertVerdict(ruleset, { ...unicastFromPeer, source: "192.0.2.50" }).kind).toBe("dropped");
  });

  test("an unknown match on an accept makes the verdict unknown", () => {
    const ruleset = readIptablesSave("rules.v4", save("-A INPUT -m set --match-set friends src -j ACCEPT\n"));
    expect(ruleset && advertVerdict(ruleset, multicast).kind).toBe("unknown");
  });
});

describe("firewalld", () => {
  const zone = (body: string, target = ""): { file: string; text: string } => ({
    file: "etc/firewalld/zones/public.xml",
    text:
      `<?xml version="1.0" encoding="utf-8"?>\n<zone${target}>\n  <service name="ssh"/>\n` +
      `${body}  <interface name="eth0"/>\n</zone>\n`,
  });
  const read = (body: string, target = "", extra: Partial<Parameters<typeof readFirewalld>[0]> = {}) => {
    const ruleset = readFirewalld({ zones: [zone(body, target)], services: [], unreadFiles: [], ...extra });
    if (!ruleset) throw new Error("no ruleset");
    return ruleset;
  };

  test("the interface's zone rejects by default; vrrp service, protocol and ACCEPT target let it in", () => {
    expect(advertVerdict(read(""), multicast).kind).toBe("dropped");
    expect(advertVerdict(read('  <service name="vrrp"/>\n'), multicast).kind).toBe("accepted");
    expect(advertVerdict(read('  <protocol value="112"/>\n'), multicast).kind).toBe("accepted");
    expect(advertVerdict(read("", ' target="ACCEPT"'), multicast).kind).toBe("accepted");
  });

  test("rich rules: a drop before the allows, source addresses", () => {
    const rich = (action: string): string =>
      `  <rich-rule family="ipv4">\n    <source address="192.0.2.11"/>\n    <protocol value="vrrp"/>\n` +
      `    <${action}/>\n  </rich-rule>\n`;
    expect(advertVerdict(read(rich("accept")), unicastFromPeer).kind).toBe("accepted");
    expect(advertVerdict(read(rich("accept")), { ...unicastFromPeer, source: "192.0.2.50" }).kind).toBe("dropped");
    expect(advertVerdict(read(`  <protocol value="vrrp"/>\n${rich("drop")}`), unicastFromPeer).kind).toBe("dropped");
  });

  test("another interface goes to the default zone (public unless firewalld.conf names one); no file: unknown", () => {
    expect(advertVerdict(read(""), { ...multicast, interfaceName: "eth1" }).kind).toBe("dropped");
    const config = { file: "etc/firewalld/firewalld.conf", text: "DefaultZone=internal\n" };
    expect(advertVerdict(read("", "", { config }), { ...multicast, interfaceName: "eth1" }).kind).toBe("unknown");
  });
});
