import { describe, expect, it } from "vitest";
import { describeDoctype, doctypeEnd, parseXmlDocument } from "./xml.ts";
import { errorOf } from "./test-support.ts";

describe("parseXmlDocument: a DOCTYPE is refused, saying what it declares", () => {
  it("keeps the plain refusal for a bare DOCTYPE", () => {
    expect(errorOf(() => parseXmlDocument("<!DOCTYPE Document><Document/>", "CAMT.053")).message).toBe(
      "the CAMT.053 file declares a DOCTYPE, which bank statements never do; refused for safety",
    );
  });

  it("names the entities of a 'billion laughs' bomb, without expanding them", () => {
    const bomb =
      '<?xml version="1.0"?><!DOCTYPE Document [<!ENTITY lol "lol">' +
      Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i === 0 ? "" : i};`.repeat(10)}">`).join("") +
      "]><Document><Ustrd>&lol9;</Ustrd></Document>";
    expect(errorOf(() => parseXmlDocument(bomb, "CAMT.053")).message).toBe(
      "the CAMT.053 file declares a DOCTYPE with 10 entity declarations (lol, lol1, lol2, … lol9), which bank statements never do; refused for safety (nothing in it was expanded or fetched)",
    );
  });

  it("names an external entity and what it points at, without fetching it", () => {
    const xxe = '<?xml version="1.0"?>\n<!DOCTYPE Document [\n  <!ENTITY xxe SYSTEM "file:///etc/hostname">\n]>\n<Document><Ustrd>&xxe;</Ustrd></Document>';
    expect(errorOf(() => parseXmlDocument(xxe, "OFX")).message).toBe(
      'the OFX file declares a DOCTYPE with an external entity (xxe: SYSTEM "file:///etc/hostname"), which bank statements never do; refused for safety (nothing in it was expanded or fetched)',
    );
  });
});

describe("describeDoctype", () => {
  it.each([
    ["<!DOCTYPE Document>", "a DOCTYPE"],
    ['<!DOCTYPE Document [<!ENTITY a "1"><!ENTITY % p SYSTEM \'http://evil.example/p.dtd\'> %p;]>', "a DOCTYPE with 2 entity declarations (a, %p), 1 of them external (%p: SYSTEM 'http://evil.example/p.dtd')"],
    ['<!DOCTYPE Document PUBLIC "-//X//DTD//EN" "http://example.com/x.dtd">', 'a DOCTYPE with an external DTD (PUBLIC "-//X//DTD//EN" "http://example.com/x.dtd")'],
    ['<!DOCTYPE Document [<!ENTITY a "b">', "a DOCTYPE with an entity declaration (a)"],
    ['<!DOCTYPE Document [<!ENTITY a "b"><!ENTITY c "d">', "a DOCTYPE with at least 2 entity declarations (a, c)"],
  ])("%s → %s", (doctype, words) => {
    expect(describeDoctype(doctype).words).toBe(words);
  });
});

describe("doctypeEnd", () => {
  it("skips the internal subset, quoted literals and comments that hold '>' '[' or ']'", () => {
    const doctype = `<!DOCTYPE d [<!ENTITY a "x>]y"><!-- ] > --><!ENTITY b 'q>'>]>`;
    expect(doctypeEnd(`${doctype}<d/>`, 0)).toBe(doctype.length);
    expect(doctypeEnd("<!DOCTYPE d>", 0)).toBe(12);
    expect(doctypeEnd('<!DOCTYPE d [<!ENTITY a "never closed', 0)).toBe(-1);
  });
});
