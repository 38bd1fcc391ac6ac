/** What every rule reads: the parsed documents, the settings, and the keyword tables for the target versions. */
import type { Cluster } from "../model/types.js";
import type { HaproxyKeywords } from "../schema/haproxy-keywords.js";
import type { ClusterSimulation } from "../simulate/scenarios.js";
import type { KeepalivedKeywords } from "../schema/keepalived-keywords.js";
import type { HaproxyDocument } from "../syntax/haproxy/tree.js";
import { DEFAULT_VERSIONS } from "../schema/versions.js";
import type { KeepalivedDocument } from "../syntax/keepalived/tree.js";
import type { Rendering } from "../syntax/template.js";

/** Versions of one node, where they differ from the cluster's (a rolling upgrade). */
export interface NodeVersions {
  haproxyVersion?: string;
  keepalivedVersion?: string;
}

export interface AnalysisSettings {
  /**
   * Target HAProxy version: a minor ("2.6", "2.8", "3.0", "3.2", "3.4") or a patch release ("3.0.11"). The keyword
   * tables are per minor; schema/versions.ts compares patches where behaviour changed inside a minor.
   */
  haproxyVersion: string;
  /**
   * Target keepalived version: "2.2", "2.3", "2.4" or a patch release ("2.2.7", "2.3.3"); a minor is its newest patch.
   */
  keepalivedVersion: string;
  /** Per node name: the versions that node runs, when they differ (.ha-lint.yaml `nodes:` or a manifest node). */
  nodeVersions?: Readonly<Record<string, NodeVersions>>;
  /** Environment variables HAProxy would see, when known. */
  env?: Record<string, string>;
}

export const defaultSettings: AnalysisSettings = {
  haproxyVersion: DEFAULT_VERSIONS.haproxy,
  keepalivedVersion: DEFAULT_VERSIONS.keepalived,
};

/** The versions a node runs: its own where .ha-lint.yaml names them, else the analysis's. */
export function nodeVersions(settings: AnalysisSettings, node: string): Required<NodeVersions> {
  const own = settings.nodeVersions?.[node];
  return {
    haproxyVersion: own?.haproxyVersion ?? settings.haproxyVersion,
    keepalivedVersion: own?.keepalivedVersion ?? settings.keepalivedVersion,
  };
}

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
  /** Placeholder templates rendered per node (.ha-lint.yaml `template:`), with their unset and unsupported placeholders. */
  renderings?: readonly Rendering[];
}
