/**
 * Documented differences (test/differential/exceptions.tsv): disagreements that are not ha-lint bugs, because the
 * binary reports something about this machine, or because the binary itself is wrong or undefined there. Each row:
 * tool, a regular expression over the binary's full version ("*" for all), a regular expression over the class,
 * the reason, which starts with "environment:" or "binary:" and says how that is known, and optionally a regular
 * expression the variant's text must match (for a class as broad as "timeout").
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

export const REASON = /^(environment|binary): .{20,}/;

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
