/**
 * The cluster model: what keepalived and HAProxy will actually do with each node's files, with the source location
 * of every entity so that rules can point at any file and relate places across nodes.
 */
import type { InstanceVmac } from "./keepalived-vmac.js";
import type { Location } from "../syntax/source.js";
import type { HaproxyDocument, HpLine, HpSection } from "../syntax/haproxy/tree.js";
import type { KeepalivedDocument, ReadingStop } from "../syntax/keepalived/tree.js";
import type { FileFact } from "../syntax/keepalived/line-reader.js";
import type { FileReference } from "./referenced-files.js";
import type { FirewallRuleset } from "./firewall.js";

/** A value together with where it was written. */
export interface Located<T> {
  value: T;
  location: Location;
}

// ---------------------------------------------------------------- keepalived

export interface ScriptCommand {
  /** Program and arguments as keepalived splits them. */
  args: string[];
  user?: string;
  group?: string;
  location: Location;
  /** Text of the script file when the node's tree has it (never run). */
  fileText?: string;
  /** Where that file was found. */
  filePath?: string;
  /** The command word of the line as written (quotes included), for fixes. */
  word?: { text: string; location: Location; expanded: boolean };
}

export interface VrrpScript {
  name: string;
  location: Location;
  /** Location of the name word. */
  nameLocation: Location;
  command?: ScriptCommand;
  interval: number;
  timeout?: number;
  weight: number;
  weightReverse: boolean;
  weightLocation?: Location;
  rise: number;
  fall: number;
  user?: string;
  initFail: boolean;
  /** Index in source order among all statements (to tell "defined after"). */
  order: number;
  /** (versions) `interval`/`timeout` values the target keepalived refuses and ignores (fractions before 2.3.2). */
  rejectedTimes?: { keyword: "interval" | "timeout"; text: string; location: Location }[];
}

export interface TrackedScript {
  name: string;
  location: Location;
  /** The words after the name (`weight -20 reverse`), as written. */
  options: Located<string>[];
  /** Weight given on the track_script line, overriding the script's. */
  weightOverride?: number;
  reverseOverride?: boolean;
  script?: VrrpScript;
  /** The vrrp_script stands after the instance: keepalived looks names up at parse time and does not find it. */
  definedAfter: boolean;
}

export interface TrackedInterface {
  name: string;
  /** Weight keepalived uses: ±254 becomes ±253, anything outside -254..254 (or not a number) becomes 0. */
  weight: number;
  /** `weight N` as written, when given. */
  writtenWeight?: Located<number>;
  reverse: boolean;
  location: Location;
}

export interface TrackedFile {
  name: string;
  weight?: number;
  reverse: boolean;
  location: Location;
}

export interface VirtualAddress {
  /** As written (`192.0.2.10/24`). */
  text: string;
  address: string;
  /** The prefix length the running daemon uses, when one is written (vrrp_ipaddress.c parse_ipaddress()). */
  prefix?: number;
  /** 0 when keepalived cannot read the address (it is then in addressProblems, not in vips). */
  family: 4 | 6 | 0;
  /**
   * Of another family than the instance's (set by the first address keyword of the instance): keepalived reports
   * it ('address family must match VRRP instance') and never configures it. Only in `virtual_ipaddress`.
   */
  familyMismatch?: boolean;
  dev?: string;
  noTrack: boolean;
  location: Location;
}

export interface UnicastPeer {
  /** The address keepalived reads (lib/utils.c inet_stosockaddr(): a `/prefix` or `-range` is dropped). */
  address: string;
  location: Location;
}

