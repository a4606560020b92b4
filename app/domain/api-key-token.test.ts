import { describe, expect, it } from "vitest";
import { bearerToken, encodeApiKeySecret, formatApiKeyToken, isBearerHeader, parseApiKeyToken } from "./api-key-token.ts";

const TENANT = "0196f1a2-3b4c-7d5e-8f60-718293a4b5c6";
const KEY = "0196f1a2-ffff-7000-a000-000000000001";
const secretOf = (fill: number) => encodeApiKeySecret(new Uint8Array(32).fill(fill));

describe("API key tokens", () => {
  it("formats clk_<43>_<43> and parses back the tenant, the key and the secret", () => {
    const secret = secretOf(0xfb); // 0xfb bytes encode with "-" and "_" in them
    const token = formatApiKeyToken(TENANT, KEY, secret);
    expect(token).toMatch(/^clk_[A-Za-z0-9_-]{43}_[A-Za-z0-9_-]{43}$/);
    expect(token).toHaveLength(4 + 43 + 1 + 43);
    expect(parseApiKeyToken(token)).toEqual({ tenantId: TENANT, keyId: KEY, secret });
  });

  it("reads the token by position even when both parts contain underscores", () => {
    const ids = "0196f1a2-3b4c-7d5e-bfff-ffffffffffff";
    const secret = encodeApiKeySecret(new Uint8Array(32).fill(0xff)); // "____…"
    expect(secret).toMatch(/^_+[A-Za-z0-9_-]*$/);
    const token = formatApiKeyToken(ids, ids, secret);
    expect(parseApiKeyToken(token)).toEqual({ tenantId: ids, keyId: ids, secret });
  });

  it("accepts upper-case UUIDs when formatting and always parses to lower case", () => {
    const token = formatApiKeyToken(TENANT.toUpperCase(), KEY, secretOf(1));
    expect(parseApiKeyToken(token)?.tenantId).toBe(TENANT);
  });

  it("refuses anything that is not exactly a token", () => {
    const good = formatApiKeyToken(TENANT, KEY, secretOf(7));
    for (const bad of [
      "",
      "clk_",
      good.slice(0, -1), // secret one character short
      `${good}A`, // one character long
      good.replace(/^clk_/, "clx_"),
      good.replace(/^clk_/, "CLK_"),
      ` ${good}`,
      `${good}\n`,
      good.slice(0, 47) + "." + good.slice(48), // the separator is not "_"
      good.replace(/.$/, "="), // padding / foreign alphabet
      good.slice(0, 20) + "+" + good.slice(21),
    ]) {
      expect(parseApiKeyToken(bad), JSON.stringify(bad)).toBeNull();
    }
  });

  it("refuses non-canonical base64url (the unused low bits of the last character set)", () => {
    const good = formatApiKeyToken(TENANT, KEY, secretOf(0));
    // 32 zero bytes end in "A"; "B" decodes to the same bytes but is not their spelling.
    expect(good.endsWith("A")).toBe(true);
    expect(parseApiKeyToken(good.replace(/A$/, "B"))).toBeNull();
    const idsEnd = 4 + 42;
    const tweakedIds = good.slice(0, idsEnd) + (good[idsEnd] === "A" ? "B" : String.fromCharCode(good.charCodeAt(idsEnd) ^ 1)) + good.slice(idsEnd + 1);
    expect(parseApiKeyToken(tweakedIds)).toBeNull();
  });

  it("refuses to format with a bad secret or id", () => {
    expect(() => encodeApiKeySecret(new Uint8Array(31))).toThrow(/32 bytes/);
    expect(() => formatApiKeyToken(TENANT, KEY, "short")).toThrow(/32 bytes/);
    expect(() => formatApiKeyToken("not-a-uuid", KEY, secretOf(1))).toThrow(/not a UUID/);
  });

  it("two secrets never share a token", () => {
    expect(formatApiKeyToken(TENANT, KEY, secretOf(1))).not.toBe(formatApiKeyToken(TENANT, KEY, secretOf(2)));
  });
});

describe("Authorization header", () => {
  it("takes the token of a Bearer header, scheme in any case", () => {
    expect(bearerToken("Bearer abc")).toBe("abc");
    expect(bearerToken("bearer abc")).toBe("abc");
    expect(bearerToken("BEARER   abc  ")).toBe("abc");
  });

  it("has no token for other schemes, empty values or several words", () => {
    expect(bearerToken(null)).toBeNull();
    expect(bearerToken("")).toBeNull();
    expect(bearerToken("Basic dXNlcjpwYXNz")).toBeNull();
    expect(bearerToken("Bearer")).toBeNull();
    expect(bearerToken("Bearer a b")).toBeNull();
    expect(bearerToken("Bearerabc")).toBeNull();
  });

  it("knows a Bearer header even when its value is malformed", () => {
    expect(isBearerHeader("Bearer")).toBe(true);
    expect(isBearerHeader("Bearer a b")).toBe(true);
    expect(isBearerHeader("bearer x")).toBe(true);
    expect(isBearerHeader("Basic x")).toBe(false);
    expect(isBearerHeader("Bearerx")).toBe(false);
    expect(isBearerHeader(null)).toBe(false);
  });
});
