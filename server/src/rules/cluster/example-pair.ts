/**
 * Example clusters for the case tables of the cluster rules: a keepalived.conf per node built from a few settings,
 * so that each case says only what differs. The texts are ordinary configurations (they also serve as docs).
 */

export interface ExampleNode {
  state?: string;
  priority?: number | string;
  /** haproxy check weight; null = no vrrp_script at all. */
  weight?: number | null;
  check?: string;
  nopreempt?: boolean;
  vrid?: number;
  vips?: string[];
  iface?: string;
  src?: string;
  peers?: string[];
  /** Multicast instead of unicast. */
  multicast?: boolean;
  auth?: { type: string; pass?: string } | null;
  advertInt?: number;
  version?: number;
  /** Extra lines inside the instance. */
  instanceExtra?: string[];
  /** Extra text at the top of the file. */
  head?: string;
}

export const EXAMPLE_VIP = "192.0.2.100/24";

export function exampleKeepalived(n: ExampleNode): string {
  const lines: string[] = [];
  if (n.head) lines.push(n.head.trimEnd());
  lines.push("global_defs {", "    enable_script_security", "    script_user root", "}", "");
  if (n.weight !== null) {
    lines.push(
      "vrrp_script chk_haproxy {",
      `    script "${n.check ?? "/usr/bin/pgrep -x haproxy"}"`,
      "    interval 2",
      "    fall 2",
      "    rise 2",
      `    weight ${n.weight ?? -30}`,
      "}",
      "",
    );
  }
  lines.push(
    "vrrp_instance VI_1 {",
    `    state ${n.state ?? "BACKUP"}`,
    `    interface ${n.iface ?? "eth0"}`,
    `    virtual_router_id ${n.vrid ?? 51}`,
    `    priority ${n.priority ?? 100}`,
  );
  lines.push(`    advert_int ${n.advertInt ?? 1}`);
  if (n.version) lines.push(`    version ${n.version}`);
  if (n.nopreempt) lines.push("    nopreempt");
  if (n.auth !== null) {
    const auth = n.auth ?? { type: "PASS", pass: "k33pal1v" };
    lines.push("    authentication {", `        auth_type ${auth.type}`);
    if (auth.pass !== undefined) lines.push(`        auth_pass ${auth.pass}`);
    lines.push("    }");
  }
  if (!n.multicast) {
    lines.push(
      `    unicast_src_ip ${n.src ?? "198.51.100.11"}`,
      "    unicast_peer {",
      ...(n.peers ?? ["198.51.100.12"]).map((p) => `        ${p}`),
      "    }",
    );
  }
  lines.push(
    "    virtual_ipaddress {",
    ...(n.vips ?? [EXAMPLE_VIP]).map((v) => `        ${v} dev ${n.iface ?? "eth0"}`),
    "    }",
  );
  if (n.weight !== null) lines.push("    track_script {", "        chk_haproxy", "    }");
  for (const e of n.instanceExtra ?? []) lines.push(`    ${e}`);
  lines.push("}", "");
  return lines.join("\n");
}

/** Two nodes with consistent unicast settings; each side's settings override the defaults. */
export function examplePair(a: ExampleNode = {}, b: ExampleNode = {}): Record<string, string> {
  return {
    "lb01/keepalived.conf": exampleKeepalived({
      state: "MASTER",
      priority: 120,
      src: "198.51.100.11",
      peers: ["198.51.100.12"],
      ...a,
    }),
    "lb02/keepalived.conf": exampleKeepalived({
      state: "BACKUP",
      priority: 100,
      src: "198.51.100.12",
      peers: ["198.51.100.11"],
      ...b,
    }),
  };
}

/** An haproxy.cfg serving the example VIP on port 80 with checked servers. */
export function exampleHaproxy(bind = "192.0.2.100:80", extra = ""): string {
  return [
    "global",
    "    maxconn 4096",
    "defaults",
    "    mode http",
    "    timeout connect 5s",
    "    timeout client 30s",
    "    timeout server 30s",
    "frontend web",
    `    bind ${bind}`,
    "    default_backend app",
    "backend app",
    "    balance roundrobin",
    "    option httpchk GET /health",
    "    server app1 203.0.113.21:8080 check",
    "    server app2 203.0.113.22:8080 check",
    extra,
  ]
    .filter((l) => l !== "")
    .join("\n")
    .concat("\n");
}

/** sysctl.conf letting HAProxy bind addresses the node does not hold (the VIP on the standby). */
export const NONLOCAL_BIND = "net.ipv4.ip_nonlocal_bind = 1\n";
