import type { Node, ReferencedFile } from "../../model/types.js";
import { defineRule } from "../rule.js";
import { related } from "./router-view.js";

export default defineRule({
  id: "HA029",
  name: "referenced-file-differs",
  severity: "warning",
  scope: "cluster",
  docs: {
    summary:
      "A file the nodes' configurations reference (certificate, map, errorfile, script ...) differs between nodes.",
    description:
      "For nodes given as a tree (`DIR/<node>/etc/...`), compares, by sha256 digest only, each referenced file " +
      "(the files HA028 looks up) that two or more nodes of a cluster have at the same path. Every node whose copy " +
      "differs from the first node's (in name order) is reported at its reference, with the first node's as " +
      "related place. Contents are never read beyond the digest, and never shown.",
    why:
      "After a failover the other node serves with its own copy: an expired or other certificate, a map or ACL list " +
      "that routes or blocks differently, another error page, a check script that tests something else. Like a " +
      "drifted haproxy.cfg (HA017), the difference shows only when the VIP moves.",
    sources: ["SEMANTICS.md 1.8 (standby drift)"],
    bad:
      "# lb01/etc/haproxy/maps/hosts.map and lb02/etc/haproxy/maps/hosts.map differ\n" +
      "http-request set-var(txn.be) req.hdr(host),map_str(/etc/haproxy/maps/hosts.map)\n",
    good:
      "# the same hosts.map deployed to both nodes\n" +
      "http-request set-var(txn.be) req.hdr(host),map_str(/etc/haproxy/maps/hosts.map)\n",
    realTool: "Neither tool: each node's checker sees its own copy only.",
    reportedBy: "none",
  },
  messages: {
    differs: (data: { path: string; keyword: string; node: string; other: string }) =>
      `${data.path} (${data.keyword}) on ${data.node} differs from ${data.other}'s copy (sha256 digests differ): ` +
      `after a failover ${data.node} serves with its own. Deploy the same file to every node.`,
  },
  check(ctx) {
    for (const cluster of ctx.clusters) {
      const nodes = [...cluster.nodes].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
      const first = new Map<string, { node: Node; file: ReferencedFile }>();
      for (const node of nodes)
        for (const file of node.referencedFiles ?? []) {
          const digest = file.fact?.digest;
          if (!digest) continue;
          const key = `${file.reference.kind}\u0000${file.reference.written}`;
          const seen = first.get(key);
          if (!seen) {
            first.set(key, { node, file });
            continue;
          }
          if (seen.node === node || seen.file.fact?.digest === digest) continue;
          const { reference } = file;
          ctx.report({
            file: reference.location.file,
            range: reference.location.range,
            messageId: "differs",
            data: { path: reference.written, keyword: reference.keyword, node: node.name, other: seen.node.name },
            related: [related(seen.file.reference.location, `${seen.node.name} references its copy here`)],
          });
        }
    }
  },
});