/** An address keepalived reports when it reads it (and what it then does with it). */
export interface AddressProblem {
  keyword:
    | "unicast_src_ip"
    | "mcast_src_ip"
    | "mcast_dst_ip"
    | "unicast_peer"
    | "virtual_ipaddress"
    | "virtual_ipaddress_excluded";
  /** The word as written. */
  text: string;
  location: Location;
  /**
   * malformed: not an address (skipped); family: of another family than the instance (skipped); prefix: a prefix
   * length keepalived reports; not-multicast: an mcast_dst_ip that is no multicast group (skipped).
   */
  kind: "malformed" | "family" | "prefix" | "not-multicast";
  /** The family keepalived gives the text (from a ':'), for family problems. */
  family?: 4 | 6;
  /** For prefix problems: the prefix keepalived -t reports using and the one the running daemon uses. */
  prefix?: { written: string; error: "negative" | "not-a-number" | "out-of-range"; checked: number; running: number };
}

export interface Authentication {
  type?: Located<string>;
  /** The password as written (after quotes and comments). */
  pass?: Located<string>;
}

export interface NotifyScript {
  kind:
    | "notify"
    | "notify_master"
    | "notify_backup"
    | "notify_fault"
    | "notify_stop"
    | "notify_deleted"
    | "notify_master_rx_lower_pri";
  command: ScriptCommand;
}

export interface IgnoredInstanceLine {
  kind: "version-conflict" | "native-ipv6-on-ipv4";
  location: Location;
  /** version-conflict: the version written, and the one already set (undefined: none, the family is IPv6). */
  value?: string;
  set?: 2 | 3;
}

export interface VrrpInstance {
  name: string;
  location: Location;
  nameLocation: Location;
  /** `state` as written and whether keepalived accepts it. */
  state?: Located<string>;
  /** Every `state MASTER` word of the instance: one of them is enough for keepalived to start it as MASTER. */
  masterStates: Location[];
  initialState: "MASTER" | "BACKUP";
  interface?: Located<string>;
  vrid?: Located<number>;
  /** `priority` as written (number, or NaN when not a number). */
  priority?: Located<number>;
  /** Base priority keepalived uses: priority, or 255 for `state MASTER` without one, else 100; invalid -> 100. */
  basePriority: number;
  advertInt: number;
  advertIntLocation?: Location;
  nopreempt?: Location;
  preemptDelay?: Located<number>;
  authentication?: Authentication;
  vips: VirtualAddress[];
  vipsExcluded: VirtualAddress[];
  unicastSrcIp?: Located<string>;
  /**
   * Set when unicast_src_ip is evidently not this node's address (another node has it, or the node's declared
   * addresses lack it): keepalived cannot bind it before 2.3.3, and binds it with IP_FREEBIND from 2.3.3.
   */
  unicastSrcConflict?: string;
  /** Set (to where the addresses come from) when the node's declared addresses lack its unicast_src_ip. */
  unicastSrcUndeclared?: string;
  /** Valid `unicast_peer` entries (keepalived skips malformed ones; with none left the instance uses multicast). */
  unicastPeers: UnicastPeer[];
  /** Addresses keepalived reports while reading: malformed, of another family, bad prefixes, non-multicast groups. */
  addressProblems: AddressProblem[];
  /**
   * Lines keepalived reports and ignores because of what the instance read before them: `vrrp_version` against the
   * version already set or an IPv6 family, `native_ipv6` in an instance already IPv4 (vrrp_parser.c handlers).
   */
  ignoredLines: IgnoredInstanceLine[];
  /**
   * The instance's address family, as keepalived sets it: from the first of unicast_src_ip/mcast_src_ip,
   * mcast_dst_ip, a unicast_peer entry or a virtual_ipaddress entry that it reads (IPv4 when none).
   */
  family: 4 | 6;
  /** The word that set the family, when one did. */
  familySource?: { keyword: string; location: Location };
  /** There is a `unicast_peer` block (even an empty one). */
  unicastBlock?: Location;
  mcastDstIp?: Located<string>;
  trackScripts: TrackedScript[];
  trackInterfaces: TrackedInterface[];
  trackFiles: TrackedFile[];
  /** `track_process` names (vrrp_track_process). */
  trackProcesses: { name: string; weight?: number; location: Location }[];
  notify: NotifyScript[];
  strict?: Location;
  noAccept?: Location;
  accept?: Location;
  vrrpVersion: 2 | 3;
  vrrpVersionLocation?: Location;
  dontTrackPrimary: boolean;
  checkUnicastSrc: boolean;
  unicastFaultNoPeer: boolean;
  /** Name of the sync group holding it. */
  syncGroup?: string;
  /** Index in source order among all statements. */
  order: number;
  /**
   * (versions) Addresses listed twice in virtual_ipaddress(_excluded) or unicast_peer. keepalived 2.3.3 and later
   * reject the repeat (and it is not in `vips`/`unicastPeers`); earlier versions keep it.
   */
  duplicateAddresses?: { keyword: string; text: string; location: Location; kept: boolean }[];
  /**
   * (versions) keepalived 2.3.3+: an address owner drops every advert it receives (owner_ignore_adverts, on in strict
   * mode).
   */
  ownerIgnoresAdverts?: boolean;
  /** The gratuitous ARPs the instance sends while MASTER besides its transition's (model/keepalived-garp.ts). */
  garp: GarpSettings;
  /** Its VMAC, ipvlan and VRF settings and keepalived's messages about them (model/keepalived-vmac.ts). */
  vmac: InstanceVmac;
}

