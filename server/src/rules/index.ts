/**
 * Every rule, registered once (per folder). The meta-test checks that each rule file is registered, documented and
 * tested.
 */
import { clusterRules } from "./cluster/index.js";
import { haproxyRules } from "./haproxy/index.js";
import { keepalivedRules } from "./keepalived/index.js";
import unusedSuppression from "./meta/unused-suppression.js";
import type { Rule } from "./rule.js";

const byId = (a: Rule, b: Rule): number => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

export const allRules: readonly Rule[] = [...keepalivedRules, ...haproxyRules, ...clusterRules, unusedSuppression].sort(
  byId,
);

export function ruleById(id: string): Rule | undefined {
  return allRules.find((r) => r.id === id || r.name === id);
}
