/**
 * Named base configurations the HAProxy case tables compose with, so that a case writes only the lines it is about.
 * Only case tables import this file (never a rule), so it is not bundled.
 */

/** HTTP defaults with the three timeouts and a frontend `www` on :80 sending to backend `web` (which the case writes). */
export const HTTP_FRONTEND_TO_WEB = `defaults
    mode http
    timeout connect 5s
    timeout client 30s
    timeout server 30s

frontend www
    bind :80
    default_backend web

`;

/** HTTP `defaults` with connect 5s, client and server 30s (5 lines). */
export const HTTP_DEFAULTS = `defaults
    mode http
    timeout connect 5s
    timeout client 30s
    timeout server 30s
`;

/** HTTP `defaults` with all three timeouts at 5s (5 lines). */
export const HTTP_DEFAULTS_5S = `defaults
    mode http
    timeout connect 5s
    timeout client 5s
    timeout server 5s
`;

/** The three timeouts: connect 5s, client and server 30s (3 lines). */
export const TIMEOUTS_30S = `    timeout connect 5s
    timeout client 30s
    timeout server 30s
`;

/** Backend `web` with one checked server w1 at 192.0.2.11:80 (2 lines). */
export const BACKEND_WEB = `backend web
    server w1 192.0.2.11:80 check
`;

/** Frontend `www` on :80 sending to backend `web` (3 lines). */
export const FRONTEND_WWW = `frontend www
    bind :80
    default_backend web
`;

/** Frontend `fe_web` on 127.0.0.1:18080 sending to backend `be_web` (3 lines). */
export const FE_WEB = `frontend fe_web
    bind 127.0.0.1:18080
    default_backend be_web
`;

/** `global` logging raw to stdout (2 lines). */
export const GLOBAL_LOG_STDOUT = `global
    log stdout format raw local0
`;

/** HTTP `defaults` logging through `global`, client and server timeouts 30s, connect 5s (6 lines). */
export const LOGGED_HTTP_DEFAULTS = `defaults
    mode http
    log global
    timeout client 30s
    timeout connect 5s
    timeout server 30s
`;

/** The opening of HTTP `defaults` logging through `global` with `option httplog` (4 lines). */
export const LOGGED_HTTP_LOG = `defaults
    mode http
    log global
    option httplog
`;

/** Backend `be_web` with one server s1 at 127.0.0.1:8080 (2 lines). */
export const BE_WEB = `backend be_web
    server s1 127.0.0.1:8080
`;

/** The opening of a `listen stats` page on *:8404 with a long random password (4 lines). */
export const STATS_LISTEN = `listen stats
    bind *:8404
    stats enable
    stats auth ops:Vb9-long-random-secret
`;

/** HTTP `defaults` with client 30s, connect 5s, server 30s, in that order (5 lines). */
export const HTTP_DEFAULTS_CLIENT_FIRST = `defaults
    mode http
    timeout client 30s
    timeout connect 5s
    timeout server 30s
`;

/** Backend `be_web` with one checked server s1 at 127.0.0.1:8080 (2 lines). */
export const BE_WEB_CHECKED = `backend be_web
    server s1 127.0.0.1:8080 check
`;
