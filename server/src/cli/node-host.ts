/** The SourceHost of the command line: the workspace layer's, over the real file system (read only). */
import { looksBinary } from "../workspace/collect.js";
import { diskFileSystem, MAX_FILE_BYTES, OverlayFileSystem, ReadError } from "../workspace/file-system.js";
import { createSourceHost, type WorkspaceHost } from "../workspace/source-host.js";
import type { SourceHost } from "../syntax/keepalived/index.js";

export { looksBinary, MAX_FILE_BYTES, ReadError };

/** The text of a configuration file: regular files only (a FIFO or a device would block the read), at most 10 MB. */
export function readText(file: string): string {
  return diskFileSystem.readText(file);
}

/** True when the bytes of a file are not valid UTF-8 (they are read with U+FFFD in place of the bad bytes). */
export function hasInvalidUtf8(text: string): boolean {
  return text.includes("\ufffd");
}

export const NUL_MESSAGE =
  "NUL byte: keepalived and HAProxy stop reading the line here (C strings), so the rest of the line is not what " +
  "ha-lint checks; remove it";

export type NodeHost = WorkspaceHost;

/** The disk (with `overlay` texts in place of the files' own), reading nothing outside `roots` when given. */
export function createNodeHost(roots?: readonly string[], overlay?: ReadonlyMap<string, string>): NodeHost {
  return createSourceHost(overlay ? new OverlayFileSystem(diskFileSystem, overlay) : diskFileSystem, roots);
}

/** Unrestricted: reads wherever it is asked to. */
export const nodeHost: SourceHost = createNodeHost();
