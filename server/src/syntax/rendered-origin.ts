/**
 * Where the text of a rendered input file comes from: a template rendered for a node (.ha-lint.yaml `template:`), and
 * any other producer that hands analyze() text it made from another file (an Ansible run, a Kubernetes manifest).
 * This is the extension point for those producers: give the InputFile a virtual path of its own (unique per node,
 * e.g. `<template>#<node>`), the rendered text, and an origin. analyze() then runs every rule on the rendered text
 * and, last, moves each finding, related place and fix edit on the virtual path to the origin's file:
 *   - the range through `map` (a range with no source maps to the start of the origin file);
 *   - fix edits through `mapEdit` (a fix with an edit that cannot be applied to the source is dropped);
 *   - the message gets " (rendered for NODE)" when the origin names a node; identical findings of several nodes at
 *     one source place become one, naming every node.
 */
import type { Range } from "./source.js";

export interface RenderedOrigin {
  /** The file the text was rendered or extracted from: findings are moved there. */
  file: string;
  /** The node the text was rendered for, named in the findings moved to `file`. */
  node?: string;
  /** How the text was made, for messages ("template rendered with lb01's vars"). */
  describe: string;
  /** A range of the rendered text -> the range in `file`, or undefined when the text there has no source. */
  map(range: Range): Range | undefined;
  /** A fix edit's range -> the range to edit in `file`, or undefined when editing the source there would be wrong. */
  mapEdit(range: Range): Range | undefined;
}

/** An origin that maps each rendered line to a line of the source (columns kept), for line-level producers. */
export function lineTableOrigin(
  file: string,
  sourceLines: readonly (number | undefined)[],
  describe: string,
  node?: string,
): RenderedOrigin {
  const mapRange = (range: Range): Range | undefined => {
    const start = sourceLines[range.start.line];
    const end = sourceLines[range.end.line];
    if (start === undefined || end === undefined) return undefined;
    return {
      start: { line: start, character: range.start.character },
      end: { line: end, character: range.end.character },
    };
  };
  return {
    file,
    describe,
    ...(node !== undefined ? { node } : {}),
    map: mapRange,
    // Columns of a line-level map are not known to match the source: no edit is moved.
    mapEdit: () => undefined,
  };
}
