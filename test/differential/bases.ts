/**
 * The configurations variants are made from: a load-balancer pair's files written for this harness (one rich
 * keepalived.conf and haproxy.cfg using most blocks and sections), every keepalived.conf and haproxy.cfg of
 * fixtures/, and, where ../shared/corpus is present, the corpus files the real tools accepted without VTest macros.
 * Identical texts are kept once; the order is fixed (by name), so a seed always picks the same base.
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import type { Tool } from "../support/real-tool-messages.js";
import { corpusAvailable, corpusDir, readVerdicts, repoRoot } from "../support/corpus-parity.js";

export interface BaseConfig {
  /** Where it comes from: "pair/keepalived.conf", "fixtures/seed-postgres/lb01/haproxy.cfg", "corpus/…". */
  name: string;
  tool: Tool;
  text: string;
}

const PAIR_KEEPALIVED = `! lb01 of the api pair: VIP 192.0.2.100 (api) and 2001:db8::100 (api v6)
global_defs {
    router_id lb01
    enable_script_security
    script_user root
    vrrp_garp_master_delay 2
    vrrp_skip_check_adv_addr
    max_auto_priority
    notification_email {
        ops@example.com
    }
    notification_email_from lb01@example.com
    smtp_server 192.0.2.25
    smtp_connect_timeout 30
}

vrrp_script chk_haproxy {
    script "/bin/true"
    interval 2
    timeout 1
    fall 2
    rise 2
    weight -30
}

vrrp_track_process track_haproxy {
    process haproxy
    weight -20
    quorum 1
    delay 2
}

vrrp_sync_group SG_API {
    group {
        VI_API
        VI_API6
    }
}

vrrp_instance VI_API {
    state MASTER
    interface eth0
    virtual_router_id 51
    priority 120
    advert_int 1
    garp_master_delay 1
    garp_master_repeat 3
    nopreempt
    authentication {
        auth_type PASS
        auth_pass Xk7pQ2vd
    }
    unicast_src_ip 192.0.2.11
    unicast_peer {
        192.0.2.12
    }
    virtual_ipaddress {
        192.0.2.100/24 dev eth0 label eth0:api
        192.0.2.101/24
    }
    virtual_ipaddress_excluded {
        198.51.100.100/24 dev eth1
    }
    virtual_routes {
        198.51.100.0/24 via 192.0.2.1 dev eth0
    }
    track_interface {
        eth1 weight -10
    }
    track_script {
        chk_haproxy
    }
    track_process {
        track_haproxy
    }
    notify_master "/bin/true master"
    notify_backup "/bin/true backup"
    notify_fault "/bin/true fault"
}

vrrp_instance VI_API6 {
    state BACKUP
    interface eth1
    virtual_router_id 52
    priority 100
    advert_int 1
    virtual_ipaddress {
        2001:db8::100/64
    }
}

virtual_server 192.0.2.100 443 {
    delay_loop 6
    lb_algo rr
    lb_kind NAT
    persistence_timeout 50
    protocol TCP
    real_server 198.51.100.21 443 {
        weight 1
        TCP_CHECK {
            connect_timeout 3
            connect_port 443
        }
    }
    real_server 198.51.100.22 443 {
        weight 1
        HTTP_GET {
            url {
                path /health
                status_code 200
            }
            connect_timeout 3
        }
    }
}
`;

