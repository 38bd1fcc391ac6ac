/**
 * What every LSP feature of the server shares: the connection, the analyzer, the open documents, the mapping between
 * file paths and the client's URIs, and the server's log.
 */
import { resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { ResponseError, type Connection, type InitializeParams, type ServerCapabilities } from "vscode-languageserver";
import type { TextDocument } from "vscode-languageserver-textdocument";
import type { TextDocuments } from "vscode-languageserver";
import type { Range } from "../syntax/source.js";
import type { Analyzer } from "./analyzer.js";

/**
 * The path of a file: URI. Some clients turn a relative root into `file://fixtures/pair` (the first folder as the
 * host) or `file:fixtures/pair`: that is taken relative to the server's working directory.
 */
export function filePathOf(uri: string): string | undefined {
  if (!uri.startsWith("file:")) return undefined;
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    return undefined;
  }
  if (url.host === "" || url.host === "localhost") {
    if (uri.startsWith("file:/")) return fileURLToPath(url);
    return resolve(decodeURIComponent(uri.slice("file:".length)));
  }
  return resolve(decodeURIComponent(`${url.host}${url.pathname}`));
}

/** File paths and the URIs the client uses for them (answers use the client's own spelling). */
export class UriMap {
  private readonly uris = new Map<string, string>();

  pathOf(uri: string): string | undefined {
    const file = filePathOf(uri);
    if (file !== undefined) this.uris.set(file, uri);
    return file;
  }

  /** The path of a request's document; an LSP error for URIs that are not files. */
  need(uri: string): string {
    const file = this.pathOf(uri);
    if (!file) throw new ResponseError(-32602, `ha-lint handles file: URIs only, not ${uri}`);
    return file;
  }

  uriOf(file: string): string {
    return this.uris.get(file) ?? pathToFileURL(file).href;
  }

  location(place: { file: string; range: Range }): { uri: string; range: Range } {
    return { uri: this.uriOf(place.file), range: place.range };
  }
}

export interface ServerContext {
  connection: Connection;
  analyzer: Analyzer;
  documents: TextDocuments<TextDocument>;
  uris: UriMap;
  /** What the client said at initialize (filled in before any feature's handler runs). */
  client: { params?: InitializeParams };
}

/** One feature of the server: what it announces at initialize and the handlers it installs. */
export interface Feature {
  capabilities?(params: InitializeParams): ServerCapabilities;
  register(ctx: ServerContext): void;
}
