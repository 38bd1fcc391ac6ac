/** Which files a run analyses: the workspace layer's discovery, under the names the CLI has always exported. */
import { resolve } from "node:path";
import type { Language } from "../language.js";
import type { Manifest } from "../model/index.js";
import { applyConfigToFiles, discoverFiles, MissingPathError, type CollectedFile } from "../workspace/collect.js";
import { diskFileSystem } from "../workspace/file-system.js";
import { InputError } from "../workspace/input-error.js";

export { InputError, type CollectedFile };

export function collectFiles(paths: string[], forced?: Language): CollectedFile[] {
  try {
    return discoverFiles(diskFileSystem, paths, forced);
  } catch (e) {
    if (e instanceof MissingPathError) throw new InputError(e.message);
    throw e;
  }
}

/** The files one analysis reads (see applyConfigToFiles); `found` defaults to discovery on the disk. */
export function filesOfAnalysis(
  paths: string[],
  forced: Language | undefined,
  config: { file?: string; config: { ignore?: string[] }; manifest?: Manifest },
  configDirFallback: string,
  found: CollectedFile[] = collectFiles(paths, forced),
): CollectedFile[] {
  return applyConfigToFiles(found, config, resolve(configDirFallback));
}
