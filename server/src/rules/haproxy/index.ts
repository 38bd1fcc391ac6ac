/** HAProxy single-file rules (HP###), registered here. */
import type { Rule } from "../rule.js";
import haproxySyntaxError from "./haproxy-syntax-error.js";
import keywordWrongSection from "./keyword-wrong-section.js";
import unknownHaproxyKeyword from "./unknown-haproxy-keyword.js";

export const haproxyRules: readonly Rule[] = [keywordWrongSection, unknownHaproxyKeyword, haproxySyntaxError];
