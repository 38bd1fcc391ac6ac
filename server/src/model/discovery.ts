/**
 * Which files belong to which node, and which nodes may form a cluster, from paths alone:
 *   DIR/<node>/keepalived.conf + DIR/<node>/haproxy.cfg;
 *   DIR/<node>/etc/keepalived/keepalived.conf + DIR/<node>/etc/haproxy/haproxy.cfg
 *     (+ etc/sysctl.conf, etc/sysctl.d/*.conf);
 *   one folder with keepalived files named per node (keepalived-lb01.conf, lb01.keepalived.conf, keepalived.conf.lb01,
 *   keepalived-master.conf / keepalived-backup.conf) and one haproxy.cfg every node of the folder shares;
 *   an explicit manifest for anything else.
 * Nodes under one parent are candidates for one cluster; the model splits them by shared VRIDs and VIPs.
 */
import { posix as path } from "node:path";
import type { Language } from "../language.js";
import type { PlaceholderForm } from "../syntax/template.js";

export interface ManifestNode {
  name: string;
  keepalived?: string;
  /** The node's haproxy.cfg; with `haproxyFiles`, the first of them. */
  haproxy?: string;
  /**
   * Every file HAProxy loads on the node, in its order (the workspace layer expands the manifest's list of files and
   * directories, a directory to its *.cfg files in lexical order, as haproxy.c cfgfiles_expand_directories() does).
   */
  haproxyFiles?: string[];
  /** As .ha-lint.yaml writes a list (files and directories, absolute), before the workspace layer expands it. */
  haproxyList?: string[];
  sysctl?: string[];
  /** Addresses of the node (interfaces), for the address inventory. */
  addresses?: string[];
  /** Folder of the node's host-fact files (absolute), laid out as its root; else the node's own tree is read. */
  hostFacts?: string;
  /** Placeholder values for the cluster's template. */
  vars?: Record<string, string | number | boolean>;
}

/** Files the nodes of a cluster take from one template (absolute paths), rendered by the workspace layer. */
export interface ManifestTemplate {
  keepalived?: string;
  haproxy?: string;
  placeholders?: readonly PlaceholderForm[];
}

export interface Manifest {
  /** Folder the manifest's relative paths are relative to. */
  dir: string;
  clusters: { id: string; template?: ManifestTemplate; nodes: ManifestNode[] }[];
}

export interface NodeLayout {
  name: string;
  /** Folder holding the node's files. */
  dir: string;
  /** Root of an /etc tree (the folder that holds etc/), when the node uses that layout. */
  etcRoot?: string;
  keepalived?: string;
  haproxy?: string;
  /** Every file HAProxy loads, in order, `haproxy` first, when there are several. */
  haproxyFiles?: string[];
  /** sysctl files named explicitly (manifest); /etc layouts also read etc/sysctl.conf and etc/sysctl.d/*.conf. */
  sysctl: string[];
  addresses: string[];
  /** Where the node's host-fact files are (manifest `hostFacts`), when not in its own tree. */
  hostFacts?: string;
}

export interface ClusterLayout {
  /** Folder the cluster's nodes live under (or the manifest's cluster id). */
  id: string;
  nodes: NodeLayout[];
  /** From a manifest: not to be split by VRRP linkage. */
  explicit: boolean;
}

export interface LayoutInput {
  path: string;
  language: Language;
  /** For a haproxy.cfg loaded with other files: all of them in load order (InputFile.haproxyFiles). */
  haproxyFiles?: string[];
}

const ETC = /^(.*)\/([^/]+)\/etc\/(keepalived|haproxy)\/[^/]+$/;
const PER_NODE = [
  /^keepalived[-_.]([A-Za-z0-9][\w.-]*?)\.conf$/,
  /^([A-Za-z0-9][\w.-]*?)[-_.]keepalived\.conf$/,
  /^keepalived\.conf\.([A-Za-z0-9][\w.-]*)$/,
];

/** Node name from a per-node keepalived file name, if it is one. */
export function nodeFromFileName(base: string): string | undefined {
  for (const re of PER_NODE) {
    const m = re.exec(base);
    if (m) return m[1];
  }
  return undefined;
}

