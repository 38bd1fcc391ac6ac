/**
 * Cluster templates of .ha-lint.yaml: every node of the cluster without a file of its own for a language takes the
 * cluster's template for it, rendered with the node's `vars` (syntax/template.ts). Each rendering is an input file
 * of its own with a virtual path, `<template>#<node>`, whose findings analyze() moves back to the template.
 */
import type { InputFile } from "../analyze.js";
import type { Manifest, ManifestNode } from "../model/discovery.js";
import { renderTemplate, templateOrigin } from "../syntax/template.js";
import { ReadError, type WorkspaceFileSystem } from "./file-system.js";
import { refusedByReadError, type RefusedFile } from "./collect.js";

export interface RenderedTemplates {
  /** One input per node and templated language. */
  inputs: InputFile[];
  /** The manifest with each templated node's file set to its rendering's virtual path. */
  manifest?: Manifest;
  /** Text of every template read (the reports show their lines). */
  templates: Map<string, string>;
  /** Templates that could not be read. */
  refused: RefusedFile[];
}

const LANGUAGES = ["keepalived", "haproxy"] as const;

/** The path a node's rendering of a template is analysed under. */
export function renderedPath(template: string, node: string): string {
  return `${template}#${node}`;
}

/** Every template file of a manifest (never analysed as a configuration of its own). */
export function templateFiles(manifest: Manifest | undefined): Set<string> {
  const out = new Set<string>();
  for (const cluster of manifest?.clusters ?? [])
    for (const language of LANGUAGES) {
      const file = cluster.template?.[language];
      if (file) out.add(file);
    }
  return out;
}

export function renderTemplates(fs: WorkspaceFileSystem, manifest: Manifest | undefined): RenderedTemplates {
  const out: RenderedTemplates = { inputs: [], templates: new Map(), refused: [] };
  if (!manifest || !manifest.clusters.some((c) => c.template)) return { ...out, ...(manifest ? { manifest } : {}) };
  const readTemplate = (file: string): string | undefined => {
    if (out.templates.has(file)) return out.templates.get(file);
    try {
      const text = fs.readText(file);
      out.templates.set(file, text);
      return text;
    } catch (e) {
      if (!(e instanceof ReadError)) throw e;
      if (!out.refused.some((r) => r.file === file)) out.refused.push(refusedByReadError(file, e, true));
      return undefined;
    }
  };
  const clusters = manifest.clusters.map((cluster) => {
    const template = cluster.template;
    if (!template) return cluster;
    const nodes = cluster.nodes.map((node) => {
      const rendered: ManifestNode = { ...node };
      for (const language of LANGUAGES) {
        const file = template[language];
        if (!file || node[language]) continue;
        const text = readTemplate(file);
        if (text === undefined) continue;
        const rendering = renderTemplate(file, text, node.name, node.vars ?? {}, template.placeholders);
        const path = renderedPath(file, node.name);
        rendered[language] = path;
        out.inputs.push({
          path,
          text: rendering.text,
          language,
          rendering,
          origin: templateOrigin(rendering, `the template rendered with ${node.name}'s vars`),
        });
      }
      return rendered;
    });
    return { ...cluster, nodes };
  });
  return { ...out, manifest: { ...manifest, clusters } };
}
