import { describe, expect, it } from "vitest";
import { securityTxt } from "./security-txt.ts";

describe("security.txt", () => {
  it("has the RFC 9116 fields, with an Expires under a year ahead", () => {
    const text = securityTxt({ contact: "mailto:security@cashline.example", origin: "https://books.example", now: new Date("2026-11-22T10:00:00Z") });
    expect(text).toBe(
      [
        "Contact: mailto:security@cashline.example",
        "Expires: 2027-11-21T00:00:00Z",
        "Preferred-Languages: en",
        "Canonical: https://books.example/.well-known/security.txt",
        "Policy: https://books.example/security",
        "",
      ].join("\n"),
    );
  });
});