/** An instance's periodic and lower-priority GARPs, and whether its VIPs answer with a virtual MAC. */
export interface GarpSettings {
  /** garp_master_refresh in seconds; 0: no periodic GARP while MASTER. */
  refresh: number;
  refreshLocation?: Location;
  /** GARPs sent when a MASTER receives a lower-priority advert; 0: none. */
  lowerPrioRepeat: number;
  /** What made lowerPrioRepeat 0: strict mode, or a 0 written at this place. */
  lowerPrioOff?: { keyword: "strict" | "garp_lower_prio_repeat" | "vrrp_garp_lower_prio_repeat"; location: Location };
  /** use_vmac / use_ipvlan: the VIP answers with a MAC both nodes share, so ARP caches never point at one node. */
  virtualMac?: Location;
}

export interface SyncGroup {
  name: string;
  location: Location;
  members: Located<string>[];
  trackingWeight: boolean;
  trackScripts: TrackedScript[];
  notify: NotifyScript[];
}

export interface TrackProcess {
  name: string;
  process?: string;
  location: Location;
  weight: number;
}

export interface KeepalivedConfig {
  file: string;
  document: KeepalivedDocument;
  /**
   * keepalived stops reading at this line and exits without starting: the configuration then has no instances,
   * scripts or groups (the syntax tree still holds what was read before the line).
   */
  stopped?: ReadingStop;
  routerId?: Located<string>;
  enableScriptSecurity?: Location;
  /** Global `dynamic_interfaces`: keepalived accepts interfaces that do not exist yet (vrrp_if.c if_get_by_ifname()). */
  dynamicInterfaces?: Location;
  scriptUser?: Located<string>;
  vrrpStrict?: Location;
  /** (versions) The keepalived version the file was read for (the node's target version). */
  version?: string;
  /**
   * (versions) The argument written after global `vrrp_strict` / `vrrp_skip_check_adv_addr`, and what the target
   * version makes of it: before 2.3.0 any argument means on; from 2.3.0 a boolean, and anything else is refused.
   */
  globalFlags?: { keyword: string; argument?: Located<string>; on: boolean; refused: boolean }[];
  skipCheckAdvAddr?: Location;
  /** (versions) Global vrrp_owner_ignore_adverts (2.3.3 and later). */
  ownerIgnoreAdverts?: boolean;
  globalVrrpVersion?: Located<number>;
  /** Global GARP settings as read so far (model/keepalived-garp.ts). */
  garp?: { refresh: number; masterRepeat: number; lowerPrioRepeat?: Located<number> };
  scripts: Map<string, VrrpScript>;
  trackProcesses: Map<string, TrackProcess>;
  instances: VrrpInstance[];
  syncGroups: SyncGroup[];
}

// ---------------------------------------------------------------- HAProxy

