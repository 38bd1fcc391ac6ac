import { defineCases } from "../rule.js";
import type rule from "./vip-removed-by-network-manager.js";
import { LB01_UNICAST_WIDE } from "../keepalived/example-configs.js";

const KEEPALIVED = `vrrp_instance VI_1 {
    state MASTER
    interface ens192
${LB01_UNICAST_WIDE}    virtual_ipaddress {
        192.0.2.100/24 dev ens192
    }
}
`;

const network = (extra = "", match = "Name=ens192"): string => `[Match]
${match}

[Network]
Address=192.0.2.11/24
Gateway=192.0.2.1
${extra}`;

const netplan = (extra = "", renderer = ""): string => `network:
  version: 2
${renderer}  ethernets:
    ens192:
      addresses: [192.0.2.11/24]
      routes:
        - to: default
          via: 192.0.2.1
${extra}`;

const KEYFILE = `[connection]
id=ens192
uuid=5fb06bd0-0bb0-7ffb-45f1-d6edd65f3e03
type=ethernet
interface-name=ens192

[ipv4]
method=manual
address1=192.0.2.11/24,192.0.2.1
`;

const node = (files: Record<string, string>): Record<string, string> => ({
  "lb01/etc/keepalived/keepalived.conf": KEEPALIVED,
  ...Object.fromEntries(Object.entries(files).map(([name, text]) => [`lb01/${name}`, text])),
});

const CONF = "lb01/etc/keepalived/keepalived.conf";

export default defineCases<typeof rule>({
  valid: [
    { name: "no network-manager files", files: node({}) },
    {
      name: "networkd with KeepConfiguration=static",
      files: node({ "etc/systemd/network/10-ens192.network": network("KeepConfiguration=static\n") }),
    },
    {
      name: "networkd KeepConfiguration=yes in a drop-in",
      files: node({
        "etc/systemd/network/10-ens192.network": network(),
        "etc/systemd/network/10-ens192.network.d/keep.conf": "[Network]\nKeepConfiguration=yes\n",
      }),
    },
    {
      name: "a .network file for another interface",
      files: node({ "etc/systemd/network/10-eth1.network": network("", "Name=eth1") }),
    },
    {
      name: "matched by MAC address too: not evaluated",
      files: node({ "etc/systemd/network/10-lan.network": network("", "Name=en*\nMACAddress=52:54:00:1a:2b:11") }),
    },
    {
      name: "netplan critical: true",
      files: node({ "etc/netplan/50-cloud-init.yaml": netplan("      critical: true\n") }),
    },
    {
      name: "NetworkManager profile, device unmanaged",
      files: node({
        "etc/NetworkManager/system-connections/ens192.nmconnection": KEYFILE,
        "etc/NetworkManager/conf.d/90-keepalived.conf": "[keyfile]\nunmanaged-devices=interface-name:ens192\n",
      }),
    },
  ],
  invalid: [
    {
      name: "networkd .network without KeepConfiguration",
      files: node({ "etc/systemd/network/10-ens192.network": network() }),
      expect: [{ line: 12, file: CONF, messageId: "networkd", severity: "warning" }],
    },
    {
      name: "KeepConfiguration=dhcp keeps only dynamic addresses",
      files: node({ "etc/systemd/network/10-ens192.network": network("KeepConfiguration=dhcp\n") }),
      expect: [{ line: 12, file: CONF, messageId: "networkd" }],
    },
    {
      name: "a catch-all .network with a glob",
      files: node({ "etc/systemd/network/99-default.network": network("", "Name=en* eth*") }),
      expect: [{ line: 12, file: CONF, messageId: "networkd" }],
    },
    {
      name: "netplan with the default networkd renderer",
      files: node({ "etc/netplan/50-cloud-init.yaml": netplan() }),
      expect: [{ line: 12, file: CONF, messageId: "networkd" }],
    },
    {
      name: "netplan rendered by NetworkManager",
      files: node({ "etc/netplan/01-network-manager-all.yaml": netplan("", "  renderer: NetworkManager\n") }),
      expect: [{ line: 12, file: CONF, messageId: "networkManager", severity: "info" }],
    },
    {
      name: "a NetworkManager keyfile for the interface",
      files: node({ "etc/NetworkManager/system-connections/ens192.nmconnection": KEYFILE }),
      expect: [{ line: 12, file: CONF, messageId: "networkManager", severity: "info" }],
    },
  ],
});
