/** The lab's terminal tables: columns padded to their widest cell, two spaces apart, the last column not padded. */
export function alignedTable(header: readonly string[], rows: readonly (readonly string[])[]): string[] {
  const last = header.length - 1;
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => (column === last ? 0 : row[column].length))),
  );
  const line = (cells: readonly string[]): string =>
    cells
      .map((cell, column) => (column === cells.length - 1 ? cell : cell.padEnd(widths[column])))
      .join("  ")
      .trimEnd();
  return [header, ...rows].map(line);
}

/**
 * Writes a report's line for a cluster the run skipped (`cluster ID: skipped: why` and a blank line), and says whether
 * it did: the lab and traffic reports both open each cluster with it.
 */
export function pushSkipped(out: string[], cluster: { readonly id: string; readonly skipped?: string }): boolean {
  if (!cluster.skipped) return false;
  out.push(`cluster ${cluster.id}: skipped: ${cluster.skipped}`, "");
  return true;
}
