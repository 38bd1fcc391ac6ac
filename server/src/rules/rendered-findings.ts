/**
 * The last phase of an analysis with rendered inputs (syntax/rendered-origin.ts): findings on a rendered text move
 * to the file it was rendered from, naming the node; the same finding of several nodes at one place becomes one.
 */
import type { RenderedOrigin } from "../syntax/rendered-origin.js";
import type { Range } from "../syntax/source.js";
import type { Finding, Fix, RelatedLocation } from "./finding.js";

const FILE_START: Range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

function moveFixes(fixes: readonly Fix[], origins: ReadonlyMap<string, RenderedOrigin>): Fix[] {
  const out: Fix[] = [];
  for (const fix of fixes) {
    const edits = fix.edits.map((edit) => {
      const origin = origins.get(edit.file);
      if (!origin) return edit;
      const range = origin.mapEdit(edit.range);
      return range ? { ...edit, file: origin.file, range } : undefined;
    });
    if (edits.every((e) => e !== undefined)) out.push({ ...fix, edits });
  }
  return out;
}

function moveRelated(
  entries: readonly RelatedLocation[],
  origins: ReadonlyMap<string, RenderedOrigin>,
): RelatedLocation[] {
  return entries.map((entry) => {
    const origin = origins.get(entry.file);
    if (!origin) return entry;
    const node = origin.node ? ` (rendered for ${origin.node})` : "";
    return { file: origin.file, range: origin.map(entry.range) ?? FILE_START, message: `${entry.message}${node}` };
  });
}

function nodeList(nodes: readonly string[]): string {
  return nodes.length === 1 ? nodes[0] : `${nodes.slice(0, -1).join(", ")} and ${nodes[nodes.length - 1]}`;
}

/** Findings with every place on a rendered text moved to its source; a no-op without origins. */
export function moveRenderedFindings(
  findings: readonly Finding[],
  origins: ReadonlyMap<string, RenderedOrigin>,
): Finding[] {
  if (origins.size === 0) return [...findings];
  const merged = new Map<string, { finding: Finding; nodes: string[] }>();
  const out: Finding[] = [];
  for (const finding of findings) {
    const origin = origins.get(finding.file);
    const moved: Finding = { ...finding };
    if (finding.related) moved.related = moveRelated(finding.related, origins);
    if (finding.fixes) {
      const fixes = moveFixes(finding.fixes, origins);
      if (fixes.length > 0) moved.fixes = fixes;
      else delete moved.fixes;
    }
    if (!origin) {
      out.push(moved);
      continue;
    }
    moved.file = origin.file;
    moved.range = origin.map(finding.range) ?? FILE_START;
    const at = moved.range.start;
    const key = `${moved.rule}\u0000${moved.file}\u0000${at.line}:${at.character}\u0000${finding.message}`;
    const seen = merged.get(key);
    if (seen) {
      if (origin.node && !seen.nodes.includes(origin.node)) seen.nodes.push(origin.node);
      continue;
    }
    const entry = { finding: moved, nodes: origin.node ? [origin.node] : [] };
    merged.set(key, entry);
    out.push(moved);
  }
  for (const { finding, nodes } of merged.values())
    if (nodes.length > 0) {
      finding.renderedFor = nodes;
      finding.message = `${finding.message} (rendered for ${nodeList(nodes)})`;
    }
  return out;
}
