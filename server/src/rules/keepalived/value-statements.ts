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

/** Each statement, in the block keepalived reads it in, whose handler the target version's value table knows. */
export function* valueStatements(
  ctx: Pick<RuleContext, "settings" | "keepalived" | "keepalivedKeywords">,
): Generator<ValueStatement> {
  const target = ctx.settings.keepalivedVersion;
  if (!valueRelease(target)) return;
  for (const doc of ctx.keepalived) {
    for (const { statement, blockId } of statementsInBlocks(doc.statements, ctx.keepalivedKeywords)) {
      const keyword = statement.keyword.value;
      const spec = valueSpec(target, blockId, keyword);
      if (spec) yield { statement, blockId, keyword, spec };
    }
  }
}
