// Loads a CommonJS bundle with a V8 code cache: the first run compiles it and, once the program is done, saves what
// V8 compiled (the functions the run used included) next to the user's other caches; later runs start from that.
// V8 checks the cache against the source and its own version and flags, and refuses one that does not fit: the file
// is then written again. HA_LINT_NO_CODE_CACHE=1 turns it off; a cache that cannot be read or written is skipped.
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createRequire, Module } from "node:module";
import { homedir } from "node:os";
import { dirname, join } from "node:path";
import { Script } from "node:vm";

function cacheFileFor(file) {
  const root =
    process.env.HA_LINT_CACHE_DIR ?? join(process.env.XDG_CACHE_HOME ?? join(homedir(), ".cache"), "ha-lint");
  const { size, mtimeMs } = statSync(file);
  return join(root, "code-cache", `cli-${size}-${Math.trunc(mtimeMs)}-${process.version}.bin`);
}

/** The caches of other builds (each rebuild or upgrade writes a new one): all but the KEPT_CACHES newest go. */
const KEPT_CACHES = 3;

function pruneOtherCaches(kept) {
  const folder = dirname(kept);
  const others = readdirSync(folder)
    .filter((name) => /^cli-\d+-\d+-v[\d.]+\.bin$/.test(name) && join(folder, name) !== kept)
    .map((name) => ({ path: join(folder, name), mtime: statSync(join(folder, name)).mtimeMs }))
    .sort((a, b) => b.mtime - a.mtime);
  for (const old of others.slice(KEPT_CACHES - 1)) rmSync(old.path, { force: true });
}

function readCache(path) {
  try {
    return readFileSync(path);
  } catch {
    return undefined;
  }
}

/** The bundle's exports, and `save()` to call when the program is done (writes the cache when there was none). */
export function loadWithCodeCache(file) {
  const enabled = process.env.HA_LINT_NO_CODE_CACHE !== "1";
  const cachePath = enabled ? cacheFileFor(file) : undefined;
  const cachedData = cachePath ? readCache(cachePath) : undefined;
  const script = new Script(Module.wrap(readFileSync(file, "utf8")), { filename: file, cachedData });
  const module = { exports: {} };
  script.runInThisContext()(module.exports, createRequire(file), module, file, dirname(file));
  const save = () => {
    if (!cachePath || (cachedData && !script.cachedDataRejected)) return;
    try {
      mkdirSync(dirname(cachePath), { recursive: true });
      const partial = `${cachePath}.${process.pid}`;
      writeFileSync(partial, script.createCachedData());
      renameSync(partial, cachePath);
      pruneOtherCaches(cachePath);
    } catch {
      // no cache this time
    }
  };
  return { exports: module.exports, save };
}
