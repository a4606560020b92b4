import { describe, expect, it } from "vitest";
import { BoundedCache } from "./bounded-cache.ts";

describe("BoundedCache", () => {
  it("remembers up to its limit, then starts again empty", () => {
    const cache = new BoundedCache<string, number>(2);
    expect(cache.set("a", 1)).toBe(1);
    cache.set("b", 2);
    expect([cache.get("a"), cache.get("b")]).toEqual([1, 2]);
    cache.set("c", 3);
    expect([cache.get("a"), cache.get("b"), cache.get("c")]).toEqual([undefined, undefined, 3]);
    cache.clear();
    expect(cache.get("c")).toBeUndefined();
  });
});
