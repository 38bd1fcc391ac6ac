/**
 * Files a configuration names by absolute path, made to exist where the binary runs (an overlay in its namespace,
 * test/support/real-binaries.ts): HAProxy certificates (`crt`, `ca-file`, with `crt-base`/`ca-base`) and error pages
 * (`errorfile`), keepalived check and notify scripts. Real load balancers have them; without them the binary stops at
 * "unable to stat SSL certificate" or drops the scripts, and what it would say about the rest of the file is lost.
 * ha-lint reads none of these files, so the comparison is not changed by their content.
 */
import { spawnSync } from "node:child_process";
import { posix } from "node:path";
import type { Tool } from "../support/real-tool-messages.js";

export type ReferencedFiles = Record<string, { text: string; mode?: number }>;

let certificate: string | undefined;

/** A throwaway self-signed certificate with its key, made once per process with openssl (empty without it). */
function testCertificate(): string {
  if (certificate === undefined) {
    const made = spawnSync(
      "openssl",
      [
        "req",
        "-x509",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-keyout",
        "-",
        "-out",
        "-",
        "-subj",
        "/CN=ha-lint",
        "-days",
        "3650",
      ],
      { encoding: "utf8" },
    );
    certificate = made.status === 0 ? made.stdout : "";
  }
  return certificate;
}

const SCRIPT_KEYWORDS =
  /^(script|notify|notify_master|notify_backup|notify_fault|notify_stop|notify_deleted|misc_path|quorum_up|quorum_down|notify_up|notify_down|notify_fifo_script|lvs_notify_fifo_script|vrrp_notify_fifo_script)$/;

function keepalivedFiles(text: string): ReferencedFiles {
  const files: ReferencedFiles = {};
  for (const line of text.split(/\r?\n|\r/)) {
    const found = /^\s*(\S+)\s+["']?(\/[^\s"']+)/.exec(line);
    if (found && SCRIPT_KEYWORDS.test(found[1])) files[found[2]] = { text: "#!/bin/sh\nexit 0\n", mode: 0o755 };
  }
  return files;
}

function haproxyFiles(text: string): ReferencedFiles {
  const files: ReferencedFiles = {};
  const lines = text.split(/\r?\n|\r/).map((l) =>
    l
      .replace(/(^|\s)#.*$/, "")
      .trim()
      .split(/\s+/),
  );
  const base = (keyword: string): string | undefined => lines.find((w) => w[0] === keyword)?.[1];
  const crtBase = base("crt-base");
  const caBase = base("ca-base");
  const pem = testCertificate();
  for (const words of lines) {
    words.forEach((word, at) => {
      const value = words[at + 1];
      if (!value) return;
      if ((word === "crt" || word === "ca-file") && pem) {
        const folder = word === "crt" ? crtBase : caBase;
        const path = value.startsWith("/") ? value : folder?.startsWith("/") ? posix.join(folder, value) : undefined;
        if (path) files[path] = { text: pem };
      }
    });
    if (words[0] === "errorfile" && /^\d{3}$/.test(words[1] ?? "") && words[2]?.startsWith("/"))
      files[words[2]] = {
        text: `HTTP/1.0 ${words[1]} Error\r\nCache-Control: no-cache\r\nConnection: close\r\nContent-Type: text/html\r\n\r\n<html></html>\n`,
      };
  }
  return files;
}

export function referencedFiles(tool: Tool, text: string): ReferencedFiles {
  return tool === "haproxy" ? haproxyFiles(text) : keepalivedFiles(text);
}
