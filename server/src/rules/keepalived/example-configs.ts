/**
 * Named base configurations the keepalived case tables compose with, so that a case writes only the lines it is
 * about. Only case tables import this file (never a rule), so it is not bundled.
 */

/** The first lines of a BACKUP instance VI_1 on eth0 (VRID 51, priority 100), left open for the case's lines. */
export const BACKUP_INSTANCE_HEAD = `vrrp_instance VI_1 {
    state BACKUP
    interface eth0
    virtual_router_id 51
    priority 100
`;

/** An instance VI_1 on eth0 (VRID 51, priority 100, VIP 192.0.2.10/24) with the case's `lines` before its VIP block. */
export const instanceWith = (lines: string): string => `vrrp_instance VI_1 {
  interface eth0
  virtual_router_id 51
  priority 100
${lines}  virtual_ipaddress {
    192.0.2.10/24
  }
}
`;

/** `global_defs` with `enable_script_security` and `script_user root` (4 lines). */
export const SCRIPT_SECURITY = `global_defs {
  enable_script_security
  script_user root
}
`;

/** `global_defs` with `script_user root`, then `enable_script_security` (4 lines). */
export const SCRIPT_USER_FIRST = `global_defs {
  script_user root
  enable_script_security
}
`;

/** `vrrp_script chk_haproxy` testing /run/haproxy.pid, interval 2, weight -30 (5 lines). */
export const CHK_HAPROXY = `vrrp_script chk_haproxy {
  script "/usr/bin/test -e /run/haproxy.pid"
  interval 2
  weight -30
}
`;

/** The opening of instance VI_1 on eth0 with VRID 51, left open (3 lines). */
export const OPEN_VI_1 = `vrrp_instance VI_1 {
  interface eth0
  virtual_router_id 51
`;

/** The opening of BACKUP instance VI_1 on eth0 with VRID 51, left open (4 lines). */
export const OPEN_BACKUP_VI_1 = `vrrp_instance VI_1 {
  state BACKUP
  interface eth0
  virtual_router_id 51
`;

/** The opening of MASTER instance VI_1 on eth0 with VRID 51, left open (4 lines). */
export const OPEN_MASTER_VI_1 = `vrrp_instance VI_1 {
  state MASTER
  interface eth0
  virtual_router_id 51
`;

/** `OPEN_VI_1` indented by four (3 lines). */
export const OPEN_VI_1_WIDE = `vrrp_instance VI_1 {
    interface eth0
    virtual_router_id 51
`;

/** `OPEN_BACKUP_VI_1` indented by four (4 lines). */
export const OPEN_BACKUP_VI_1_WIDE = `vrrp_instance VI_1 {
    state BACKUP
    interface eth0
    virtual_router_id 51
`;

/** `OPEN_MASTER_VI_1` indented by four (4 lines). */
export const OPEN_MASTER_VI_1_WIDE = `vrrp_instance VI_1 {
    state MASTER
    interface eth0
    virtual_router_id 51
`;

/** A `virtual_ipaddress` block holding 192.0.2.10/24 (3 lines). */
export const VIP_10 = `  virtual_ipaddress {
    192.0.2.10/24
  }
`;

/** A `virtual_ipaddress` block holding 192.0.2.100/24, indented by four (3 lines). */
export const VIP_100_WIDE = `    virtual_ipaddress {
        192.0.2.100/24
    }
`;

/** A `track_script` block following `chk_haproxy` (3 lines). */
export const TRACK_CHK_HAPROXY = `  track_script {
    chk_haproxy
  }
`;

/** A `virtual_ipaddress` block holding 192.0.2.100/24 (3 lines). */
export const VIP_100 = `  virtual_ipaddress {
    192.0.2.100/24
  }
`;

/** lb01's VRID 51 at priority 120, adverts every second, unicast from 192.0.2.11 to 192.0.2.12, indented by four (7 lines). */
export const LB01_UNICAST_WIDE = `    virtual_router_id 51
    priority 120
    advert_int 1
    unicast_src_ip 192.0.2.11
    unicast_peer {
        192.0.2.12
    }
`;
