import { describe, expect, it } from "vitest";
import { errorOf, zipArchive } from "./test-support.ts";
import { isZip, readZipFiles } from "./zip.ts";

const LIMITS = { maxFiles: 10, maxTotalBytes: 1024 * 1024 };
const text = (data: Uint8Array) => Buffer.from(data).toString("utf8");

describe("readZipFiles", () => {
  it("reads deflated and stored files in directory order, leaving out folders and macOS resource forks", () => {
    for (const store of [false, true]) {
      const zip = zipArchive(
        [
          { name: "2026-03/", data: "" },
          { name: "2026-03/day-01.xml", data: "<Document>one</Document>".repeat(50) },
          { name: "__MACOSX/2026-03/._day-01.xml", data: "resource fork" },
          { name: "2026-03/day-02.xml", data: "<Document>two – ü</Document>" },
        ],
        { store },
      );
      expect(isZip(zip)).toBe(true);
      const files = readZipFiles(zip, LIMITS);
      expect(files.map((f) => f.name)).toEqual(["2026-03/day-01.xml", "2026-03/day-02.xml"]);
      expect(text(files[1]!.data)).toBe("<Document>two – ü</Document>");
      expect(text(files[0]!.data)).toHaveLength(24 * 50);
    }
  });

  it("refuses a damaged file by its checksum, and a cut-off archive", () => {
    const zip = zipArchive([{ name: "a.xml", data: "<Document/>" }], { store: true });
    const flipped = Uint8Array.from(zip);
    flipped[30 + "a.xml".length] ^= 0xff; // the first byte of the file's data
    expect(errorOf(() => readZipFiles(flipped, LIMITS)).message).toBe('the ZIP archive is damaged ("a.xml" fails its checksum); download it again');
    expect(errorOf(() => readZipFiles(zip.subarray(0, zip.length - 30), LIMITS)).message).toBe("the ZIP archive is damaged (no central directory); download it again");
  });

  it("bounds what it unpacks before unpacking: the total announced size, and the number of files", () => {
    const bomb = zipArchive([{ name: "big.xml", data: "0".repeat(2 * 1024 * 1024) }]);
    expect(bomb.length).toBeLessThan(10_000);
    expect(errorOf(() => readZipFiles(bomb, LIMITS)).message).toBe("this ZIP archive unpacks to more than 1 MB; unpack it and upload the files in parts");
    const many = zipArchive(Array.from({ length: 11 }, (_, i) => ({ name: `${i}.xml`, data: "x" })));
    expect(errorOf(() => readZipFiles(many, LIMITS)).message).toBe("this ZIP archive holds 11 files; up to 10 are read at once — unpack it and upload them in parts");
  });

  it("never inflates more than a file's directory entry announces (a lying size is a damaged file)", () => {
    const zip = zipArchive([{ name: "a.xml", data: "0".repeat(100_000) }]);
    // The central directory's "unpacked size" of the file says 10 bytes: inflating stops there.
    const lying = Uint8Array.from(zip);
    const directoryAt = new DataView(lying.buffer).getUint32(lying.length - 22 + 16, true);
    new DataView(lying.buffer).setUint32(directoryAt + 24, 10, true);
    expect(errorOf(() => readZipFiles(lying, LIMITS)).message).toMatch(/^the ZIP archive is damaged \("a\.xml" /);
  });

  it("refuses encrypted files", () => {
    const zip = Uint8Array.from(zipArchive([{ name: "secret.xml", data: "<Document/>" }]));
    const directoryAt = new DataView(zip.buffer).getUint32(zip.length - 22 + 16, true);
    zip[directoryAt + 8]! |= 0x1;
    expect(errorOf(() => readZipFiles(zip, LIMITS)).message).toBe('"secret.xml" in the ZIP archive is encrypted; unpack it with its password and upload the files inside');
  });
});
