// Curated facts used by scripts/schema/haproxy.mjs on top of what it extracts automatically.
// Every entry is a fact checked against the sources (or against the 2.6.12 binary with
// `haproxy -c`); no prose is copied from upstream.

/** Leading words that form multi-word keywords in proxy sections (4.2 headings absent from the matrix). */
export const PROXY_MULTIWORD = new Set([
  "option",
  "timeout",
  "stats",
  "capture",
  "tcp-request",
  "tcp-response",
  "http-check",
  "tcp-check",
  "email-alert",
  "external-check",
  "rate-limit",
  "persist",
  "stick",
  "monitor",
  "declare",
]);
/** Global keywords written as two words ("stats socket", "stats timeout", ...). */
export const GLOBAL_MULTIWORD = new Set(["stats"]);
/** Multi-word leaders in the other sections ("timeout mail", "option start-on-reload", ...). */
export const SECTION_MULTIWORD = new Set(["timeout", "option", "http-check", "tcp-check"]);

/** Proxy keywords registered in code but without documented section columns: where they apply. */
export const PROXY_PLACEMENT = {};

const ALL = ["2.6", "2.8", "3.0", "3.2", "3.4"];

/** [section, keyword, versions]: accepted keywords the doc/source extraction cannot name. */
export const EXTRA_KEYWORDS = [
  // resolvers: "timeout <event>" (events parsed in resolvers.c)
  ["resolvers", "timeout resolve", ALL],
  ["resolvers", "timeout retry", ALL],
  // accepted by 2.6.12 (`haproxy -c`), documented in the matrix only from 3.0 on (frontend side)
  ["defaults", "max-session-srv-conns", ["2.6", "2.8"]],
  ["frontend", "max-session-srv-conns", ["2.6", "2.8"]],
  ["listen", "max-session-srv-conns", ["2.6", "2.8"]],
  // accepted (silently) in defaults by 2.6.12; the 2.6 matrix only lists them from 2.8 on
  ["defaults", "http-send-name-header", ["2.6"]],
  ["defaults", "option spop-check", ["2.6"]],
  // ring "backing-file": absent from v2.6.0, backported later in 2.6.x (2.6.12 parses it)
  ["ring", "backing-file", ["2.6"]],
];

const PROXIES = new Set(["defaults", "frontend", "listen", "backend"]);

/**
 * Names that the extraction finds but the parser refuses (removed keywords that only survive to
 * print an error, doc slips). Verified with 2.6.12 where applicable.
 */
const REJECTED = {
  global: new Set([
    "global", // the section keyword itself, compared by the section parser
    "nbproc", // refused since 2.5 ("not supported any more")
    "tune.chksize", // refused by 2.6.12 ("not supported any more", tune.bufsize is used)
  ]),
  proxy: new Set([
    "clitimeout", // refused since 2.1 (use "timeout client")
    "contimeout", // refused since 2.1 (use "timeout connect")
    "srvtimeout", // refused since 2.1 (use "timeout server")
    "crt", // listed in the 3.2+ matrix but no proxy parser accepts it (a "ssl-f-use" argument)
  ]),
  resolvers: new Set([
    "resolution_pool_size", // refused by 2.6.12 ("not supported anymore")
    "timeout", // stands for "timeout resolve" / "timeout retry" (EXTRA_KEYWORDS)
  ]),
  "fcgi-app": new Set(["if", "unless"]), // pieces of wrapped headings
};

export function isRejected(section, name, _version) {
  if (PROXIES.has(section) && REJECTED.proxy.has(name)) return true;
  return REJECTED[section]?.has(name) ?? false;
}

/** Deprecations the doc does not flag with a "(deprecated)" marker. Key: "<section|proxy|bind|server|fetch|converter|action|action:<rule set>>\t<name>". */
export const DEPRECATED = {
  "proxy\tbind-process": { since: "2.6", replacement: "thread (bind option)" },
  "global\tstats bind-process": { since: "2.6", replacement: "thread (bind option)" },
  "bind\tprocess": { since: "2.6", replacement: "thread" },
};

