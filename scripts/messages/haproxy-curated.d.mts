/** Types of scripts/messages/haproxy-curated.mjs. */
export const REASON_MEANINGS: Record<string, string>;
export const REASONS: string[];
export function isRuleOutcome(outcome: string): boolean;
