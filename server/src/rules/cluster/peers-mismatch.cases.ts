import { defineCases } from "../rule.js";
import type rule from "./peers-mismatch.js";

/** haproxy.cfg of one node: an optional global localpeer, the peers section, a table that syncs through it. */
function cfg(localpeer: string | undefined, peers: string): string {
  const global = localpeer ? `global\n    localpeer ${localpeer}\n\n` : "";
  return `${global}defaults
    mode tcp
    timeout connect 5s
    timeout client 1m
    timeout server 1m

peers lbpeers
${peers}
backend be_app
    stick-table type ip size 100k expire 30m peers lbpeers
    stick on src
    server app1 192.0.2.31:8080 check

frontend fe_app
    bind 192.0.2.100:80
    default_backend be_app
`;
}

const BOTH = "    peer lb01 192.0.2.11:10000\n    peer lb02 192.0.2.12:10000\n";

export default defineCases<typeof rule>({
  valid: [
    {
      name: "each node names itself with localpeer",
      files: { "lb01/haproxy.cfg": cfg("lb01", BOTH), "lb02/haproxy.cfg": cfg("lb02", BOTH) },
    },
    {
      name: "host names from etc/hostname match the peers",
      files: {
        "lb01/etc/haproxy/haproxy.cfg": cfg(undefined, BOTH),
        "lb01/etc/hostname": "lb01\n",
        "lb02/etc/haproxy/haproxy.cfg": cfg(undefined, BOTH),
        "lb02/etc/hostname": "# set by the installer\nlb02\n",
      },
    },
    {
      name: "no local names known and the same peer list: nothing to say",
      files: { "lb01/haproxy.cfg": cfg(undefined, BOTH), "lb02/haproxy.cfg": cfg(undefined, BOTH) },
    },
    {
      name: "HAProxy 3.1 and later read localpeer first, wherever it stands",
      settings: { haproxyVersion: "3.2" },
      files: {
        "lb01/etc/haproxy/haproxy.cfg": cfg(undefined, BOTH) + "\nglobal\n    localpeer lb01\n",
        "lb01/etc/hostname": "node-a\n",
        "lb02/etc/haproxy/haproxy.cfg": cfg("lb02", BOTH),
      },
    },
    {
      name: "a disabled peers section is not compared",
      files: {
        "lb01/haproxy.cfg": cfg("lb01", "    disabled\n" + BOTH),
        "lb02/haproxy.cfg": cfg("lb01", "    disabled\n" + BOTH),
      },
    },
  ],
  invalid: [
    {
      name: "haproxy#938: one file copied to both nodes, localpeer lb01 everywhere",
      files: { "lb01/haproxy.cfg": cfg("lb01", BOTH), "lb02/haproxy.cfg": cfg("lb01", BOTH) },
      expect: [
        { line: 2, file: "lb01/haproxy.cfg", messageId: "sameLocalName" },
        { line: 2, file: "lb02/haproxy.cfg", messageId: "sameLocalName" },
      ],
    },
    {
      name: "peer names that are not the host names: HAProxy removes the section on both nodes",
      files: {
        "lb01/etc/haproxy/haproxy.cfg": cfg(undefined, BOTH),
        "lb01/etc/hostname": "haproxy-a.example.net\n",
        "lb02/etc/haproxy/haproxy.cfg": cfg(undefined, BOTH),
        "lb02/etc/hostname": "haproxy-b.example.net\n",
      },
      expect: [
        { line: 7, file: "lb01/etc/haproxy/haproxy.cfg", messageId: "localNotListed" },
        { line: 7, file: "lb02/etc/haproxy/haproxy.cfg", messageId: "localNotListed" },
      ],
    },
    {
      name: "a node missing from the other node's section",
      files: {
        "lb01/haproxy.cfg": cfg("lb01", "    peer lb01 192.0.2.11:10000\n    peer lb03 192.0.2.13:10000\n"),
        "lb02/haproxy.cfg": cfg("lb02", "    peer lb01 192.0.2.11:10000\n    peer lb02 192.0.2.12:10000\n"),
      },
      expect: [{ line: 10, file: "lb01/haproxy.cfg", messageId: "peerMissing" }],
    },
    {
      name: "one peer at two addresses: the other node's line is the one where it listens",
      files: {
        "lb01/haproxy.cfg": cfg("lb01", "    peer lb01 192.0.2.11:10000\n    peer lb02 192.0.2.21:10000\n"),
        "lb02/haproxy.cfg": cfg("lb02", BOTH),
      },
      expect: [{ line: 12, file: "lb01/haproxy.cfg", messageId: "addressDiffers" }],
    },
    {
      name: "local names unknown and peer lists that differ",
      files: {
        "lb01/haproxy.cfg": cfg(undefined, BOTH),
        "lb02/haproxy.cfg": cfg(undefined, "    peer lb01 192.0.2.11:10000\n    peer lb2 192.0.2.12:10000\n"),
      },
      expect: [
        { line: 7, file: "lb01/haproxy.cfg", messageId: "peerSetsDiffer" },
        { line: 7, file: "lb02/haproxy.cfg", messageId: "peerSetsDiffer" },
      ],
    },
    {
      name: "before 3.1 a localpeer after the peers section is ignored: the host name decides",
      files: {
        "lb01/etc/haproxy/haproxy.cfg": cfg(undefined, BOTH) + "\nglobal\n    localpeer lb01\n",
        "lb01/etc/hostname": "node-a\n",
        "lb02/etc/haproxy/haproxy.cfg": cfg("lb02", BOTH),
      },
      expect: [{ line: 7, file: "lb01/etc/haproxy/haproxy.cfg", messageId: "localNotListed" }],
    },
  ],
});