export type ProxyKind = "frontend" | "backend" | "listen" | "defaults";

export interface BindAddress {
  /** As written (one element of a comma list). */
  text: string;
  /** Host part; "" for any (`:80`, `*:80`, `0.0.0.0:80`, `:::80`). */
  host: string;
  port?: string;
  family: 4 | 6 | "unix" | "other";
  wildcard: boolean;
  /**
   * The address uses environment variables the analysis has no value for. Host, port and wildcard above are what
   * HAProxy reads when they are unset; `outcome` says what a bind line does then.
   */
  variables?: { unknown: string[]; whenUnset: string; outcome: AddressOutcome };
  /** Where this address is written, when the word maps one to one onto its value (no quotes or escapes). */
  location?: Location;
}

/**
 * What HAProxy does with an address whose variables are unset: an empty host (the host was the variable) means every
 * address for a bind and the client's destination address for a server; a bind without port is refused ("missing
 * port specification"), so are an empty address ("resolves to an empty address"), an empty word ("'bind' expects ...
 * as arguments"), a port or host that is no longer one ("invalid address"); otherwise it reads some other address.
 */
export type AddressOutcome =
  "every-address" | "missing-port" | "invalid-port" | "invalid-address" | "empty" | "missing-argument" | "reads";

export interface Bind {
  location: Location;
  addresses: BindAddress[];
  options: Map<string, string | true>;
  transparent: boolean;
}

export interface Server {
  name: string;
  location: Location;
  address: string;
  host: string;
  port?: string;
  /** The address uses variables the analysis has no value for; host and port are what HAProxy reads when unset. */
  variables?: BindAddress["variables"];
  /** `check` on the line or from default-server (and not disabled by `no-check`). */
  check: boolean;
  /** `agent-check` on the line or from default-server (and not disabled by `no-agent-check`). */
  agentCheck: boolean;
  /** Location of the server's name word. */
  nameLocation: Location;
  /** `track [<backend>/]<server>` as written, with its location. */
  track?: Located<string>;
  /** Options written on the server line itself (default-server ones excluded). */
  ownOptions: Map<string, string | true>;
  options: Map<string, string | true>;
  backup: boolean;
  disabled: boolean;
}

export interface BackendRef {
  name: string;
  dynamic: boolean;
  location: Location;
  /** Condition words after the backend name (`if acl`). */
  condition: string[];
}

export interface StatsSettings {
  enabled?: Location;
  uri?: Located<string>;
  auth: Located<string>[];
  admin?: Located<string>;
  hasAuthRule: boolean;
  /** The first `stats` line: any of them (`stats enable`, `uri`, `auth`, `refresh`, ...) turns the stats page on. */
  declared?: Location;
  /** `stats http-request ...` rules (access control of the stats page). */
  httpRequestRules: Located<string>[];
  /** `stats show-legends`: the page then shows server addresses, ids and cookies too (STAT_SHLGNDS). */
  showLegends?: Location;
  /** `stats hide-version`: the page no longer shows the HAProxy version. */
  hideVersion?: Location;
}

export interface Proxy {
  kind: ProxyKind;
  name: string;
  location: Location;
  /** Location of the whole section. */
  sectionLocation: Location;
  /** Defaults section it inherits from (named via `from`, else the last one before it). */
  defaults?: Proxy;
  from?: Located<string>;
  /** `disabled` in effect (own line or inherited from defaults, not undone by `enabled`). */
  disabled?: Location;
  /** Effective mode, inherited from defaults; "tcp" when nobody sets it. */
  mode: "http" | "tcp" | "log" | string;
  modeLocation?: Location;
  binds: Bind[];
  servers: Server[];
  defaultServer: Map<string, string | true>;
  /** `option X` / `no option X` in effect (own lines, then defaults). */
  options: Map<string, { enabled: boolean; args: string[]; location: Location }>;
  timeouts: Map<string, Located<string>>;
  /** Own `default_backend`, or the one inherited from defaults (frontends and listens only). */
  defaultBackend?: BackendRef;
  useBackends: BackendRef[];
  /** Stats settings: inherited from defaults, then the proxy's own `stats` lines. */
  stats: StatsSettings;
  /** Own `maxconn`, or the one inherited from defaults. */
  maxconn?: Located<number>;
  /**
   * The health-check type in effect: the last of `option httpchk`, `option tcp-check`, `option ldap-check`, ... of the
   * proxy, else the one inherited from defaults (each one replaces the previous one in HAProxy).
   */
  checkType?: Located<string>;
  /** Keyword lines of the section itself. */
  lines: HpLine[];
}

