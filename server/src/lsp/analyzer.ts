/**
 * The analyzer: open documents, workspace folders and the latest analysis of each folder (or lone file), and the
 * editor features over it. It knows nothing of the connection: it takes and returns file paths, positions and plain
 * data; the server shell turns them into LSP messages.
 */
import { relative, sep } from "node:path";
import { ParseCache } from "../analyze.js";
import { MAX_FILE_BYTES, NUL_MESSAGE } from "../cli/node-host.js";
import { LineIndex } from "../syntax/source.js";
import { detectLanguage, type Language } from "../language.js";
import type { Finding, MessageDataValues } from "../rules/finding.js";
import type { Position, Range } from "../syntax/source.js";
import { failoverMatrix, type FailoverMatrix } from "../simulation.js";
import { codeActions, failoverMatrixMarkdown, type QuickFix } from "./code-actions.js";
import { documentLinks, type DocumentLinkEntry } from "./document-links.js";
import { failoverCodeLenses, failoverInlayHints, type CodeLensEntry, type InlayHintEntry } from "./failover-hints.js";
import { displayPath } from "./hover.js";
import { encodeTokens, haproxyTokens, keepalivedTokens } from "./semantic-tokens.js";
import { signatureAt, type SignatureEntry } from "./signature-help.js";
import { completionAt, type CompletionEntry } from "./completion.js";
import { formatEdits, type LineEdit } from "./format.js";
import { hoverAt, type HoverResult } from "./hover.js";
import { haproxyDocOf, keepalivedDocOf } from "./locate.js";
import { peerThings } from "./cross-node-names.js";
import { buildNameIndex, type NameIndex, type Occurrence } from "./names.js";
import {
  haproxyFolds,
  haproxySymbols,
  keepalivedFolds,
  keepalivedSymbols,
  workspaceSymbols,
  type Fold,
  type OutlineSymbol,
  type WorkspaceSymbol,
} from "./outline.js";
import { analyzeTarget, OverlayHost, type EditorSettings, type WorkspaceAnalysis } from "./workspace-analysis.js";

/** One edit of a rename; `peer` names the other node whose twin of the name it renames. */
export interface RenameEdit {
  file: string;
  range: Range;
  newText: string;
  peer?: string;
}

export interface OpenDocument {
  text: string;
  version: number;
  language?: Language;
}

/** Whether the analysis read the file, or found it and refused it (a binary file is reported by its folder). */
function covers(analysis: WorkspaceAnalysis, file: string): boolean {
  return analysis.sources.has(file) || analysis.refusedFiles.some((r) => r.file === file);
}

export interface Publication {
  file: string;
  /** Version of the open document the findings are for (absent for files not open). */
  version?: number;
  findings: Finding[];
  /** Lines the daemon does not read (untaken `.if` branches, `@ID` lines of other nodes): shown faded. */
  inactive?: InactiveLines[];
}

/** Lines the daemon does not read, with why: an untaken `.if` branch, an `@ID` line of another node. */
export interface InactiveLines {
  range: Range;
  messageId: "untakenBranch" | "otherNodeLine";
  data: MessageDataValues;
  message: string;
}

/** Lines of a file the daemons do not read, with why. */
function inactiveLines(analysis: WorkspaceAnalysis, file: string): InactiveLines[] {
  const out: InactiveLines[] = [];
  const input = analysis.result.input;
  for (const doc of input.haproxy)
    if (doc.file === file)
      for (const range of doc.inactive)
        out.push({
          range,
          messageId: "untakenBranch",
          data: { version: input.settings.haproxyVersion },
          message: `not read: this .if branch is not taken for HAProxy ${input.settings.haproxyVersion}`,
        });
  for (const doc of input.keepalived)
    for (const place of doc.inactive)
      if (place.file === file)
        out.push({
          range: place.range,
          messageId: "otherNodeLine",
          data: { configId: doc.configId ?? "" },
          message: `not read for config-id '${doc.configId ?? ""}' (an @ line for another node)`,
        });
  return out;
}

interface Entry {
  analysis: WorkspaceAnalysis;
  /** Versions of the open documents when the analysis ran. */
  versions: Map<string, number>;
  index?: NameIndex;
}

