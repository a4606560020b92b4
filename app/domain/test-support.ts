import { constants, crc32, deflateRawSync } from "node:zlib";
import { StatementParseError } from "./statement.ts";

/** The StatementParseError a parser throws (tests assert its message and location). */
export function errorOf(run: () => unknown): StatementParseError {
  try {
    run();
  } catch (error) {
    if (error instanceof StatementParseError) return error;
    throw error;
  }
  throw new Error("expected a StatementParseError");
}

/**
 * A ZIP archive of the given files, deflated (or stored), for tests and the corpus generator:
 * local headers, the central directory and its end record, with sizes and CRCs as written by
 * common tools.
 */
export function zipArchive(files: { name: string; data: Uint8Array | string }[], options: { store?: boolean } = {}): Uint8Array {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const file of files) {
    const data = typeof file.data === "string" ? Buffer.from(file.data, "utf8") : Buffer.from(file.data);
    const packed = options.store ? data : deflateRawSync(data);
    const name = Buffer.from(file.name, "utf8");
    const fields = (header: Buffer, at: number) => {
      header.writeUInt16LE(options.store ? 0 : 8, at); // method
      header.writeUInt32LE(crc32(data), at + 6);
      header.writeUInt32LE(packed.length, at + 10);
      header.writeUInt32LE(data.length, at + 14);
      header.writeUInt16LE(name.length, at + 18);
    };
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x800, 6); // UTF-8 names
    fields(local, 8);
    const entry = Buffer.alloc(46);
    entry.writeUInt32LE(0x02014b50, 0);
    entry.writeUInt16LE(20, 4);
    entry.writeUInt16LE(20, 6);
    entry.writeUInt16LE(0x800, 8);
    fields(entry, 10);
    entry.writeUInt32LE(offset, 42);
    locals.push(local, name, packed);
    central.push(entry, name);
    offset += local.length + name.length + packed.length;
  }
  const directory = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(files.length, 8);
  end.writeUInt16LE(files.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...locals, directory, end]));
}

/** One object of a PDF: a dictionary or array as text, or a dictionary with its stream. */
export type PdfObject = string | { dictionary: string; stream: Uint8Array | string };

/**
 * A PDF of the given objects, numbered from 1 (the first must be the catalog), with its
 * cross-reference table and trailer. A stream's /Length is written for it.
 */
export function pdfFile(objects: PdfObject[]): Uint8Array {
  const parts: Buffer[] = [Buffer.from("%PDF-1.4\n", "latin1")];
  let length = parts[0]!.length;
  const offsets: number[] = [];
  const add = (part: Buffer) => {
    parts.push(part);
    length += part.length;
  };
  objects.forEach((object, i) => {
    offsets.push(length);
    if (typeof object === "string") {
      add(Buffer.from(`${i + 1} 0 obj\n${object}\nendobj\n`, "latin1"));
      return;
    }
    const stream = typeof object.stream === "string" ? Buffer.from(object.stream, "latin1") : Buffer.from(object.stream);
    const dictionary = object.dictionary.replace(/>>\s*$/, ` /Length ${stream.length} >>`);
    add(Buffer.from(`${i + 1} 0 obj\n${dictionary}\nstream\n`, "latin1"));
    add(stream);
    add(Buffer.from("\nendstream\nendobj\n", "latin1"));
  });
  const xref = length;
  add(
    Buffer.from(
      `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, "0")} 00000 n \n`).join("")}` +
        `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`,
      "latin1",
    ),
  );
  return new Uint8Array(Buffer.concat(parts));
}

/**
 * A FlateDecode (zlib) stream that unpacks to `megabytes` MB of spaces from about 1 KB per MB —
 * a decompression bomb, made without ever holding what it unpacks to: one megabyte deflated up to
 * a full flush (byte-aligned, not final), repeated, then a final empty block and the Adler-32
 * checksum of all those spaces (worked out, not summed: a = 1 + 32n, b = n + 32·n(n+1)/2).
 */
export function deflateBomb(megabytes: number): Uint8Array {
  const megabyte = deflateRawSync(Buffer.alloc(1024 * 1024, 0x20), { level: 9, finishFlush: constants.Z_FULL_FLUSH });
  const n = BigInt(megabytes) * 1048576n;
  const a = (1n + 32n * n) % 65521n;
  const b = (n + (32n * n * (n + 1n)) / 2n) % 65521n;
  const checksum = Buffer.alloc(4);
  checksum.writeUInt32BE(Number((b << 16n) | a));
  return new Uint8Array(Buffer.concat([Buffer.from([0x78, 0xda]), ...Array.from({ length: megabytes }, () => megabyte), Buffer.from([0x03, 0x00]), checksum]));
}
