/** The keepalived statements the value table describes: what invalid-value and missing-argument both read. */
import { valueRelease, valueSpec, type ValueSpec } from "../../schema/keepalived-values.js";
import type { KaStatement } from "../../syntax/keepalived/tree.js";
import type { RuleContext } from "../rule.js";
import { statementsInBlocks } from "./statement-blocks.js";

export interface ValueStatement {
  statement: KaStatement;
  blockId: string;
  keyword: string;
  /** How the handler keepalived installs for the keyword in this block reads the line (target version). */
  spec: ValueSpec;
}

/**
 * The value statements of a document for a target version, computed once: three rules read them (the tree and
 * the tables never change once built).
 */
const perDocument = new WeakMap<readonly KaStatement[], Map<string, readonly ValueStatement[]>>();

function documentValueStatements(
  statements: readonly KaStatement[],
  target: string,
  keywords: RuleContext["keepalivedKeywords"],
): readonly ValueStatement[] {
  let byTarget = perDocument.get(statements);
  if (!byTarget) perDocument.set(statements, (byTarget = new Map()));
  const key = `${target}\u0000${keywords.version}`;
  let out = byTarget.get(key);
  if (!out) {
    const found: ValueStatement[] = [];
    for (const { statement, blockId } of statementsInBlocks(statements, keywords)) {
      const keyword = statement.keyword.value;
      const spec = valueSpec(target, blockId, keyword);
      if (spec) found.push({ statement, blockId, keyword, spec });
    }
    byTarget.set(key, (out = found));
  }
  return out;
}

/** Each statement, in the block keepalived reads it in, whose handler the target version's value table knows. */
export function* valueStatements(
  ctx: Pick<RuleContext, "settings" | "keepalived" | "keepalivedKeywords">,
): Generator<ValueStatement> {
  const target = ctx.settings.keepalivedVersion;
  if (!valueRelease(target)) return;
  for (const doc of ctx.keepalived) yield* documentValueStatements(doc.statements, target, ctx.keepalivedKeywords);
}