const PAIR_HAPROXY = `# lb01 of the api pair: HAProxy behind the VIPs 192.0.2.100 and 2001:db8::100
global
    log /dev/log local0
    log /dev/log local1 notice
    chroot /var/lib/haproxy
    stats timeout 30s
    user haproxy
    group haproxy
    daemon
    maxconn 20000
    nbthread 2
    tune.ssl.default-dh-param 2048
    ssl-default-bind-options no-sslv3 no-tlsv10
    ssl-default-bind-ciphers ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256

defaults
    mode http
    log global
    option httplog
    option dontlognull
    option redispatch
    retries 3
    timeout http-request 10s
    timeout queue 1m
    timeout connect 5s
    timeout client 30s
    timeout server 30s
    timeout http-keep-alive 10s
    timeout check 5s
    maxconn 3000
    default-server inter 3s fall 3 rise 2

defaults tcp_defaults
    mode tcp
    timeout connect 5s
    timeout client 1m
    timeout server 1m

userlist ops_users
    group admins users alice
    user alice password $5$rounds=5000$abcdefgh$ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789abcdef

peers lb_peers
    peer lb01 192.0.2.11:10000
    peer lb02 192.0.2.12:10000

resolvers dns
    nameserver dns1 192.0.2.53:53
    resolve_retries 3
    timeout resolve 1s
    timeout retry 1s
    hold valid 10s

frontend api_http
    bind 192.0.2.100:80
    bind [2001:db8::100]:80
    option forwardfor
    acl is_admin path_beg /admin
    acl internal src 10.0.0.0/8 192.168.0.0/16
    http-request deny if is_admin !internal
    http-request set-header X-Forwarded-Proto http
    use_backend api_admin if is_admin
    default_backend api_servers

backend api_servers
    balance roundrobin
    option httpchk GET /health
    http-check expect status 200
    cookie SRV insert indirect nocache
    stick-table type ip size 100k expire 30m peers lb_peers
    stick on src
    server api01 198.51.100.21:8080 check cookie api01
    server api02 198.51.100.22:8080 check cookie api02
    server api03 198.51.100.23:8080 check backup

backend api_admin
    balance leastconn
    http-request auth realm ops if !{ http_auth(ops_users) }
    server admin01 198.51.100.31:8080 check

listen postgres from tcp_defaults
    bind 192.0.2.100:5432
    mode tcp
    option tcp-check
    tcp-check connect
    server pg01 198.51.100.41:5432 check
    server pg02 198.51.100.42:5432 check backup

listen stats
    bind 127.0.0.1:8404
    stats enable
    stats uri /stats
    stats refresh 10s
`;

function filesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir).sort()) {
    const full = join(dir, entry);
    if (statSync(full).isDirectory()) out.push(...filesUnder(full));
    else out.push(full);
  }
  return out;
}

function fixtureBases(): BaseConfig[] {
  const dir = join(repoRoot, "fixtures");
  return filesUnder(dir).flatMap((file): BaseConfig[] => {
    const name = file.split("/").pop()!;
    const tool: Tool | undefined = name.endsWith(".cfg")
      ? "haproxy"
      : /^keepalived.*\.conf$/.test(name)
        ? "keepalived"
        : undefined;
    return tool ? [{ name: relative(repoRoot, file), tool, text: readFileSync(file, "utf8") }] : [];
  });
}

/** Corpus files the real tools accepted (class ok) whose text needs no VTest macro. */
function corpusBases(): BaseConfig[] {
  if (!corpusAvailable()) return [];
  const verdictLines = readFileSync(join(corpusDir, "VERDICTS.tsv"), "utf8").split("\n").slice(1);
  const withMacros = new Set(verdictLines.filter((l) => l.split("\t")[12]).map((l) => l.split("\t")[0]));
  return readVerdicts()
    .filter((v) => v.cls === "ok" && !withMacros.has(v.file) && existsSync(join(corpusDir, v.file)))
    .map((v) => ({ name: `corpus/${v.file}`, tool: v.tool, text: readFileSync(join(corpusDir, v.file), "latin1") }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

export interface BaseOptions {
  /** Take the shared corpus too (when present). */
  corpus?: boolean;
}

/** Every base of the tool, each text once. */
export function baseConfigs(tool: Tool, options: BaseOptions = {}): BaseConfig[] {
  const pair: BaseConfig[] = [
    { name: "pair/keepalived.conf", tool: "keepalived", text: PAIR_KEEPALIVED },
    { name: "pair/haproxy.cfg", tool: "haproxy", text: PAIR_HAPROXY },
  ];
  const all = [...pair, ...fixtureBases(), ...(options.corpus ? corpusBases() : [])].filter((b) => b.tool === tool);
  const seen = new Set<string>();
  return all.filter((b) => !seen.has(b.text) && seen.add(b.text) !== undefined);
}
