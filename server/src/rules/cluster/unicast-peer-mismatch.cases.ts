import { defineCases } from "../rule.js";
import { examplePair } from "./example-pair.js";
import type rule from "./unicast-peer-mismatch.js";
import { BACKUP_INSTANCE_HEAD, VIP_100_WIDE } from "../keepalived/example-configs.js";

/** A node with VI_1 on eth0 (unicast_src_ip given) and VI_2 on eth1 (no unicast_src_ip: eth1's primary address). */
function twoInterfaces(src: string, peers: [string, string]): string {
  return `${BACKUP_INSTANCE_HEAD}    unicast_src_ip ${src}
    unicast_peer {
        ${peers[0]}
    }
${VIP_100_WIDE}}
vrrp_instance VI_2 {
    state BACKUP
    interface eth1
    virtual_router_id 52
    priority 100
    unicast_peer {
        ${peers[1]}
    }
    virtual_ipaddress {
        203.0.113.100/24
    }
}
`;
}

/** Two instances with swapped VRIDs on each node: VRID 51 pairs lb01's VI_1 with lb02's VI_2 (a copied file). */
function swapped(own: string, other: string, first: number, second: number): string {
  const instance = (name: string, vrid: number, src: string, peer: string): string => `vrrp_instance ${name} {
    state BACKUP
    interface eth0
    virtual_router_id ${vrid}
    priority 100
    unicast_src_ip ${src}
    unicast_peer {
        ${peer}
    }
    virtual_ipaddress {
        192.0.2.${vrid}/24
    }
}
`;
  return instance("VI_1", first, own, other) + instance("VI_2", second, other, own);
}

export default defineCases<typeof rule>({
  valid: [
    { name: "peers point at each other", files: examplePair() },
    {
      name: "addresses with a prefix: keepalived reads 198.51.100.11/24 as 198.51.100.11",
      files: examplePair(
        { src: "198.51.100.11/24", peers: ["198.51.100.12/24"] },
        { src: "198.51.100.12/24", peers: ["198.51.100.11/24"] },
      ),
    },
    {
      name: "an instance without unicast_src_ip sends from its own interface, not from another instance's address",
      files: {
        "lb01/keepalived.conf": twoInterfaces("198.51.100.11", ["198.51.100.12", "203.0.113.12"]),
        "lb02/keepalived.conf": twoInterfaces("198.51.100.12", ["198.51.100.11", "203.0.113.11"]),
      },
    },
  ],
  invalid: [
    {
      name: "a peer that is another node's address on another router is no typo",
      files: {
        "lb01/keepalived.conf": swapped("198.51.100.11", "198.51.100.12", 51, 61),
        "lb02/keepalived.conf": swapped("198.51.100.12", "198.51.100.11", 61, 51),
      },
      expect: [
        { line: 7, file: "lb01/keepalived.conf", messageId: "missingPeer" },
        { line: 20, file: "lb01/keepalived.conf", messageId: "missingPeer" },
        { line: 7, file: "lb02/keepalived.conf", messageId: "missingPeer" },
        { line: 20, file: "lb02/keepalived.conf", messageId: "missingPeer" },
      ],
    },
    {
      name: "typo in the master's list",
      files: examplePair({ peers: ["198.51.100.21"] }),
      expect: [{ line: 26, file: "lb01/keepalived.conf", messageId: "missingPeerTypo" }],
    },
    {
      name: "typo in the backup's list",
      files: examplePair({}, { peers: ["198.51.100.111"] }),
      expect: [{ line: 26, file: "lb02/keepalived.conf", messageId: "missingPeerTypo" }],
    },
    {
      name: "a peer missing from a three-node list",
      files: {
        ...examplePair({ peers: ["198.51.100.12"] }, { peers: ["198.51.100.11", "198.51.100.13"] }),
        "lb03/keepalived.conf": examplePair({}, { src: "198.51.100.13", peers: ["198.51.100.11", "198.51.100.12"] })[
          "lb02/keepalived.conf"
        ],
      },
      expect: [{ line: 25, file: "lb01/keepalived.conf", messageId: "missingPeer" }],
    },
    {
      name: "check_unicast_src with a missing source",
      files: examplePair(
        { peers: ["198.51.100.12"] },
        { peers: ["198.51.100.12", "198.51.100.13"], instanceExtra: ["check_unicast_src"] },
      ),
      expect: [
        { line: 25, file: "lb02/keepalived.conf", messageId: "sourceNotListed" },
        { line: 27, file: "lb02/keepalived.conf", messageId: "missingPeerTypo" },
      ],
    },
  ],
});
