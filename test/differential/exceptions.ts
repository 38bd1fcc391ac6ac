/**
 * Documented differences (test/differential/exceptions.tsv): disagreements that are not ha-lint bugs, because the
 * binary reports something about this machine, or because the binary itself is wrong or undefined there. Each row:
 * tool, a regular expression over the binary's full version ("*" for all), a regular expression over the class,
 * and the reason, which starts with "environment:" or "binary:" and says how that is known.
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
      const [tool, version, cls, reason] = text.split("\t");
      if (tool !== "haproxy" && tool !== "keepalived") throw new Error(`${file}:${index + 1}: tool ${tool}`);
      return [
        {
          tool,
          version: new RegExp(version === "*" ? "" : version),
          cls: new RegExp(cls),
          reason: reason ?? "",
          line: index + 1,
        },
      ];
    });
}

/** The exception that covers a class seen on a version, if any. */
export function exceptionFor(
  exceptions: readonly DifferentialException[],
  tool: Tool,
  version: string,
  cls: string,
): DifferentialException | undefined {
  return exceptions.find((e) => e.tool === tool && e.version.test(version) && e.cls.test(cls));
}