export class Analyzer {
  private readonly host = new OverlayHost();
  private readonly docs = new Map<string, OpenDocument>();
  private folders: string[] = [];
  private settings: EditorSettings = {};
  private readonly entries = new Map<string, Entry>();
  private readonly dirty = new Set<string>();
  /** Files each target last published diagnostics for. */
  private readonly published = new Map<string, Set<string>>();
  /** Parse results by file and content, one per analysis target: an edit re-parses the edited file only. */
  private readonly caches = new Map<string, ParseCache>();
  /** Analyses run so far (a save that changes nothing must not add one). */
  analysisCount = 0;

  setFolders(folders: readonly string[]): void {
    this.folders = [...folders].sort((a, b) => b.length - a.length);
    this.invalidateAll();
  }

  setSettings(settings: EditorSettings): void {
    this.settings = settings;
    this.invalidateAll();
  }

  invalidateAll(): void {
    for (const target of this.entries.keys()) this.dirty.add(target);
    for (const cache of this.caches.values()) cache.clear();
  }

  open(file: string, text: string, version: number, language?: Language): void {
    this.docs.set(file, { text, version, ...(language ? { language } : {}) });
    this.host.set(file, text);
    this.touch(file);
  }

  change(file: string, text: string, version: number): void {
    const doc = this.docs.get(file);
    this.docs.set(file, { ...doc, text, version });
    if (doc?.text === text) {
      // The same content again (an undo back to it, a save that rewrote it): the analyses stand, at the new version.
      for (const entry of this.entries.values()) if (entry.versions.has(file)) entry.versions.set(file, version);
      return;
    }
    this.host.set(file, text);
    this.touch(file);
  }

  /** The text of the open document, if the file is open. */
  openText(file: string): string | undefined {
    return this.docs.get(file)?.text;
  }

  /**
   * A file changed on disk (not through an open buffer). Analyses that read it are out of date; a file created or
   * deleted can change what a folder's discovery finds, so the folder holding it is out of date too.
   */
  diskChanged(file: string, createdOrDeleted: boolean): void {
    if (/\.ha-lint\.ya?ml$/.test(file)) {
      this.invalidateAll();
      return;
    }
    if (createdOrDeleted) for (const cache of this.caches.values()) cache.clear();
    this.touch(file);
  }

  close(file: string): void {
    this.docs.delete(file);
    this.host.delete(file);
    this.touch(file);
  }

  /** Marks every analysis that read the file (and the folder holding it) as out of date. */
  touch(file: string): void {
    for (const [target, entry] of this.entries)
      if (entry.analysis.sources.has(file) || target === file || isInside(file, target)) this.dirty.add(target);
  }

  textOf(file: string): string | undefined {
    return this.docs.get(file)?.text ?? this.host.readFile(file);
  }

  languageOf(file: string): Language | undefined {
    const doc = this.docs.get(file);
    if (doc?.language) return doc.language;
    const text = this.textOf(file);
    return text === undefined ? undefined : detectLanguage(file, text);
  }

  private folderOf(file: string): string | undefined {
    return this.folders.find((f) => isInside(file, f));
  }

  private entry(target: string): Entry {
    let known = this.entries.get(target);
    if (!known || this.dirty.has(target)) {
      const forced = this.folders.includes(target) ? undefined : this.docs.get(target)?.language;
      let cache = this.caches.get(target);
      if (!cache) this.caches.set(target, (cache = new ParseCache()));
      const analysis = analyzeTarget(target, this.host, this.settings, forced, cache);
      this.analysisCount++;
      const versions = new Map<string, number>();
      for (const covered of [...analysis.sources.keys(), ...analysis.refusedFiles.map((r) => r.file)]) {
        const doc = this.docs.get(covered);
        if (doc) versions.set(covered, doc.version);
      }
      known = { analysis, versions };
      this.entries.set(target, known);
      this.dirty.delete(target);
    }
    return known;
  }

  /**
   * The folder (or, for a file its folder's discovery does not find, the file itself) whose analysis covers the file.
   */
  targetOf(file: string): string {
    const folder = this.folderOf(file);
    if (folder && covers(this.entry(folder).analysis, file)) return folder;
    return file;
  }

  /** An up-to-date analysis covering the file. */
  analysisFor(file: string): WorkspaceAnalysis {
    return this.entry(this.targetOf(file)).analysis;
  }

