/**
 * What a report says of the clusters of an analysis: each cluster's nodes and their files, and the templates rendered
 * texts come from. Plain data, so that an analysis run in a worker thread can hand it back.
 */
import type { AnalysisResult } from "../analyze.js";
import { renderedPath } from "./templates.js";

export interface ClusterSummary {
  id: string;
  nodes: { name: string; files: string[] }[];
}

export function clusterSummaries(result: AnalysisResult): ClusterSummary[] {
  return result.input.clusters.map((cluster) => ({
    id: cluster.id,
    nodes: cluster.nodes.map((node) => ({
      name: node.name,
      files: [
        ...(node.keepalived?.document.files ?? []),
        ...(node.haproxy?.documents.map((document) => document.file) ?? []),
        ...node.sysctlFiles,
      ],
    })),
  }));
}

/** The template each rendered text comes from, by the rendered text's path. */
export function renderedTemplates(result: AnalysisResult): [string, string][] {
  return (result.input.renderings ?? []).map((rendering) => [
    renderedPath(rendering.template, rendering.node),
    rendering.template,
  ]);
}
