/**
 * Placeholder templates rendered per node (.ha-lint.yaml `template:` + a node's `vars:`): `${NAME}` and `$NAME`
 * (envsubst, kubeadm's HA guide), plain `{{ name }}` substitutions and `@@NAME@@` markers. A value never holds a
 * line break, so the rendered text has the template's lines; only columns move, and the substitutions say how.
 * Pure text work: the workspace layer reads the template and hands the rendering to analyze() as an input file.
 */
import type { Position, Range } from "./source.js";
import type { RenderedOrigin } from "./rendered-origin.js";

export const PLACEHOLDER_FORMS = ["${NAME}", "$NAME", "{{ name }}", "@@NAME@@"] as const;
export type PlaceholderForm = (typeof PLACEHOLDER_FORMS)[number];

/** One placeholder of the template, where it stands in the template and in the rendered text (same line). */
export interface Substitution {
  name: string;
  form: PlaceholderForm;
  /** As written in the template (`${PRIORITY}`). */
  written: string;
  line: number;
  templateStart: number;
  templateEnd: number;
  renderedStart: number;
  renderedEnd: number;
  /** The node's value; undefined when the node's vars have none (the placeholder is then left as written). */
  value?: string;
}

/** Text in `{{ }}` or `{% %}` that is not a plain name: ha-lint does not render it and leaves it as written. */
export interface UnsupportedPlaceholder {
  written: string;
  range: Range;
}

export interface Rendering {
  /** The template file. */
  template: string;
  /** The node it was rendered for. */
  node: string;
  text: string;
  substitutions: Substitution[];
  unsupported: UnsupportedPlaceholder[];
}

const NAME = "[A-Za-z_][A-Za-z0-9_]*";

/** One scanner for the enabled forms; the unsupported brace forms are matched only when `{{ name }}` is enabled. */
function scanner(forms: readonly PlaceholderForm[]): RegExp {
  const parts: string[] = [];
  if (forms.includes("{{ name }}"))
    parts.push(`\\{\\{\\s*(?<brace>${NAME})\\s*\\}\\}`, "(?<other>\\{\\{.*?\\}\\}|\\{%.*?%\\})");
  if (forms.includes("${NAME}")) parts.push(`\\$\\{(?<dollarBrace>${NAME})\\}`);
  if (forms.includes("$NAME")) parts.push(`\\$(?<dollar>${NAME})`);
  if (forms.includes("@@NAME@@")) parts.push(`@@(?<marker>${NAME})@@`);
  return new RegExp(parts.join("|"), "g");
}

/** A value as it goes into the text: YAML numbers and booleans as written, line breaks folded to spaces. */
export function placeholderValue(value: string | number | boolean): string {
  return String(value).replace(/\r?\n|\r/g, " ");
}

export function renderTemplate(
  template: string,
  text: string,
  node: string,
  vars: Readonly<Record<string, string | number | boolean>>,
  forms: readonly PlaceholderForm[] = PLACEHOLDER_FORMS,
): Rendering {
  const substitutions: Substitution[] = [];
  const unsupported: UnsupportedPlaceholder[] = [];
  const lines = text.split("\n");
  const pattern = scanner(forms);
  const out = lines.map((lineText, line) => {
    if (forms.length === 0) return lineText;
    let rendered = "";
    let last = 0;
    for (const found of lineText.matchAll(pattern)) {
      const groups = found.groups ?? {};
      const start = found.index ?? 0;
      const end = start + found[0].length;
      if (groups.other !== undefined) {
        const range = { start: { line, character: start }, end: { line, character: end } };
        unsupported.push({ written: found[0], range });
        continue;
      }
      const [name, form] = pickForm(groups);
      rendered += lineText.slice(last, start);
      const known = Object.hasOwn(vars, name) ? placeholderValue(vars[name]) : undefined;
      const renderedStart = rendered.length;
      rendered += known ?? found[0];
      substitutions.push({
        name,
        form,
        written: found[0],
        line,
        templateStart: start,
        templateEnd: end,
        renderedStart,
        renderedEnd: rendered.length,
        ...(known !== undefined ? { value: known } : {}),
      });
      last = end;
    }
    return rendered + lineText.slice(last);
  });
  return { template, node, text: out.join("\n"), substitutions, unsupported };
}

function pickForm(groups: Record<string, string | undefined>): [string, PlaceholderForm] {
  if (groups.brace !== undefined) return [groups.brace, "{{ name }}"];
  if (groups.dollarBrace !== undefined) return [groups.dollarBrace, "${NAME}"];
  if (groups.dollar !== undefined) return [groups.dollar, "$NAME"];
  return [groups.marker ?? "", "@@NAME@@"];
}

/** The substitutions of each line, in order. */
function byLine(rendering: Rendering): Map<number, Substitution[]> {
  const out = new Map<number, Substitution[]>();
  for (const s of rendering.substitutions) out.set(s.line, [...(out.get(s.line) ?? []), s]);
  return out;
}

/**
 * Rendered position -> template position. A position inside a substituted value maps to the placeholder's start
 * (or, for the end of a range, its end), so a finding on a value underlines the placeholder that produced it.
 */
function mapPosition(lines: Map<number, Substitution[]>, at: Position, isEnd: boolean): Position {
  let shift = 0;
  for (const s of lines.get(at.line) ?? []) {
    if (isEnd ? at.character <= s.renderedStart : at.character < s.renderedStart) break;
    if (at.character >= s.renderedEnd && !(isEnd && at.character === s.renderedStart)) {
      shift = s.templateEnd - s.renderedEnd;
      continue;
    }
    return { line: at.line, character: isEnd ? s.templateEnd : s.templateStart };
  }
  return { line: at.line, character: at.character + shift };
}

const before = (a: Position, b: Position): boolean =>
  a.line < b.line || (a.line === b.line && a.character < b.character);

/** The origin of a rendered template: ranges map to the template, edits only where they touch no substituted text. */
export function templateOrigin(rendering: Rendering, describe: string): RenderedOrigin {
  const lines = byLine(rendering);
  const mapRange = (range: Range): Range => ({
    start: mapPosition(lines, range.start, false),
    end: mapPosition(lines, range.end, true),
  });
  return {
    file: rendering.template,
    node: rendering.node,
    describe,
    map: mapRange,
    mapEdit(range) {
      for (let line = range.start.line; line <= range.end.line; line++)
        for (const s of lines.get(line) ?? []) {
          const subStart = { line, character: s.renderedStart };
          const subEnd = { line, character: s.renderedEnd };
          if (before(subStart, range.end) && before(range.start, subEnd)) return undefined;
        }
      return mapRange(range);
    },
  };
}
