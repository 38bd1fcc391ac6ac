/**
 * The statements of a keepalived document in the block keepalived reads each one in, with the ids of the keyword
 * table ("root", "vrrp_instance", "virtual_server/real_server/HTTP_GET"). This follows lib/parser.c process_stream()
 * (v2.2.7, unchanged in 2.3): a '{' that no keyword of the block opens is ignored ("Unexpected '{' - ignoring"),
 * so the lines inside are read as lines of the enclosing block and the matching '}' ends the enclosing block; the
 * lines after it are read one level up, and a '}' at the top level is an unknown keyword. Blocks keepalived reads as
 * value lists (virtual_ipaddress, track_script ...) are passed over whole.
 */
import type { KeepalivedKeywords } from "../../schema/keepalived-keywords.js";
import { ROOT_BLOCK } from "../../schema/keepalived-keywords.js";
import type { Location } from "../../syntax/source.js";
import type { KaStatement } from "../../syntax/keepalived/tree.js";

export interface PlacedStatement {
  statement: KaStatement;
  blockId: string;
  /** The statement whose block keepalived reads this one in (undefined at the top level). */
  parent?: KaStatement;
  /** The statement is in the tree's block of `written`, but keepalived reads it elsewhere (after an early '}'). */
  moved?: { written?: KaStatement; endedAt: Location };
}

export type StrayBrace =
  | { kind: "open"; at: Location; after: KaStatement }
  /** A '}' at the top level: keepalived reads it as the keyword '}'; `endedAt`: where its block ended instead. */
  | { kind: "close"; at: Location; owner: KaStatement };

type Event =
  | { kind: "statement"; statement: KaStatement; written?: KaStatement }
  | { kind: "open"; at: Location; owner: KaStatement }
  | { kind: "close"; at: Location; owner: KaStatement };

function flatten(statements: readonly KaStatement[], written?: KaStatement, out: Event[] = []): Event[] {
  for (const statement of statements) {
    out.push({ kind: "statement", statement, written });
    if (!statement.block) continue;
    out.push({ kind: "open", at: statement.block.open, owner: statement });
    flatten(statement.block.statements, statement, out);
    if (statement.block.close) out.push({ kind: "close", at: statement.block.close, owner: statement });
  }
  return out;
}

export interface KeepalivedReading {
  readonly statements: readonly PlacedStatement[];
  readonly stray: readonly StrayBrace[];
  /** `statements` less those of list blocks (computed on first use). */
  inBlocks?: readonly PlacedStatement[];
}

/**
 * One reading per document and keyword table: some twenty keepalived rules read every document this way, and the
 * tree (like the tables) is never changed once built, so the reading is computed once and shared.
 */
const readings = new WeakMap<readonly KaStatement[], WeakMap<KeepalivedKeywords, KeepalivedReading>>();

/** Reads a document's statements the way keepalived does (see the file comment). */
export function readLikeKeepalived(
  statements: readonly KaStatement[],
  keywords: KeepalivedKeywords,
): KeepalivedReading {
  let byTable = readings.get(statements);
  if (!byTable) readings.set(statements, (byTable = new WeakMap()));
  let reading = byTable.get(keywords);
  if (!reading) byTable.set(keywords, (reading = computeReading(statements, keywords)));
  return reading;
}

function computeReading(statements: readonly KaStatement[], keywords: KeepalivedKeywords): KeepalivedReading {
  const events = flatten(statements);
  const out = { statements: [] as PlacedStatement[], stray: [] as StrayBrace[] };
  let pos = 0;
  // the statement whose block keepalived is in at each depth, and where a block ended early
  let endedEarly: Location | undefined;
  const skipBlock = (owner: KaStatement): void => {
    while (pos < events.length) {
      const e = events[pos++];
      if (e.kind === "close" && e.owner === owner) return;
    }
  };
  const level = (blockId: string, depth: number, parent: KaStatement | undefined): void => {
    while (pos < events.length) {
      const e = events[pos++];
      if (e.kind === "close") {
        if (e.owner !== parent) endedEarly = e.at;
        if (depth > 0) return;
        out.stray.push({ kind: "close", at: e.at, owner: e.owner });
        continue;
      }
      if (e.kind === "open") continue;
      const statement = e.statement;
      const placed: PlacedStatement = { statement, blockId, parent };
      if (e.written !== parent && endedEarly) placed.moved = { written: e.written, endedAt: endedEarly };
      out.statements.push(placed);
      const next = events[pos];
      if (next?.kind !== "open" || next.owner !== statement) continue;
      pos++;
      const spec = keywords.keyword(blockId, statement.keyword.value);
      const subBlockId = spec?.block;
      const sub = subBlockId ? keywords.block(subBlockId) : undefined;
      if (subBlockId && sub?.kind === "keywords") level(subBlockId, depth + 1, statement);
      else if (sub?.kind === "list") skipBlock(statement);
      else out.stray.push({ kind: "open", at: next.at, after: statement });
    }
  };
  level(ROOT_BLOCK, 0, undefined);
  return out;
}

/** The statements keepalived reads in keyword blocks, each with its block id (the rules of the value table). */
export function statementsInBlocks(
  statements: readonly KaStatement[],
  keywords: KeepalivedKeywords,
): readonly PlacedStatement[] {
  const reading = readLikeKeepalived(statements, keywords);
  reading.inBlocks ??= reading.statements.filter((p) => keywords.block(p.blockId)?.kind !== "list");
  return reading.inBlocks;
}