/** What replaces a deprecated keyword (applied when the doc or DEPRECATED marks it). */
export const REPLACEMENTS = {
  "proxy\ttransparent": "option transparent",
  "proxy\toption accept-invalid-http-request": "option accept-unsafe-violations-in-http-request",
  "proxy\tno option accept-invalid-http-request": "no option accept-unsafe-violations-in-http-request",
  "proxy\toption accept-invalid-http-response": "option accept-unsafe-violations-in-http-response",
  "proxy\tno option accept-invalid-http-response": "no option accept-unsafe-violations-in-http-response",
  "global\ttune.ssl.capture-cipherlist-size": "tune.ssl.capture-buffer-size",
  "global\ttune.ssl.ocsp-update.maxdelay": "ocsp-update.maxdelay",
  "global\ttune.ssl.ocsp-update.mindelay": "ocsp-update.mindelay",
  "global\ttune.quic.frontend.max-idle-timeout": "tune.quic.fe.max-idle-timeout",
  "global\ttune.quic.frontend.max-streams-bidi": "tune.quic.fe.stream.max-concurrent",
  "global\ttune.quic.frontend.max-tx-mem": "tune.quic.mem.tx-max",
  "global\ttune.quic.frontend.stream-data-ratio": "tune.quic.fe.stream.data-ratio",
  "global\ttune.quic.frontend.default-max-window-size": "tune.quic.fe.cc.max-win-size",
  "global\ttune.quic.frontend.glitches-threshold": "tune.quic.fe.sec.glitches-threshold",
  "global\ttune.quic.cc.cubic.min-losses": "tune.quic.fe.cc.cubic-min-losses",
  "global\ttune.quic.cc-hystart": "tune.quic.fe.cc.hystart",
  "global\ttune.quic.disable-tx-pacing": "tune.quic.fe.tx.pacing",
  "global\ttune.quic.disable-udp-gso": "tune.quic.fe.tx.udp-gso",
  "global\ttune.quic.max-frame-loss": "tune.quic.fe.cc.max-frame-loss",
  "global\ttune.quic.reorder-ratio": "tune.quic.fe.cc.reorder-ratio",
  "global\ttune.quic.retry-threshold": "tune.quic.fe.sec.retry-threshold",
  "global\ttune.quic.socket-owner": "tune.quic.fe.sock-per-conn",
  "fetch\tcook": "req.cook",
  "fetch\tcook_cnt": "req.cook_cnt",
  "fetch\tcook_val": "req.cook_val",
  "fetch\tcookie": "req.cook",
  "fetch\thdr_cnt": "req.hdr_cnt",
  "fetch\thdr_ip": "req.hdr_ip",
  "fetch\thdr_val": "req.hdr_val",
  "fetch\treq_ver": "req.ver",
  "fetch\tresp_ver": "res.ver",
  "fetch\tscook": "res.cook",
  "fetch\tscook_cnt": "res.cook_cnt",
  "fetch\tscook_val": "res.cook_val",
  "fetch\tset-cookie": "res.cook",
  "fetch\tshdr": "res.hdr",
  "fetch\tshdr_cnt": "res.hdr_cnt",
  "fetch\tshdr_ip": "res.hdr_ip",
  "fetch\tshdr_val": "res.hdr_val",
  "fetch\tpayload": "req.payload",
  "fetch\tpayload_lv": "req.payload_lv",
  "fetch\treq_len": "req.len",
  "fetch\treq_proto_http": "req.proto_http",
  "fetch\trdp_cookie": "req.rdp_cookie",
  "fetch\trdp_cookie_cnt": "req.rdp_cookie_cnt",
  "fetch\treq_ssl_hello_type": "req.ssl_hello_type",
  "fetch\treq_ssl_sni": "req.ssl_sni",
  "fetch\treq_ssl_ver": "req.ssl_ver",
  "fetch\trep_ssl_hello_type": "res.ssl_hello_type",
  // actions (key "action\t<name>", or "action:<rule set>\t<name>" for one rule set)
  "action\tset-mark": "set-fc-mark",
  "action\tset-tos": "set-fc-tos",
  "action:http-request\tset-mark": "set-fc-mark or set-bc-mark",
  "action:http-request\tset-tos": "set-fc-tos or set-bc-tos",
  "action:tcp-request content\tset-mark": "set-fc-mark or set-bc-mark",
  "action:tcp-request content\tset-tos": "set-fc-tos or set-bc-tos",
};

/** Argument shapes of actions where the doc form is missing or has a typo. Key: action name. */
export const ACTION_ARGS = {
  "ot-group": "<filter-id> <group-id>", // addons/ot (built with USE_OT): filter id, then group id
  "set-fc-tos": "{ <tos> | <expr> }", // doc: "{ <tos | <expr> }"
  "set-retries": "{ <int> | <expr> }", // doc: "<int> | <epxr>"
};

/**
 * Arguments whose values are words of a fixed set, with every word the keyword's parser compares them with (read in
 * the parser named, at 2.6.12, 3.0.11 and 3.2.0); scripts/schema/haproxy-probe-shapes.mjs tries each one with the
 * binary of each version and keeps those it accepts. `name(1)` stands for a word of that prefix with parentheses; `baseline` is a valid line to start from.
 * Positions not listed here are never checked against a set (a list read from a message may be incomplete).
 */
export const CHECKED_ENUMS = {
  balance: {
    source: "src/backend.c backend_parse_balance()",
    positions: {
      0: [
        "roundrobin",
        "static-rr",
        "first",
        "leastconn",
        "random",
        "random(1)",
        "source",
        "uri",
        "url_param",
        "hash",
        "hdr(1)",
        "rdp-cookie",
        "rdp-cookie(1)",
        "log-hash",
        "sticky",
      ],
    },
  },
  mode: {
    source: "src/cfgparse-listen.c cfg_parse_listen()",
    positions: { 0: ["http", "tcp", "log", "spop", "health"] },
  },
  "http-reuse": {
    source: "src/cfgparse-listen.c cfg_parse_listen()",
    positions: { 0: ["never", "safe", "aggressive", "always"] },
  },
  "hash-type": {
    source: "src/cfgparse-listen.c cfg_parse_listen()",
    baseline: ["consistent", "sdbm"],
    positions: { 0: ["consistent", "map-based"], 1: ["sdbm", "djb2", "wt6", "crc32", "none"], 2: ["avalanche"] },
  },
  "load-server-state-from-file": {
    source: "src/cfgparse-listen.c cfg_parse_listen()",
    positions: { 0: ["global", "local", "none"] },
  },
  "option http-restrict-req-hdr-names": {
    source: "src/cfgparse-listen.c cfg_parse_listen()",
    positions: { 0: ["preserve", "reject", "delete"] },
  },
  "tune.sched.low-latency": {
    source: "src/task.c cfg_parse_tune_sched_low_latency()",
    positions: { 0: ["on", "off"] },
  },
  "tune.listener.multi-queue": {
    source: "src/listener.c cfg_parse_tune_listener_mq()",
    positions: { 0: ["on", "fair", "off"] },
  },
  "tune.ssl.keylog": { source: "src/cfgparse-ssl.c ssl_parse_global_keylog()", positions: { 0: ["on", "off"] } },
  "tune.fd.edge-triggered": { source: "src/fd.c cfg_parse_tune_fd_edge_triggered()", positions: { 0: ["on", "off"] } },
};