  /**
   * The last analysis covering the file, even if an edit made it out of date: what hover, the hints, the outline and
   * the tokens answer from, so that they never wait for an analysis (the edited file's diagnostics bring a new one).
   * Completion, signature help and navigation need the text as it is now and use the up-to-date analysis. The first
   * request for a file nothing has analysed yet runs one.
   */
  lastAnalysisFor(file: string): WorkspaceAnalysis {
    return this.lastEntryFor(file).analysis;
  }

  private lastEntryFor(file: string): Entry {
    const folder = this.folderOf(file);
    const known = folder ? this.entries.get(folder) : undefined;
    if (known?.analysis.sources.has(file)) return known;
    const own = this.entries.get(file);
    if (own) return own;
    return this.entry(this.targetOf(file));
  }

  private indexFor(file: string): { analysis: WorkspaceAnalysis; index: NameIndex } {
    return this.indexOf(this.entry(this.targetOf(file)));
  }

  private indexOf(entry: Entry): { analysis: WorkspaceAnalysis; index: NameIndex } {
    entry.index ??= buildNameIndex(entry.analysis.result);
    return { analysis: entry.analysis, index: entry.index };
  }

  /** Re-analyses what covers the file and returns the diagnostics to publish, clearing files no longer covered. */
  update(file: string): Publication[] {
    const targets = new Set<string>([this.targetOf(file)]);
    // A lone-file analysis of a file the folder now covers is obsolete: clear it.
    for (const target of this.published.keys()) if (target !== file && this.dirty.has(target)) targets.add(target);
    const out: Publication[] = [];
    for (const target of targets) out.push(...this.publish(target));
    return out;
  }

  /** Analyses every folder and every open file. */
  updateAll(): Publication[] {
    const targets = new Set<string>(this.folders);
    for (const file of this.docs.keys()) targets.add(this.targetOf(file));
    for (const target of this.published.keys()) targets.add(target);
    const out: Publication[] = [];
    for (const target of targets) out.push(...this.publish(target));
    return out;
  }

  private publish(target: string): Publication[] {
    const before = this.published.get(target) ?? new Set<string>();
    const owned = new Set<string>();
    const out: Publication[] = [];
    const isFolder = this.folders.includes(target);
    const folder = this.folderOf(target);
    const stillCovered = isFolder || !folder || !covers(this.entry(folder).analysis, target);
    if (stillCovered) {
      const current = this.entry(target);
      const byFile = new Map<string, Finding[]>();
      for (const source of current.analysis.sources.keys()) byFile.set(source, []);
      for (const finding of current.analysis.result.findings)
        byFile.set(finding.file, [...(byFile.get(finding.file) ?? []), finding]);
      for (const refused of current.analysis.refusedFiles) {
        byFile.set(refused.file, [
          {
            rule: "input",
            name: "input-file",
            severity: "error",
            messageId: refused.messageId,
            ...(refused.data ? { data: refused.data } : {}),
            message: refused.message,
            file: refused.file,
            range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
          },
        ]);
      }
      for (const nul of current.analysis.nulBytes) {
        const text = current.analysis.sources.get(nul.file) ?? "";
        const position = new LineIndex(text).positionAt(nul.offset);
        const list = byFile.get(nul.file) ?? [];
        list.unshift({
          rule: "input",
          name: "nul-byte",
          severity: "warning",
          messageId: "nulByte",
          message: NUL_MESSAGE,
          file: nul.file,
          range: { start: position, end: { line: position.line, character: position.character + 1 } },
        });
        byFile.set(nul.file, list);
      }
      if (current.analysis.configError) {
        const { file, message, messageId } = current.analysis.configError;
        byFile.set(file, [
          {
            rule: "config",
            name: "config-file",
            severity: "error",
            messageId,
            message,
            file,
            range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
          },
        ]);
      }
      for (const [file, findings] of byFile) {
        // A file a folder covers is published by the folder only.
        if (!isFolder && file !== target) continue;
        owned.add(file);
        const version = current.versions.get(file);
        const inactive = inactiveLines(current.analysis, file);
        out.push({
          file,
          ...(version !== undefined ? { version } : {}),
          findings,
          ...(inactive.length ? { inactive } : {}),
        });
      }
    }
    for (const stale of before) if (!owned.has(stale)) out.push({ file: stale, findings: [] });
    if (owned.size) this.published.set(target, owned);
    else {
      this.published.delete(target);
      if (!isFolder) {
        this.entries.delete(target);
        this.caches.delete(target);
      }
    }
    return out;
  }

