/** Builds small keepalived clusters for simulation tests and runs the analysis on them in memory. */
import { analyze, type AnalysisResult } from "../../server/src/analyze.js";
import type { RouterSimulation } from "../../server/src/simulate/scenarios.js";
import { virtualHost } from "./virtual-host.js";

export interface NodeSpec {
  priority?: number;
  state?: "MASTER" | "BACKUP";
  nopreempt?: boolean;
  /** Weight of the haproxy check on this node; undefined = no vrrp_script at all. */
  weight?: number;
  reverse?: boolean;
  src: string;
  peers?: string[];
  syncGroup?: boolean;
  extra?: string;
}

export function keepalivedConf(spec: NodeSpec): string {
  const lines: string[] = ["global_defs {", "  enable_script_security", "  script_user root", "}"];
  if (spec.weight !== undefined) {
    lines.push(
      "vrrp_script chk_haproxy {",
      '  script "/usr/bin/pgrep -x haproxy"',
      "  interval 1",
      `  weight ${spec.weight}${spec.reverse ? " reverse" : ""}`,
      "}",
    );
  }
  if (spec.syncGroup) lines.push("vrrp_sync_group G1 {", "  group {", "    VI_1", "    VI_2", "  }", "}");
  const instance = (name: string, vrid: number, vip: string): void => {
    lines.push(`vrrp_instance ${name} {`);
    if (spec.state) lines.push(`  state ${spec.state}`);
    lines.push("  interface eth0", `  virtual_router_id ${vrid}`);
    if (spec.priority !== undefined) lines.push(`  priority ${spec.priority}`);
    lines.push("  advert_int 1");
    if (spec.nopreempt) lines.push("  nopreempt");
    lines.push(`  unicast_src_ip ${spec.src}`, "  unicast_peer {", ...(spec.peers ?? []).map((p) => `    ${p}`), "  }");
    lines.push("  virtual_ipaddress {", `    ${vip} dev eth0`, "  }");
    if (spec.weight !== undefined) lines.push("  track_script {", "    chk_haproxy", "  }");
    if (spec.extra) lines.push(spec.extra);
    lines.push("}");
  };
  instance("VI_1", 51, "192.0.2.100/24");
  if (spec.syncGroup) instance("VI_2", 52, "192.0.2.101/24");
  return lines.join("\n") + "\n";
}

/** Two or more nodes named lb01, lb02, ... peering with each other. */
export function cluster(specs: Omit<NodeSpec, "peers">[]): Record<string, string> {
  const files: Record<string, string> = {};
  specs.forEach((s, i) => {
    const peers = specs.filter((_, j) => j !== i).map((o) => o.src);
    files[`/c/lb0${i + 1}/keepalived.conf`] = keepalivedConf({ ...s, peers });
  });
  return files;
}

export function analyzeFiles(files: Record<string, string>): AnalysisResult {
  const roots = Object.keys(files).filter((f) => /keepalived\.conf$|haproxy\.cfg$/.test(f));
  return analyze({ files: roots.map((path) => ({ path, text: files[path] })), host: virtualHost(files) });
}

export function routerOf(result: AnalysisResult, name = "VI_1"): RouterSimulation {
  for (const c of result.input.simulations) for (const r of c.routers) if (r.router.name === name) return r;
  throw new Error(`no router ${name}`);
}