export function layoutFiles(files: readonly LayoutInput[], manifest?: Manifest): ClusterLayout[] {
  const clusters: ClusterLayout[] = [];
  const covered = new Set<string>();
  if (manifest) {
    for (const c of manifest.clusters) {
      const nodes: NodeLayout[] = c.nodes.map((n) => {
        const abs = (p: string): string => (path.isAbsolute(p) ? p : path.join(manifest.dir, p));
        const node: NodeLayout = {
          name: n.name,
          dir: manifest.dir,
          sysctl: (n.sysctl ?? []).map(abs),
          addresses: n.addresses ?? [],
          ...(n.hostFacts ? { hostFacts: abs(n.hostFacts) } : {}),
        };
        if (n.keepalived) {
          node.keepalived = abs(n.keepalived);
          node.dir = path.dirname(node.keepalived);
          covered.add(node.keepalived);
        }
        if (n.haproxyFiles?.length) {
          node.haproxyFiles = n.haproxyFiles.map(abs);
          node.haproxy = node.haproxyFiles[0];
          for (const f of node.haproxyFiles) covered.add(f);
        } else if (n.haproxy) {
          node.haproxy = abs(n.haproxy);
          covered.add(node.haproxy);
        }
        return node;
      });
      clusters.push({ id: c.id, nodes, explicit: true });
    }
  }

  const groups = new Map<string, Map<string, NodeLayout>>();
  const sharedHaproxy = new Map<string, string>();
  const nodeIn = (parent: string, name: string, dir: string): NodeLayout => {
    let g = groups.get(parent);
    if (!g) groups.set(parent, (g = new Map()));
    let n = g.get(name);
    if (!n) g.set(name, (n = { name, dir, sysctl: [], addresses: [] }));
    return n;
  };
  const perNodeFolders = new Set<string>();
  for (const f of files) {
    if (covered.has(f.path) || f.language !== "keepalived") continue;
    if (
      !ETC.test(f.path) &&
      nodeFromFileName(path.basename(f.path)) !== undefined &&
      path.basename(f.path) !== "keepalived.conf"
    )
      perNodeFolders.add(path.dirname(f.path));
  }
  for (const f of files) {
    if (covered.has(f.path)) continue;
    const etc = ETC.exec(f.path);
    let node: NodeLayout;
    if (etc) {
      node = nodeIn(etc[1], etc[2], `${etc[1]}/${etc[2]}`);
      node.etcRoot = `${etc[1]}/${etc[2]}`;
    } else {
      const dir = path.dirname(f.path);
      const base = path.basename(f.path);
      const perNode = f.language === "keepalived" ? nodeFromFileName(base) : undefined;
      if (perNode !== undefined && perNodeFolders.has(dir)) node = nodeIn(dir, perNode, dir);
      else if (f.language === "haproxy" && perNodeFolders.has(dir)) {
        sharedHaproxy.set(dir, f.path);
        continue;
      } else node = nodeIn(path.dirname(dir), path.basename(dir) || dir, dir);
    }
    if (f.language === "keepalived") {
      if (node.keepalived) {
        // A second keepalived file for the same node name: keep it as a node of its own.
        node = nodeIn(path.dirname(node.dir), `${node.name}:${path.basename(f.path)}`, path.dirname(f.path));
      }
      node.keepalived = f.path;
    } else if (f.language === "haproxy") {
      if (node.haproxy)
        node = nodeIn(path.dirname(node.dir), `${node.name}:${path.basename(f.path)}`, path.dirname(f.path));
      node.haproxy = f.path;
      if (f.haproxyFiles && f.haproxyFiles.length > 1) node.haproxyFiles = f.haproxyFiles;
    }
  }
  for (const [dir, file] of sharedHaproxy) {
    for (const node of groups.get(dir)?.values() ?? []) node.haproxy ??= file;
  }
  for (const [parent, nodes] of [...groups].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    clusters.push({
      id: parent,
      nodes: [...nodes.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)),
      explicit: false,
    });
  }
  return clusters;
}

/** Where a path written in a node's keepalived.conf (`/etc/keepalived/x.sh`) lives in the analysed tree. */
export function nodePathCandidates(node: NodeLayout, written: string): string[] {
  const out: string[] = [];
  if (path.isAbsolute(written)) {
    if (node.etcRoot) out.push(path.join(node.etcRoot, written));
    const beside = node.keepalived ? path.dirname(node.keepalived) : node.dir;
    out.push(path.join(beside, path.basename(written)));
  } else {
    out.push(path.join(node.keepalived ? path.dirname(node.keepalived) : node.dir, written));
  }
  return out;
}
