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
