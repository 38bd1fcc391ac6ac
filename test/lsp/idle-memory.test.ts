import { expect, test } from "vitest";
import { IdleCollector } from "../../server/src/lsp/idle-memory.js";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

test("one full collection after a quiet period, none while messages keep coming", async () => {
  const idle = new IdleCollector(60);
  for (let i = 0; i < 5; i++) {
    idle.activity();
    await sleep(20);
  }
  expect(idle.collections).toBe(0);
  await sleep(120);
  expect(idle.collections).toBe(1);
  // Quiet stays quiet: no further collection without new activity.
  await sleep(120);
  expect(idle.collections).toBe(1);
  idle.activity();
  await sleep(120);
  expect(idle.collections).toBe(2);
  idle.dispose();
});