  // ------------------------------------------------------------ features

  hover(file: string, pos: Position): HoverResult | undefined {
    return hoverAt(this.lastAnalysisFor(file), file, pos);
  }

  completion(file: string, pos: Position): CompletionEntry[] {
    const language = this.languageOf(file);
    const text = this.textOf(file);
    if (!language || text === undefined || text.length > MAX_FILE_BYTES) return [];
    return completionAt(this.analysisFor(file), file, text, pos, language);
  }

  definition(file: string, pos: Position): Occurrence[] {
    return this.indexFor(file).index.at(file, pos)?.definitions ?? [];
  }

  /** References on every node: the name's twins in the peers' files are the same thing (they must match). */
  references(file: string, pos: Position, includeDeclaration: boolean): Occurrence[] {
    const { analysis, index } = this.indexFor(file);
    const named = index.at(file, pos);
    if (!named) return [];
    const things = [named, ...peerThings(index, analysis.result, named).map((peer) => peer.thing)];
    return things.flatMap((thing) =>
      includeDeclaration ? [...thing.definitions, ...thing.references] : thing.references,
    );
  }

  /** The range of the name to rename, or an error message. */
  prepareRename(file: string, pos: Position): { range: Range; placeholder: string } | { error: string } {
    const { index } = this.indexFor(file);
    const named = index.at(file, pos);
    const occurrence = index.occurrenceAt(file, pos);
    if (!named || !occurrence)
      return {
        error: "Nothing to rename here: place the cursor on the name of a section, ACL, script, instance or group.",
      };
    if (named.definitions.length === 0) return { error: `'${named.name}' is not defined in this configuration.` };
    if (!occurrence.editable)
      return { error: `'${named.name}' is not written literally here (an expansion or escape).` };
    return { range: occurrence.range, placeholder: named.name };
  }

