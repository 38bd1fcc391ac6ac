/**
 * Measurement of the traffic lab: the client's request log, the VIP holders over time, and what one scenario window
 * saw (requests sent and failed, the longest outage on one target, the backends that answered).
 */
import { readFileSync } from "node:fs";
import { sleep } from "./system.js";

/** One request of the client (client.mjs writes one JSON line per answer or failure). */
export interface Sample {
  /** Epoch ms when the request was sent. */
  t: number;
  /** Target index. */
  i: number;
  ok: boolean;
  /** The server name that answered. */
  srv?: string;
  err?: string;
}

/** The client's requests so far (a partly written last line is skipped). */
export function readSamples(clientLog: string): Sample[] {
  let text = "";
  try {
    text = readFileSync(clientLog, "utf8");
  } catch {
    return [];
  }
  const samples: Sample[] = [];
  for (const line of text.split("\n")) {
    if (!line.startsWith("{")) continue;
    try {
      samples.push(JSON.parse(line) as Sample);
    } catch {
      /* partial line */
    }
  }
  return samples;
}

/** Whether every request sent between 2.5 s and 1 s ago was answered (and there were some). */
export function recentlyHealthy(samples: readonly Sample[], now: number): boolean {
  const recent = samples.filter((s) => s.t >= now - 2500 && s.t < now - 1000);
  return recent.length > 0 && recent.every((s) => s.ok);
}

export interface WindowMeasurement {
  sent: number;
  failed: number;
  /** Longest run of failed requests on one target, ms (0 when none failed). */
  outageMs: number;
  /** A request of the last 1.5 s of the window failed: the outage has not ended. */
  tailFailed: boolean;
  /** Server name -> answers. */
  backends: Record<string, number>;
}

/** What the requests of one window (epoch ms, `from` included, `to` excluded) saw, target by target. */
export function measureWindow(
  all: readonly Sample[],
  targetCount: number,
  from: number,
  to: number,
): WindowMeasurement & { samples: Sample[] } {
  const samples = all.filter((s) => s.t >= from && s.t < to);
  let outageMs = 0;
  let tailFailed = false;
  for (let target = 0; target < targetCount; target++) {
    const mine = samples.filter((s) => s.i === target).sort((a, b) => a.t - b.t);
    let runStart: number | undefined;
    for (const sample of mine) {
      if (!sample.ok && runStart === undefined) runStart = sample.t;
      if (sample.ok && runStart !== undefined) {
        outageMs = Math.max(outageMs, sample.t - runStart);
        runStart = undefined;
      }
    }
    if (runStart !== undefined) outageMs = Math.max(outageMs, to - runStart);
    if (mine.filter((s) => s.t >= to - 1500).some((s) => !s.ok)) tailFailed = true;
  }
  const backends: Record<string, number> = {};
  for (const sample of samples) if (sample.ok && sample.srv) backends[sample.srv] = (backends[sample.srv] ?? 0) + 1;
  return { samples, sent: samples.length, failed: samples.filter((s) => !s.ok).length, outageMs, tailFailed, backends };
}

/** The VIP holders over time, polled every 100 ms from the start of the traffic until stopped. */
export class HolderLog {
  readonly entries: { t: number; holders: string[] }[] = [];
  private running = true;
  private readonly loop: Promise<void>;

  constructor(
    private readonly observe: () => string[],
    private readonly trafficStart: () => number,
  ) {
    this.loop = this.poll();
  }

  private async poll(): Promise<void> {
    let last = "";
    while (this.running) {
      const start = this.trafficStart();
      if (start) {
        const holders = this.observe();
        const key = holders.join("+");
        if (key !== last) {
          last = key;
          this.entries.push({ t: Date.now() - start, holders });
        }
      }
      await sleep(100);
    }
  }

  /** The holders at `start` and every change until `end` (ms from the start of the traffic). */
  between(start: number, end: number): { t: number; holders: string[] }[] {
    const first = this.entries.filter((h) => h.t <= start).pop();
    return [
      ...(first ? [{ t: start, holders: first.holders }] : []),
      ...this.entries.filter((h) => h.t > start && h.t < end),
    ];
  }

  async stop(): Promise<void> {
    this.running = false;
    await this.loop.catch(() => undefined);
  }
}
