/**
 * Findings on generated files (rendered templates, configs cut out of Kubernetes manifests) moved back to the files
 * the user edits. A shell computes where each generated line comes from; this moves each finding's range and its
 * related places there. Fixes are dropped: their edits are on the generated text.
 */
import type { Finding, RelatedLocation } from "../../rules/finding.js";
import type { Range } from "../../syntax/source.js";

/** Where a place of a generated file comes from, or undefined when it maps nowhere. */
export type OriginOf = (file: string, range: Range) => { file: string; range: Range } | undefined;

export interface RemapOptions {
  origin: OriginOf;
  /** Text put before the message of a finding on a generated file (the host it was rendered for). */
  label?: (file: string) => string | undefined;
  /** Keep the generated place as a related location (with this message) when the finding moved. */
  relatedMessage?: (file: string) => string | undefined;
}

function remapRelated(related: readonly RelatedLocation[], origin: OriginOf): RelatedLocation[] {
  return related.map((place) => {
    const moved = origin(place.file, place.range);
    return moved ? { ...place, file: moved.file, range: moved.range } : place;
  });
}

export function remapFindings(findings: readonly Finding[], options: RemapOptions): Finding[] {
  return findings.map((finding) => {
    const moved = options.origin(finding.file, finding.range);
    const label = options.label?.(finding.file);
    const relatedHere = moved ? options.relatedMessage?.(finding.file) : undefined;
    const related = [
      ...(relatedHere ? [{ file: finding.file, range: finding.range, message: relatedHere }] : []),
      ...remapRelated(finding.related ?? [], options.origin),
    ];
    const rest: Finding = { ...finding };
    delete rest.fixes;
    return {
      ...rest,
      ...(moved ? { file: moved.file, range: moved.range } : {}),
      message: label ? `${label}: ${finding.message}` : finding.message,
      ...(label ? { renderedFor: [label] } : {}),
      ...(related.length > 0 ? { related } : {}),
    };
  });
}
