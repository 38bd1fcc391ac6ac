/**
 * The workspace the VS Code language-feature tests open: the seed nginx pair with, on both nodes, a TLS frontend
 * naming a certificate and an errorfile, an untaken `.if` branch, a backend with an enumerated value HAProxy refuses
 * (`balance sourcexyzzy`) and a keyword keepalived reports as deprecated (`vmac_garp_intvl`). Both nodes get the same
 * lines, so nothing drifts. `lines` gives the 1-based line of each addition for the tests to go to.
 */
import { cpSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fixture } from "../lsp/harness.js";

const HAPROXY_ADDITION = [
  "",
  "frontend web_tls",
  "    bind 192.168.10.100:443 ssl crt /etc/haproxy/site.pem",
  "    errorfile 503 /etc/haproxy/errors/503.http",
  "    default_backend web_legacy",
  ".if version_atleast(99.0)",
  "    option httplog",
  ".endif",
  "",
  "backend web_legacy",
  "    balance sourcexyzzy",
  "    server web03 192.168.10.23:80 check",
];

export interface FeatureLines {
  /** haproxy.cfg */
  comment: number;
  defaultBackend: number;
  backendHeader: number;
  balanceKeyword: number;
  serverAddress: number;
  statsAuth: number;
  crt: number;
  errorfile: number;
  inactive: number;
  balanceValue: number;
  lastServer: number;
  /** keepalived.conf */
  script: number;
  deprecated: number;
}

function lineOf(text: string, needle: string, from = 0): number {
  const index = text.split("\n").findIndex((line, i) => i >= from && line.trimStart().startsWith(needle));
  if (index < 0) throw new Error(`'${needle}' not in the features workspace`);
  return index + 1;
}

/** Copies seed-nginx to `dir` and adds the lines above; returns where they are. */
export function featuresWorkspace(dir: string): FeatureLines {
  cpSync(fixture("seed-nginx"), dir, { recursive: true });
  let haproxy = "";
  let keepalived = "";
  for (const node of ["lb01", "lb02"]) {
    const haproxyFile = join(dir, node, "haproxy.cfg");
    haproxy = `${readFileSync(haproxyFile, "utf8").replace(/\n*$/, "\n")}${HAPROXY_ADDITION.join("\n")}\n`;
    writeFileSync(haproxyFile, haproxy);
    // Beside the configuration: where the server looks for an absolute path of a tree without /etc.
    writeFileSync(join(dir, node, "site.pem"), "not a real certificate\n");
    writeFileSync(join(dir, node, "503.http"), "HTTP/1.0 503 Service Unavailable\r\nContent-Length: 0\r\n\r\n");
    const keepalivedFile = join(dir, node, "keepalived.conf");
    keepalived = readFileSync(keepalivedFile, "utf8").replace(
      /^( *)advert_int 1\n/m,
      (whole, indent: string) => `${whole}${indent}vmac_garp_intvl 10\n`,
    );
    writeFileSync(keepalivedFile, keepalived);
  }
  const tls = lineOf(haproxy, "frontend web_tls");
  return {
    comment: lineOf(haproxy, "# "),
    defaultBackend: lineOf(haproxy, "default_backend web_backend"),
    backendHeader: lineOf(haproxy, "backend web_backend"),
    balanceKeyword: lineOf(haproxy, "balance roundrobin"),
    serverAddress: lineOf(haproxy, "server web01 192.168.10.21:80"),
    statsAuth: lineOf(haproxy, "stats auth admin:"),
    crt: lineOf(haproxy, "bind 192.168.10.100:443 ssl crt", tls),
    errorfile: lineOf(haproxy, "errorfile 503", tls),
    inactive: lineOf(haproxy, "option httplog", tls),
    balanceValue: lineOf(haproxy, "balance sourcexyzzy"),
    lastServer: lineOf(haproxy, "server web03"),
    script: lineOf(keepalived, "script "),
    deprecated: lineOf(keepalived, "vmac_garp_intvl"),
  };
}
