/** What the editor set-up tests compare the editors' root folder with: the cluster folder the CLI reports. */
import { spawnSync } from "node:child_process";
import { join, resolve } from "node:path";
import { repoRoot } from "../support/corpus-parity.js";

/** One file of each layout the CLI's discovery knows (node folders, /etc trees, per-node file names). */
export const layoutSamples = [
  "fixtures/seed-postgres/lb01/keepalived.conf",
  "fixtures/seed-nginx/lb02/haproxy.cfg",
  "fixtures/clean-unicast-web-pair/lb01/etc/keepalived/keepalived.conf",
  "fixtures/ha007-advert-int-mismatch/keepalived-lb02.conf",
];

/** The absolute cluster folder the CLI reports for a file (the cluster id of its JSON report). */
export function cliClusterFolder(file: string): string {
  const r = spawnSync("node", [join(repoRoot, "bin/ha-lint.js"), "-f", "json", "--exit-zero", file], {
    encoding: "utf8",
  });
  const report = JSON.parse(r.stdout) as { clusters: { id: string }[] };
  return resolve(report.clusters[0].id);
}
