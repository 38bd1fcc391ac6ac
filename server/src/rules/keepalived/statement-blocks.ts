/**
 * The statements of a keepalived document with the id of the keyword block each one is in (the ids of the keyword
 * table: "root", "vrrp_instance", "virtual_server/real_server/HTTP_GET"), for the rules that read the value table.
 * Statements of blocks keepalived reads as value lists (virtual_ipaddress, track_script ...) and of unknown blocks
 * are not visited.
 */
import type { KeepalivedKeywords } from "../../schema/keepalived-keywords.js";
import { ROOT_BLOCK } from "../../schema/keepalived-keywords.js";
import type { KaStatement } from "../../syntax/keepalived/tree.js";

export interface PlacedStatement {
  statement: KaStatement;
  blockId: string;
  /** The statement whose block holds this one (undefined at the top level). */
  parent?: KaStatement;
}

export function* statementsInBlocks(
  statements: readonly KaStatement[],
  keywords: KeepalivedKeywords,
  blockId: string = ROOT_BLOCK,
  parent?: KaStatement,
): Generator<PlacedStatement> {
  const block = keywords.block(blockId);
  if (!block || block.kind === "list") return;
  for (const statement of statements) {
    yield { statement, blockId, parent };
    const spec = keywords.keyword(blockId, statement.keyword.value);
    if (statement.block && spec?.block)
      yield* statementsInBlocks(statement.block.statements, keywords, spec.block, statement);
  }
}
