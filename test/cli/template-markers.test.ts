/** The line markers that map a rendered file back to its template (server/src/cli/ansible/template-markers.ts). */
import { expect, test } from "vitest";
import {
  mapRenderedLines,
  markTemplate,
  MARK_END,
  MARK_START,
  MARKED_SUFFIX,
} from "../../server/src/cli/ansible/template-markers.js";

const mark = (index: number, line: number): string => `${MARK_START}${index}:${line}${MARK_END}`;

test("lines ending in text get a marker; block tags, comments, whitespace-eating tags and the #jinja2 line do not", () => {
  const template = [
    "#jinja2: lstrip_blocks: True",
    "global_defs {",
    "{% for def in defs %}",
    "  {{ def }}",
    "{% endfor %}",
    "{# a comment #}",
    "  name {{ name -}}",
    "}",
    "",
  ].join("\n");
  expect(markTemplate(template, 3).split("\n")).toEqual([
    "#jinja2: lstrip_blocks: True",
    `global_defs {${mark(3, 1)}`,
    "{% for def in defs %}",
    `  {{ def }}${mark(3, 3)}`,
    "{% endfor %}",
    "{# a comment #}",
    "  name {{ name -}}",
    `}${mark(3, 7)}`,
    "",
  ]);
});

test("no marker inside a multi-line tag, comment or raw section; included templates are the marked copies", () => {
  const template = [
    "a {{ x |",
    "  default(1) }}",
    "{#",
    "note",
    "#}",
    "{% raw %}",
    "{{ kept }}",
    "{% endraw %}",
    "b",
    "{% include './templates/x.j2' %}",
  ].join("\n");
  expect(markTemplate(template, 0).split("\n")).toEqual([
    "a {{ x |",
    `  default(1) }}${mark(0, 1)}`,
    "{#",
    "note",
    "#}",
    "{% raw %}",
    "{{ kept }}",
    "{% endraw %}",
    `b${mark(0, 8)}`,
    `{% include './templates/x.j2${MARKED_SUFFIX}' %}`,
  ]);
});

test("a rendered line maps to the template line whose marker ends it; disagreeing lines and files map nowhere", () => {
  const rendered = "global_defs {\n  a\n  b\n}\n";
  const marked = `global_defs {${mark(0, 1)}\n  a${mark(0, 3)}\n  b${mark(0, 3)}\n}${mark(0, 7)}\n`;
  expect(mapRenderedLines(rendered, marked)).toEqual([
    { fileIndex: 0, line: 1 },
    { fileIndex: 0, line: 3 },
    { fileIndex: 0, line: 3 },
    { fileIndex: 0, line: 7 },
    undefined,
  ]);
  // A line joined from two template lines keeps the marker at its end only.
  expect(mapRenderedLines("x y\n", `x${mark(1, 2)} y${mark(1, 4)}\n`)).toEqual([{ fileIndex: 1, line: 4 }, undefined]);
  expect(mapRenderedLines("x\n", `y${mark(0, 0)}\n`)).toEqual([undefined, undefined]);
  expect(mapRenderedLines("x\ny\n", `x${mark(0, 0)}\n`)).toBeUndefined();
});
