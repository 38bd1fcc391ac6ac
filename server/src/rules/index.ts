/** Every rule, registered once. The meta-test checks that each rule file is listed here, documented and tested. */
import includeMatchesNothing from "./keepalived/include-matches-nothing.js";
import keepalivedSyntaxError from "./keepalived/keepalived-syntax-error.js";
import trailingBackslash from "./keepalived/trailing-backslash.js";
import unbalancedBraces from "./keepalived/unbalanced-braces.js";
import unknownKeepalivedKeyword from "./keepalived/unknown-keepalived-keyword.js";
import haproxySyntaxError from "./haproxy/haproxy-syntax-error.js";
import keywordWrongSection from "./haproxy/keyword-wrong-section.js";
import unknownHaproxyKeyword from "./haproxy/unknown-haproxy-keyword.js";
import type { Rule } from "./rule.js";

export const allRules: readonly Rule[] = [
  unknownKeepalivedKeyword,
  unbalancedBraces,
  trailingBackslash,
  includeMatchesNothing,
  keepalivedSyntaxError,
  keywordWrongSection,
  unknownHaproxyKeyword,
  haproxySyntaxError,
];

export function ruleById(id: string): Rule | undefined {
  return allRules.find((r) => r.id === id || r.name === id);
}
