/** Cluster rules (HA###), registered here. */
import type { Rule } from "../rule.js";

export const clusterRules: readonly Rule[] = [];
