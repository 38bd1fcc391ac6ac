/**
 * Gives memory back when the editor goes quiet. Each analysis allocates a few megabytes of short-lived trees and
 * models; V8 grows its heap to keep up with bursts of edits and only shrinks it much later, so a server left open
 * all day would sit at its burst size. After `idleMs` without a message, one full collection runs (a few ms on a
 * heap of ~20 MB live); the next one waits for new activity.
 */
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";

type Collect = () => void;

function fullCollection(): Collect | undefined {
  const existing = (globalThis as { gc?: Collect }).gc;
  if (typeof existing === "function") return existing;
  try {
    setFlagsFromString("--expose-gc");
    const gc = runInNewContext("gc") as unknown;
    return typeof gc === "function" ? (gc as Collect) : undefined;
  } catch {
    return undefined;
  }
}

export class IdleCollector {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly collect = fullCollection();
  /** Full collections run so far (for tests). */
  collections = 0;

  constructor(private readonly idleMs = 1000) {}

  /** A message came in: (re)start the quiet period. */
  activity(): void {
    if (!this.collect) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.collect?.();
      this.collections++;
    }, this.idleMs);
    this.timer.unref();
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }
}
