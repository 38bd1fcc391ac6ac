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