  rename(file: string, pos: Position, newName: string): { edits: RenameEdit[] } | { error: string } {
    const prep = this.prepareRename(file, pos);
    if ("error" in prep) return prep;
    if (!/^[^\s"'#!{}]+$/.test(newName))
      return { error: `'${newName}' is not a valid name (no spaces, quotes, braces or comment characters).` };
    const { analysis, index } = this.indexFor(file);
    const thing = index.at(file, pos);
    if (!thing) return { error: "Nothing to rename here." };
    // The same name on the other nodes is renamed with it (marked as the peers' part), or the nodes would drift.
    const parts = [{ thing }, ...peerThings(index, analysis.result, thing)];
    const edits: RenameEdit[] = [];
    for (const part of parts) {
      const all = [...part.thing.definitions, ...part.thing.references];
      if (all.some((o) => !o.editable))
        return {
          error:
            `'${thing.name}' is not written literally everywhere${"node" in part ? ` (on ${part.node})` : ""}; ` +
            `rename it by hand.`,
        };
      for (const occurrence of all)
        edits.push({
          file: occurrence.file,
          range: occurrence.range,
          newText: newName,
          ...("node" in part ? { peer: part.node } : {}),
        });
    }
    return { edits };
  }

  documentSymbols(file: string): OutlineSymbol[] {
    const analysed = this.lastAnalysisFor(file).result;
    const haproxyDoc = haproxyDocOf(analysed, file);
    if (haproxyDoc) return haproxySymbols(haproxyDoc);
    const keepalivedDoc = keepalivedDocOf(analysed, file);
    return keepalivedDoc ? keepalivedSymbols(keepalivedDoc, file) : [];
  }

  foldingRanges(file: string): Fold[] {
    const analysed = this.lastAnalysisFor(file).result;
    const text = this.textOf(file) ?? "";
    const haproxyDoc = haproxyDocOf(analysed, file);
    if (haproxyDoc) return haproxyFolds(haproxyDoc, text);
    const keepalivedDoc = keepalivedDocOf(analysed, file);
    return keepalivedDoc ? keepalivedFolds(keepalivedDoc, file, text) : [];
  }

  workspaceSymbols(query: string): WorkspaceSymbol[] {
    const targets = new Set<string>(this.folders);
    for (const file of this.docs.keys()) targets.add(this.targetOf(file));
    const out: WorkspaceSymbol[] = [];
    for (const target of targets) {
      const current = this.entry(target);
      current.index ??= buildNameIndex(current.analysis.result);
      out.push(...workspaceSymbols(current.index, query));
    }
    return out;
  }

  format(file: string, indent: string, range?: Range): LineEdit[] {
    const language = this.languageOf(file);
    const text = this.textOf(file);
    if (!language || text === undefined || text.length > MAX_FILE_BYTES) return [];
    const sectionKeywords =
      language === "haproxy" ? this.analysisFor(file).result.input.haproxyKeywords.sectionNames : undefined;
    return formatEdits(text, language, { indent, ...(sectionKeywords ? { sectionKeywords } : {}) }, range);
  }

  codeActions(file: string, range: Range): QuickFix[] {
    return codeActions(this.analysisFor(file), file, range, this.textOf(file) ?? "");
  }

  /** The failover matrix of the clusters holding `file` (of every folder when absent), as data. */
  failoverMatrixData(file?: string): FailoverMatrix {
    const analyses = file ? [this.analysisFor(file)] : this.folders.map((f) => this.entry(f).analysis);
    const clusters = analyses.flatMap((analysis) => {
      const sims = analysis.result.input.simulations.filter(
        (simulation) =>
          !file ||
          simulation.cluster.nodes.some(
            (n) => n.keepalived?.document.files.includes(file) || n.haproxy?.documents.some((d) => d.file === file),
          ),
      );
      return failoverMatrix(sims, (id) => displayPath(analysis, id)).clusters;
    });
    return { version: 1, clusters };
  }

  /** What the status bar shows for a file: its cluster, its node, the target versions. */
  fileInfo(file: string): { cluster?: string; node?: string; haproxyVersion: string; keepalivedVersion: string } {
    const analysis = this.lastAnalysisFor(file);
    const settings = analysis.result.input.settings;
    const out: ReturnType<Analyzer["fileInfo"]> = {
      haproxyVersion: settings.haproxyVersion,
      keepalivedVersion: settings.keepalivedVersion,
    };
    for (const cluster of analysis.result.input.clusters) {
      const node = cluster.nodes.find(
        (candidate) =>
          candidate.haproxy?.documents.some((d) => d.file === file) ||
          candidate.keepalived?.document.files.includes(file) ||
          candidate.sysctlFiles.includes(file),
      );
      if (node) {
        out.cluster = displayPath(analysis, cluster.id);
        out.node = node.name;
        break;
      }
    }
    return out;
  }

  inlayHints(file: string, range?: Range): InlayHintEntry[] {
    return failoverInlayHints(this.lastAnalysisFor(file), file, range);
  }

  codeLenses(file: string): CodeLensEntry[] {
    return failoverCodeLenses(this.lastAnalysisFor(file), file);
  }

  documentLinks(file: string): DocumentLinkEntry[] {
    return documentLinks(this.lastAnalysisFor(file), file);
  }

  signatureHelp(file: string, pos: Position): SignatureEntry | undefined {
    return signatureAt(this.analysisFor(file), file, pos);
  }

  semanticTokens(file: string): number[] {
    const result = this.lastAnalysisFor(file).result;
    const haproxyDoc = haproxyDocOf(result, file);
    if (haproxyDoc) return encodeTokens(haproxyTokens(haproxyDoc));
    const keepalivedDoc = keepalivedDocOf(result, file);
    return keepalivedDoc ? encodeTokens(keepalivedTokens(keepalivedDoc, file)) : [];
  }

  failoverMatrix(file?: string): string {
    if (file) return failoverMatrixMarkdown(this.analysisFor(file), file);
    const parts = this.folders.map((f) => failoverMatrixMarkdown(this.entry(f).analysis));
    return parts.join("\n") || "# Failover matrix\n\nNo workspace folder open.\n";
  }
}

function isInside(file: string, folder: string): boolean {
  const rel = relative(folder, file);
  return rel !== "" && !rel.startsWith("..") && !rel.startsWith(sep) && rel !== file;
}
