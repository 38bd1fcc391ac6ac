// The curated mapping of HAProxy messages to ha-lint rules or to the reason they are left out
// (scripts/messages/haproxy-curated.tsv), read by scripts/messages/haproxy.mjs and test/messages-haproxy.test.ts.
//
// Each line: file glob, function regex, message regex (on the format string), outcome, fatal override, note.
// `*` in the file column matches any file part and `|` separates alternatives, a function or message column of `*`
// matches anything; the function regex is anchored, the message regex is not. The first line that matches a message
// decides.

import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const HERE = dirname(fileURLToPath(import.meta.url));
export const CURATED_PATH = join(HERE, "haproxy-curated.tsv");

/** The reasons a message is left out, and what each one means. */
export const REASON_MEANINGS = {
  "environment: file": "a file, directory or certificate the configuration names is missing, unreadable or invalid",
  "environment: dns": "a host name does not resolve on this machine",
  "environment: user": "a user or group this machine does not have",
  "environment: build": "a feature the Debian build lacks (QUIC, WURFL, DeviceAtlas, 51Degrees, zlib, ...)",
  "environment: system": "this machine's limits, CPUs, interfaces, namespaces, sockets or inherited descriptors",
  "environment: lua": "an error of a Lua script's own code, not of haproxy.cfg",
  "not-config: runtime": "printed while HAProxy runs (CLI, checks, resolvers, reloads, traffic), never by haproxy -c",
  "not-config: startup": "printed at start-up after the point where haproxy -c stops (post-check functions)",
  "not-config: command-line": "about the command line, the master-worker mode or the process, not the file",
  "not-config: internal": "out of memory or an internal inconsistency, not a property of the file",
  "not-config: diag": "printed only in diagnostic mode (-dD), not by haproxy -c",
  wrapper: "prints a message another row makes (that row decides)",
  fragment: "builds a piece of a message, or a string that is not a message",
  uncovered: "about the configuration, but no ha-lint rule reports it yet",
};
export const REASONS = Object.keys(REASON_MEANINGS);

const FATAL_VALUES = new Set(["fatal", "not-fatal"]);

/** A file glob (`*` any characters, `|` between alternatives) as a regular expression. */
function globRegex(glob) {
  const one = (g) => g.replace(/[.+?^${}()[\]\\]/g, "\\$&").replace(/\*/g, ".*");
  return new RegExp(`^(?:${glob.split("|").map(one).join("|")})$`);
}

/** A message regex; a leading `(?i)` makes it ignore case. */
function messageRegex(text) {
  return text.startsWith("(?i)") ? new RegExp(text.slice(4), "i") : new RegExp(text);
}

/** The curated lines, in order, each with its 1-based line number in the file. */
export function readCurated(path = CURATED_PATH) {
  const out = [];
  const lines = readFileSync(path, "utf8").split("\n");
  lines.forEach((text, index) => {
    if (!text.trim() || text.startsWith("#")) return;
    const [file, fn, message, outcome, fatal, note] = text.split("\t");
    if (outcome === undefined) throw new Error(`${path}:${index + 1}: needs file, function, message and outcome`);
    if (fatal && fatal !== "-" && !FATAL_VALUES.has(fatal))
      throw new Error(`${path}:${index + 1}: fatal override must be fatal, not-fatal or -`);
    out.push({
      line: index + 1,
      file: globRegex(file),
      function: fn === "*" ? /.*/ : new RegExp(`^(?:${fn})$`),
      message: message === "*" ? /.*/ : messageRegex(message),
      outcome,
      fatal: fatal && fatal !== "-" ? fatal : undefined,
      note: note ?? "",
    });
  });
  return out;
}

export const isRuleOutcome = (outcome) => /^HP\d{3}(,HP\d{3})*$/.test(outcome);

/**
 * The first curated line that matches a message of the extract. A line naming a rule applies only to messages
 * haproxy -c can reach (`reach` config); a line giving a reason applies to any.
 */
export function outcomeOf(curated, message) {
  return curated.find(
    (c) =>
      (message.reach === "config" || !isRuleOutcome(c.outcome)) &&
      c.file.test(message.file) &&
      c.function.test(message.function) &&
      c.message.test(message.format),
  );
}