export interface Userlist {
  name: string;
  location: Location;
  users: { name: string; location: Location; insecure: boolean; password: string }[];
}

export interface PeerEntry {
  /** The peer's name: the local peer is the one named like the local peer name. */
  name: string;
  nameLocation: Location;
  /** The whole `peer`/`server` line. */
  location: Location;
  /** `ip:port` as written (a `server` line of the local peer may have none: the section's `bind` gives it). */
  address?: string;
}

export interface PeersSection {
  name: string;
  location: Location;
  peers: PeerEntry[];
  /** `disabled` in the section: HAProxy drops it silently. */
  disabled: boolean;
}

/** What decides which peer of each peers section is this HAProxy (src/cfgparse.c cfg_parse_peers() at v2.6.12). */
export interface HaproxyPeers {
  sections: PeersSection[];
  /** Global `localpeer` written before the first peers section (it replaces the host name). */
  localPeer?: Located<string>;
  /** A global `localpeer` written after a peers section: HAProxy ignores it with a warning. */
  ignoredLocalPeer?: Location;
}

/** One section of a node's HAProxy configuration with the file it is written in. */
export interface HaproxyPlacedSection {
  file: string;
  section: HpSection;
}

export interface HaproxyConfig {
  /** The first file HAProxy loads (`-f` order); the only one for a single-file configuration. */
  file: string;
  /** The first file's syntax tree. */
  document: HaproxyDocument;
  /**
   * Every file HAProxy loads, in its order (`-f a.cfg -f conf.d/`: a.cfg, then conf.d's *.cfg in lexical order),
   * one syntax tree each. The proxies below are the merged configuration: a defaults section of one file applies to
   * the proxies of the next, and each entity keeps the file and line it is written at.
   */
  documents: HaproxyDocument[];
  /** Every section of every file, in load order. */
  sections: HaproxyPlacedSection[];
  peers: HaproxyPeers;
  globalMaxconn?: Located<number>;
  proxies: Proxy[];
  defaults: Proxy[];
  userlists: Userlist[];
}

// ---------------------------------------------------------------- nodes and clusters

/** A file a configuration references, looked up in the node's tree. */
export interface ReferencedFile {
  reference: FileReference;
  /** Where it lives in the analysed tree (the node's root + the path as written). */
  path: string;
  /** What the tree has there; undefined when nothing is. */
  fact?: FileFact;
}

export interface SysctlSetting {
  key: string;
  value: string;
  location: Location;
}

export interface Node {
  name: string;
  /** The folder that holds the node's files. */
  dir: string;
  keepalived?: KeepalivedConfig;
  haproxy?: HaproxyConfig;
  /** sysctl settings from the node's files, last one wins; undefined when the node has no sysctl files. */
  sysctl?: Map<string, SysctlSetting>;
  sysctlFiles: string[];
  /** Addresses known to belong to the node: its unicast_src_ip values and any the manifest gives. */
  addresses: string[];
  /**
   * Files the node's configurations reference (certificates, maps, errorfiles, scripts ...) that its tree could hold,
   * with what the tree has there; only for nodes given as a tree (DIR/<node>/etc/...).
   */
  referencedFiles?: ReferencedFile[];
  /** Facts about the host read from files of the node's tree (never executed), when there are any. */
  hostFacts?: HostFacts;
  /** (versions) The versions this node runs (the analysis's, or the node's own from .ha-lint.yaml). */
  keepalivedVersion?: string;
  haproxyVersion?: string;
}

