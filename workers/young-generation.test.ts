import v8 from "node:v8";
import vm from "node:vm";
import { describe, expect, it } from "vitest";
import { collectYoungGeneration } from "./young-generation.ts";

const youngUsed = () => v8.getHeapSpaceStatistics().find((s) => s.space_name === "new_space")!.space_used_size;

describe("collectYoungGeneration", () => {
  it("empties the young generation of garbage", () => {
    // Measured from what is live in it before the garbage (the test runner's own objects, up to
    // ~0.9 MB seen): only the garbage's share must go.
    collectYoungGeneration();
    const live = youngUsed();
    let garbage: object[] | null = [];
    for (let i = 0; i < 100_000; i++) garbage.push({ i });
    garbage = null;
    const before = youngUsed();
    expect(before - live).toBeGreaterThan(1_000_000);
    collectYoungGeneration();
    expect(youngUsed() - live).toBeLessThan((before - live) / 4);
  });

  it("keeps what is still referenced", () => {
    const kept = Array.from({ length: 10_000 }, (_, i) => ({ i }));
    collectYoungGeneration();
    collectYoungGeneration();
    expect(kept.reduce((sum, o) => sum + o.i, 0)).toBe((9_999 * 10_000) / 2);
  });

  it("gives no other context V8's gc()", () => {
    collectYoungGeneration();
    expect(vm.runInNewContext("typeof gc")).toBe("undefined");
  });
});
