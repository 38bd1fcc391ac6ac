/** What every rule reads: the parsed documents, the settings, and the keyword tables for the target versions. */
import type { Cluster } from "../model/types.js";
import type { HaproxyKeywords } from "../schema/haproxy-keywords.js";
import type { ClusterSimulation } from "../simulate/scenarios.js";
import type { KeepalivedKeywords } from "../schema/keepalived-keywords.js";
import type { HaproxyDocument } from "../syntax/haproxy/tree.js";
import type { KeepalivedDocument } from "../syntax/keepalived/tree.js";

export interface AnalysisSettings {
  /** Target HAProxy version ("2.6", "2.8", "3.0", "3.2", "3.4"). */
  haproxyVersion: string;
  /** Target keepalived version ("2.2", "2.3", "2.4"). */
  keepalivedVersion: string;
  /** Environment variables HAProxy would see, when known. */
  env?: Record<string, string>;
}

export const defaultSettings: AnalysisSettings = { haproxyVersion: "2.6", keepalivedVersion: "2.2" };

export interface AnalysisInput {
  settings: AnalysisSettings;
  keepalived: readonly KeepalivedDocument[];
  haproxy: readonly HaproxyDocument[];
  haproxyKeywords: HaproxyKeywords;
  keepalivedKeywords: KeepalivedKeywords;
  /** The clusters found in the input, with their nodes' models. */
  clusters: readonly Cluster[];
  /** The failover simulation of every virtual router of every cluster. */
  simulations: readonly ClusterSimulation[];
}
