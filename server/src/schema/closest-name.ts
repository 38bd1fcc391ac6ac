/** Did-you-mean: the closest known name to a misspelt one, when it is close enough to be a likely typo. */
import { distance } from "fastest-levenshtein";

export function closestName(word: string, candidates: Iterable<string>): string | undefined {
  const limit = word.length <= 4 ? 1 : word.length <= 8 ? 2 : 3;
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  const lower = word.toLowerCase();
  for (const c of candidates) {
    // The distance is at least the difference in length: most candidates are out of reach at once.
    if (c === word || Math.abs(c.length - word.length) > limit) continue;
    // A case difference alone is the most likely slip.
    const d = c.toLowerCase() === lower ? 0.5 : distance(word, c);
    if (d < bestDistance || (d === bestDistance && best !== undefined && c < best)) {
      best = c;
      bestDistance = d;
    }
  }
  return bestDistance <= limit ? best : undefined;
}
