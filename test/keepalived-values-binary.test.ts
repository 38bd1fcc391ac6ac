/**
 * The generated value table (server/src/schema/keepalived-values.json) against keepalived -t 2.2.7 itself: for
 * keywords of the blocks a pair uses, a line without the keyword's words, a number out of its range, a word that is
 * not a number; keepalived prints something on that line exactly when KA045/KA046 (or the rule KA045 leaves the
 * keyword to) report it, and exits (code 2) exactly when one of them reports an error. A fixed sample in the normal run; every keyword with HA_LINT_LONG=1.
 */
import { describe, expect, test } from "vitest";
import table from "../server/src/schema/keepalived-values.json" with { type: "json" };
import { analyze } from "../server/src/analyze.js";
import { allRules } from "../server/src/rules/index.js";
import { checkConfig, toolsetFor } from "./support/real-binaries.js";
import { readKeepalivedOutput } from "./support/real-tool-messages.js";

interface Entry {
  in: string[];
  requires?: number;
  reads?: { kind: string; index?: number; min?: number | string; max?: number | string; atLeast?: number }[];
}

const toolset = toolsetFor("keepalived", "2.2");
/** The table's rules, and the rules KA045 leaves some keywords to (priority, virtual_router_id, state, weight). */
const rules = allRules.filter((r) => ["KA045", "KA046", "KA022", "KA023", "KA007", "KA025"].includes(r.id));
const LINE = 5;

/** A configuration with `line` as line 5, inside the block it belongs to. */
function wrap(block: string, line: string): string | undefined {
  const vip = "  virtual_ipaddress {\n    192.0.2.10/24\n  }\n";
  if (block === "global_defs") return `#\n#\n#\nglobal_defs {\n  ${line}\n}\n`;
  if (block === "vrrp_instance")
    return `vrrp_instance VI_1 {\n  interface eth0\n  virtual_router_id 51\n  priority 100\n  ${line}\n${vip}}\n`;
  if (block === "vrrp_sync_group")
    return `#
#
#
vrrp_sync_group G {
  ${line}
  group {
    VI_1
  }
}
vrrp_instance VI_1 {
  interface eth0
  virtual_router_id 51
${vip}}
`;
  if (block === "virtual_server") return `#\n#\n#\nvirtual_server 192.0.2.20 80 {\n  ${line}\n}\n`;
  return undefined;
}

interface Variant {
  name: string;
  text: string;
}

function variants(block: string, keyword: string, entry: Entry): Variant[] {
  const out: Variant[] = [];
  const make = (_name: string, rest: string): void => {
    const text = wrap(block, `${keyword}${rest}`);
    if (text && text.split("\n")[LINE - 1].trim().startsWith(keyword))
      out.push({ name: `${block} ${keyword}${rest}`, text });
  };
  if (entry.requires) make("alone", "");
  const read = entry.reads?.find(
    (r) => r.index === 1 && r.kind !== "enum" && r.kind !== "bool" && r.atLeast === undefined,
  );
  if (read) {
    make("not a number", " abc");
    const max = typeof read.max === "number" && read.max < 1e12 ? read.max : undefined;
    if (max !== undefined && (read.kind === "unsigned" || read.kind === "int")) make("above the range", ` ${max + 1}`);
  }
  return out;
}

function allVariants(): Variant[] {
  const out: Variant[] = [];
  const blocks = (table as unknown as { blocks: Record<string, Record<string, Entry[]>> }).blocks;
  for (const block of ["global_defs", "vrrp_instance", "vrrp_sync_group", "virtual_server"])
    for (const [keyword, entries] of Object.entries(blocks[block] ?? {})) {
      const entry = entries.find((e) => e.in.includes("2.2.7"));
      if (entry) out.push(...variants(block, keyword, entry));
    }
  return out;
}

const every = allVariants();
const chosen = process.env.HA_LINT_LONG ? every : every.filter((_, i) => i % Math.ceil(every.length / 24) === 0);

describe.runIf(toolset !== undefined)("the value table agrees with keepalived -t 2.2.7", () => {
  test("the sample is not empty", () => {
    expect(every.length).toBeGreaterThan(150);
    expect(chosen.length).toBeGreaterThan(15);
  });
  for (const variant of chosen) {
    test(variant.name, () => {
      const run = checkConfig(toolset!, "keepalived", "keepalived.conf", { "keepalived.conf": variant.text });
      const verdict = readKeepalivedOutput(run.output, run.status, variant.text);
      // every message on the line counts: the generated lines name nothing of the machine but eth0
      const said = verdict.messages.filter((m) => m.line === LINE).map((m) => m.text);
      const result = analyze({
        files: [{ path: "/case/keepalived.conf", text: variant.text, language: "keepalived" }],
        settings: { haproxyVersion: "2.6", keepalivedVersion: "2.2" },
        rules,
      });
      const ours = result.findings.filter((f) => f.range.start.line + 1 === LINE);
      const detail = `keepalived (exit ${run.status}): ${JSON.stringify(said)}; ha-lint: ${JSON.stringify(ours.map((f) => f.message))}`;
      expect(ours.length > 0, detail).toBe(said.length > 0);
      // keepalived exits at the line (2) only where ha-lint has an error; an error where -t goes on (exit 5) is one
      // whose rule says why (severityNote: the VRRP process stops later, in vrrp_complete_init())
      if (run.status === 2)
        expect(
          ours.some((f) => f.severity === "error"),
          detail,
        ).toBe(true);
      for (const f of ours.filter((x) => x.severity === "error" && run.status !== 2))
        expect(allRules.find((r) => r.id === f.rule)?.docs.severityNote, detail).toBeDefined();
    });
  }
});
