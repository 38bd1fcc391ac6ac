/**
 * Line markers for mapping a rendered file back to its Jinja2 template. Each template line that ends in plain text
 * gets an invisible marker (private-use characters naming the template and the line) just before its newline; Ansible
 * renders the marked copy beside the real one, and the marker that ends a rendered line names the template line whose
 * newline ended it. Lines ending in a block tag (`%}`), a comment (`#}`) or a whitespace-eating `-}}` get no marker
 * (Ansible's trim_blocks drops the newline after a block tag; a marker there would add an output line), nor do lines
 * that end inside a tag, a comment or a `{% raw %}` section, nor the `#jinja2:` override line.
 */

export const MARK_START = "\ue000";
export const MARK_END = "\ue001";
export const MARKED_SUFFIX = ".ha-lint-marked";

const MARKER = new RegExp(`${MARK_START}(\\d+):(\\d+)${MARK_END}`, "g");

type ScanState = "text" | "expression" | "statement" | "comment" | "raw";

/** Whether each line of a template ends in plain text (outside any tag, comment or raw section). */
function endsInText(lines: readonly string[]): boolean[] {
  let state: ScanState = "text";
  const out: boolean[] = [];
  for (const line of lines) {
    let index = 0;
    while (index < line.length) {
      if (state === "text") {
        const next = line.slice(index).search(/\{[{%#]/);
        if (next < 0) break;
        index += next;
        const opener = line[index + 1];
        state = opener === "{" ? "expression" : opener === "%" ? "statement" : "comment";
        if (state === "statement" && /^\{%-?\s*raw\s*-?%\}/.test(line.slice(index))) {
          state = "raw";
          index = line.indexOf("%}", index) + 2;
          continue;
        }
        index += 2;
        continue;
      }
      const closer = state === "expression" ? "}}" : state === "comment" ? "#}" : "%}";
      if (state === "raw") {
        const end = line.slice(index).search(/\{%-?\s*endraw\s*-?%\}/);
        if (end < 0) break;
        index = line.indexOf("%}", index + end) + 2;
        state = "text";
        continue;
      }
      const end = line.indexOf(closer, index);
      if (end < 0) break;
      index = end + 2;
      state = "text";
    }
    out.push(state === "text");
  }
  return out;
}

/** The template with a marker at the end of every line that ends in text; `fileIndex` names the template. */
export function markTemplate(text: string, fileIndex: number): string {
  const lines = text.split("\n");
  const inText = endsInText(lines);
  return lines
    .map((line, index) => {
      const isLast = index === lines.length - 1;
      if (isLast && line === "") return line;
      if (index === 0 && line.startsWith("#jinja2:")) return line;
      if (!inText[index] || /(%\}|#\}|-\}\})$/.test(line)) return line;
      return `${line}${MARK_START}${fileIndex}:${index}${MARK_END}`;
    })
    .join("\n")
    .replace(
      /(\{%-?\s*(?:include|import|from|extends)\s+)(["'])([^"'{}]+)\2/g,
      (_all, head: string, quote: string, name: string) => `${head}${quote}${name}${MARKED_SUFFIX}${quote}`,
    );
}

/** Where a rendered line comes from: a template (by index) and its 0-based line. */
export interface TemplateLine {
  fileIndex: number;
  line: number;
}

/**
 * For each line of the rendered text, the template line whose newline ended it, when the marked rendering agrees
 * with the plain one on that line (same text once the markers are removed) and its last marker ends the line.
 * Undefined for the whole file when the two renderings have different line counts (then nothing is mapped).
 */
export function mapRenderedLines(rendered: string, markedRendering: string): (TemplateLine | undefined)[] | undefined {
  const plainLines = rendered.split("\n");
  const markedLines = markedRendering.split("\n");
  if (plainLines.length !== markedLines.length) return undefined;
  return plainLines.map((plain, index) => {
    const marked = markedLines[index];
    if (marked.replace(MARKER, "") !== plain) return undefined;
    const all = [...marked.matchAll(MARKER)];
    const last = all[all.length - 1];
    if (!last || last.index + last[0].length !== marked.length) return undefined;
    return { fileIndex: Number(last[1]), line: Number(last[2]) };
  });
}
