/** keepalived single-file rules (KA###), registered here. */
import type { Rule } from "../rule.js";
import includeMatchesNothing from "./include-matches-nothing.js";
import keepalivedSyntaxError from "./keepalived-syntax-error.js";
import trailingBackslash from "./trailing-backslash.js";
import unbalancedBraces from "./unbalanced-braces.js";
import unknownKeepalivedKeyword from "./unknown-keepalived-keyword.js";

export const keepalivedRules: readonly Rule[] = [unknownKeepalivedKeyword, unbalancedBraces, trailingBackslash, includeMatchesNothing, keepalivedSyntaxError];
