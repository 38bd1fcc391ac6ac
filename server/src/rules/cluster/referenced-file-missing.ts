import { defineRule } from "../rule.js";

export default defineRule({
  id: "HA028",
  name: "referenced-file-missing",
  severity: "error",
  scope: "cluster",
  docs: {
    summary:
      "A file a node's configuration references (certificate, map, errorfile, Lua file, check or notify script) is " +
      "not in that node's tree.",
    description:
      "For nodes given as a tree (`DIR/<node>/etc/...`), looks up every absolute path the node's haproxy.cfg and " +
      "keepalived.conf name as a file: `crt`, `key`, `ca-file`, `crl-file`, `crt-list` (bind and server lines), " +
      "`errorfile`, `lua-load`, map and ACL pattern files (`acl ... -f FILE`, `map_*(FILE)`, " +
      "`set-map`/`del-map`/`add-acl`/`del-acl`), and the programs of vrrp_script and notify lines. A path under a " +
      "top folder the tree does not have (`/usr/bin/killall` in a tree of etc/ only) is not looked up. Only " +
      "existence and a digest are read; contents are never shown.",
    why:
      "HAProxy opens these files while it reads its configuration and refuses to start when one is missing (HAProxy " +
      '2.6.12 -c: "unable to stat SSL certificate from file", "errorfile : error opening file", "failed to open ' +
      'pattern file", "error in Lua file"), so the node whose copy is missing cannot take over with a working ' +
      'HAProxy. keepalived disables a vrrp_script whose program is missing (keepalived 2.2.7 -t: "Disabling track ' +
      'script chk since not found/accessible"), so its weight never moves the VIP, and a missing notify script is ' +
      "never run.",
    sources: [
      "HAProxy 2.6.12 src/ssl_sock.c ssl_sock_load_cert() and src/ssl_crtlist.c crtlist_parse_file() ('unable to " +
        "stat SSL certificate from file'), src/http_htx.c (errorfile: 'error opening file'), src/pattern.c ('failed " +
        "to open pattern file'), src/hlua.c (lua-load): each checked with haproxy 2.6.12 -c on a missing file",
      "keepalived 2.2.7 keepalived/vrrp/vrrp.c check_track_script_secure() ('Disabling track script %s since not " +
        "found/accessible'): checked with keepalived 2.2.7 -t",
    ],
    bad:
      "# lb02/etc/haproxy/haproxy.cfg (lb02/etc/haproxy/certs/www.pem does not exist)\nfrontend www\n" +
      "    bind 192.0.2.100:443 ssl crt /etc/haproxy/certs/www.pem\n",
    good:
      "# lb02/etc/haproxy/certs/www.pem is deployed like lb01's\nfrontend www\n" +
      "    bind 192.0.2.100:443 ssl crt /etc/haproxy/certs/www.pem\n",
    realTool:
      "haproxy -c on the node refuses the configuration (crt, errorfile, maps, ACL files, Lua); keepalived -t " +
      "prints 'Disabling track script ... since not found/accessible' for a vrrp_script.",
    reportedBy: "none",
  },
  messages: {
    haproxy: (data: { path: string; keyword: string; node: string; tree: string }) =>
      `${data.path} (${data.keyword}) is not on ${data.node}: its tree has nothing at ${data.tree}, and HAProxy ` +
      `refuses to start when it cannot open the file. Deploy it to ${data.node} like the other nodes.`,
    script: (data: { path: string; keyword: string; node: string; tree: string }) =>
      `${data.path} (${data.keyword}) is not on ${data.node}: its tree has nothing at ${data.tree}; keepalived ` +
      `disables a vrrp_script whose program is missing and never runs a missing notify script. Deploy it to ` +
      `${data.node}.`,
  },
  check(ctx) {
    for (const cluster of ctx.clusters)
      for (const node of cluster.nodes)
        for (const file of node.referencedFiles ?? []) {
          if (file.fact) continue;
          const { reference } = file;
          ctx.report({
            file: reference.location.file,
            range: reference.location.range,
            severity: reference.kind === "script" ? "warning" : "error",
            messageId: reference.kind === "script" ? "script" : "haproxy",
            data: { path: reference.written, keyword: reference.keyword, node: node.name, tree: file.path },
          });
        }
  },
});
