/**
 * Documented differences (test/differential/exceptions.tsv). Each row: tool, a regular expression over the binary's
 * full version ("*" for all), a regular expression over the class, the reason, and optionally a regular expression
 * the variant's text must match (for a class as broad as "timeout"). A reason is one of:
 * - "environment: …" — the binary reports something about this machine; says how that is known;
 * - "binary: …" — the binary itself is wrong or undefined there; says how that is known;
 * - "ha-lint bug, cause C, owner O: … not fixed yet: …" — an open ha-lint bug the differential run found: C is the
 *   cause class (CAUSES), O the helper who owns the rule or reader at fault (OWNERS), then what is wrong and why it
 *   is not fixed yet. Such a row keeps CI green while the owner fixes it; it is the to-do list, not an excuse.
 */
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Tool } from "../support/real-tool-messages.js";

export interface DifferentialException {
  tool: Tool;
  version: RegExp;
  cls: RegExp;
  reason: string;
  text?: RegExp;
  /** 1-based line in the file. */
  line: number;
}

export const exceptionsFile = join(dirname(fileURLToPath(import.meta.url)), "exceptions.tsv");

/** Why ha-lint disagrees, for the open-bug rows. */
export const CAUSES = [
  "reader", // the file is read otherwise than the binary reads it (braces, quotes, comments, variables, line ends)
  "address", // an address form read otherwise than the binary's address parser reads it
  "recall", // the binary prints a message on a line and no rule reports it there
  "severity", // the right line, the wrong weight: an error where the binary runs, a warning where it refuses
  "claim", // a rule that says the binary reports it fires where the binary says nothing
] as const;

/**
 * The helpers who own the rules and readers (the sessions of 2026-12-02; ka-diff: the keepalived differential run;
 * hp-diff: the HAProxy differential run of session 5).
 */
export const OWNERS = ["ka-reader", "ka-messages", "hp-messages", "hp-claims", "ka-diff", "hp-diff"] as const;

const BUG = new RegExp(
  `^ha-lint bug, cause (${CAUSES.join("|")}), owner (${OWNERS.join("|")}): .{20,}not fixed yet: .{10,}`,
);

export const REASON = new RegExp(`^(environment|binary): .{20,}|${BUG.source}`);

/** The cause and owner of an open-bug row, or undefined for an environment or binary row. */
export function openBug(reason: string): { cause: string; owner: string } | undefined {
  const found = BUG.exec(reason);
  return found ? { cause: found[1], owner: found[2] } : undefined;
}

export function readExceptions(file = exceptionsFile): DifferentialException[] {
  return readFileSync(file, "utf8")
    .split("\n")
    .flatMap((text, index): DifferentialException[] => {
      if (!text.trim() || text.startsWith("#")) return [];
      const [tool, version, cls, reason, variantText] = text.split("\t");
      if (tool !== "haproxy" && tool !== "keepalived") throw new Error(`${file}:${index + 1}: tool ${tool}`);
      return [
        {
          tool,
          version: new RegExp(version === "*" ? "" : version),
          cls: new RegExp(cls),
          reason: reason ?? "",
          text: variantText ? new RegExp(variantText, "m") : undefined,
          line: index + 1,
        },
      ];
    });
}

/** The exception that covers a class seen on a version (in a variant of this text), if any. */
export function exceptionFor(
  exceptions: readonly DifferentialException[],
  tool: Tool,
  version: string,
  cls: string,
  text: string,
): DifferentialException | undefined {
  return exceptions.find(
    (e) => e.tool === tool && e.version.test(version) && e.cls.test(cls) && (!e.text || e.text.test(text)),
  );
}

/** The exception covering every instance of a class (each on its version and text), if one does. */
export function classException(
  exceptions: readonly DifferentialException[],
  entry: {
    tool: Tool;
    cls: string;
    instances: readonly { outcome: { target: { version: string }; variant: { text: string } } }[];
  },
): DifferentialException | undefined {
  const found = entry.instances.map((i) =>
    exceptionFor(exceptions, entry.tool, i.outcome.target.version, entry.cls, i.outcome.variant.text),
  );
  return found.every((e) => e !== undefined) ? found[0] : undefined;
}