export interface Cluster {
  id: string;
  nodes: Node[];
  /** VRRP instances of the nodes that form one virtual router (same VRID or shared VIPs). */
  routers: VirtualRouter[];
}

export interface VirtualRouter {
  /** Name used in reports: the instance name most nodes use. */
  name: string;
  members: { node: Node; instance: VrrpInstance }[];
}

// ---------------------------------------------------------------- host facts

/**
 * Facts about a node's host, from files of its tree that the workspace layer reads as text (server/src/workspace/
 * host-facts/). Each fact keeps where it was read so that findings can point at it.
 */
export interface HostFacts {
  /** The host name (etc/hostname): HAProxy's default local peer name, keepalived's default router_id. */
  hostName?: Located<string>;
  /** Interfaces of the host (`ip -j link` / `ip -j addr` output), with their addresses when known. */
  interfaces?: HostInterface[];
  /** Containers of the node's compose files that run keepalived (their image or command names it). */
  keepalivedContainers?: KeepalivedContainer[];
  /** TCP ports something else on the host listens on (static pods on the host network, published container ports). */
  listeners?: HostListener[];
  /** The node's packet filter rulesets (nftables, iptables-save, firewalld files), as read (model/firewall.ts). */
  firewalls?: FirewallRuleset[];
  /** Network-manager configurations that claim interfaces (networkd .network files, netplan, NetworkManager). */
  networkManagement?: ManagedInterfaceClaim[];
}

/**
 * One network-manager configuration that claims interfaces by name: a systemd-networkd `.network` file, a netplan
 * device definition, or a NetworkManager keyfile. In the order the manager applies them (networkd: the first
 * matching file in lexical order).
 */
export interface ManagedInterfaceClaim {
  manager: "systemd-networkd" | "NetworkManager";
  /** Which file format said so. */
  via: "networkd" | "netplan" | "keyfile";
  /** Interface names or globs (`en*`) it matches; `!` negated patterns are in `excludes`. */
  names: string[];
  excludes: string[];
  /** The claim also matches on properties the reader cannot check (MACAddress=, Driver=, a netplan `macaddress`). */
  uncertain: boolean;
  /** networkd `[Link] Unmanaged=yes`, or an interface NetworkManager.conf lists in `unmanaged-devices`. */
  unmanaged: boolean;
  /**
   * The setting that keeps addresses the manager did not add: networkd `KeepConfiguration=` (its value) or `[DHCP]
   * CriticalConnection=`, netplan `critical:`. Absent when not written.
   */
  keep?: { setting: string; value: string; location: Location };
  location: Location;
}

export interface HostInterface {
  name: string;
  /** Addresses without prefix (`ip -j addr`: addr_info[].local); empty for `ip -j link`. */
  addresses: string[];
  /** The link's flags (`ip -j` `flags`: MULTICAST, NOARP, POINTOPOINT ...), when the file gives them. */
  flags?: string[];
  /** Where the interface's name stands in the file. */
  location: Location;
}

export interface KeepalivedContainer {
  /** The compose service's name. */
  service: string;
  /** Where the service is placed in the compose file (its `image`, else its block). */
  location: Location;
  /** `network_mode: host`. */
  hostNetwork: boolean;
  /** `privileged: true` (every capability). */
  privileged: boolean;
  /** `cap_add` entries, upper case without the CAP_ prefix. */
  capAdd: string[];
  /** `cap_drop` entries, likewise. */
  capDrop: string[];
}

export interface HostListener {
  /** What listens, for messages: `kube-apiserver (static pod)`, `compose service 'api'`. */
  owner: string;
  /** The host address it listens on; "" for every address. */
  address: string;
  port: number;
  /** Where the port (or the component, for a default port) is written. */
  location: Location;
  /** The port is the component's default, not written. */
  defaultPort: boolean;
}
