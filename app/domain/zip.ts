/**
 * The files inside a ZIP archive — as some banks deliver CAMT.053 statements (one XML file
 * per day or per statement). Only what such archives use is read: stored and deflated entries,
 * from the central directory. Anything else (encryption, ZIP64, a spanned archive, a damaged
 * entry) is refused with the reason, and the archive's total unpacked size is bounded before
 * anything is inflated, so a ZIP bomb stops at the bound. Pure: bytes in, files out.
 */
import { crc32, inflateRawSync } from "node:zlib";
import { StatementParseError } from "./statement.ts";

export interface ZipFile {
  name: string;
  data: Uint8Array;
}

export interface ZipLimits {
  maxFiles: number;
  /** The sum of the files' unpacked sizes. */
  maxTotalBytes: number;
}

const LOCAL_HEADER = 0x04034b50;
const CENTRAL_HEADER = 0x02014b50;
const END_OF_DIRECTORY = 0x06054b50;

export function isZip(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
}

/** The archive's files in directory order; folders and macOS resource forks (`__MACOSX/`, `._x`) are left out. */
export function readZipFiles(bytes: Uint8Array, limits: ZipLimits): ZipFile[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const damaged = (why: string) => new StatementParseError(`the ZIP archive is damaged (${why}); download it again`);
  // The end-of-directory record: 22 bytes, then a comment of up to 64 KiB.
  let end = -1;
  for (let at = bytes.length - 22; at >= Math.max(0, bytes.length - 22 - 0xffff); at--) {
    if (view.getUint32(at, true) === END_OF_DIRECTORY) {
      end = at;
      break;
    }
  }
  if (end < 0) throw damaged("no central directory");
  const count = view.getUint16(end + 10, true);
  const directorySize = view.getUint32(end + 12, true);
  const directoryAt = view.getUint32(end + 16, true);
  if (count === 0xffff || directoryAt === 0xffffffff) throw new StatementParseError("this ZIP archive is in the ZIP64 format, which is not read here; unpack it and upload the files inside");
  if (directoryAt + directorySize > end) throw damaged("its directory lies outside the file");
  if (count > limits.maxFiles) throw new StatementParseError(`this ZIP archive holds ${count} files; up to ${limits.maxFiles} are read at once — unpack it and upload them in parts`);

  const entries: { name: string; method: number; flags: number; crc: number; packed: number; size: number; localAt: number }[] = [];
  let total = 0;
  for (let i = 0, at = directoryAt; i < count; i++) {
    if (at + 46 > end || view.getUint32(at, true) !== CENTRAL_HEADER) throw damaged(`directory entry ${i + 1}`);
    const flags = view.getUint16(at + 8, true);
    const method = view.getUint16(at + 10, true);
    const crc = view.getUint32(at + 16, true);
    const packed = view.getUint32(at + 20, true);
    const size = view.getUint32(at + 24, true);
    const nameLength = view.getUint16(at + 28, true);
    const extraLength = view.getUint16(at + 30, true);
    const commentLength = view.getUint16(at + 32, true);
    const localAt = view.getUint32(at + 42, true);
    // Bit 11: the name is UTF-8; otherwise it is in the old DOS code page (ASCII names read the same).
    const name = Buffer.from(bytes.subarray(at + 46, at + 46 + nameLength)).toString(flags & 0x800 ? "utf8" : "latin1");
    at += 46 + nameLength + extraLength + commentLength;
    if (name.endsWith("/") || name.startsWith("__MACOSX/") || /(^|\/)\._/.test(name)) continue;
    if (flags & 0x1) throw new StatementParseError(`"${name}" in the ZIP archive is encrypted; unpack it with its password and upload the files inside`);
    if (method !== 0 && method !== 8) throw new StatementParseError(`"${name}" in the ZIP archive is compressed in a way not read here (method ${method}); unpack it and upload the files inside`);
    if (size === 0xffffffff || packed === 0xffffffff) throw new StatementParseError("this ZIP archive is in the ZIP64 format, which is not read here; unpack it and upload the files inside");
    total += size;
    if (total > limits.maxTotalBytes) {
      throw new StatementParseError(`this ZIP archive unpacks to more than ${Math.round(limits.maxTotalBytes / 1048576)} MB; unpack it and upload the files in parts`);
    }
    entries.push({ name, method, flags, crc, packed, size, localAt });
  }

  return entries.map((e) => {
    if (e.localAt + 30 > bytes.length || view.getUint32(e.localAt, true) !== LOCAL_HEADER) throw damaged(`"${e.name}"`);
    const dataAt = e.localAt + 30 + view.getUint16(e.localAt + 26, true) + view.getUint16(e.localAt + 28, true);
    if (dataAt + e.packed > bytes.length) throw damaged(`"${e.name}" is cut short`);
    const packed = bytes.subarray(dataAt, dataAt + e.packed);
    let data: Uint8Array;
    try {
      // The directory's size is the bound: inflating never produces more than it announced.
      data = e.method === 0 ? packed : new Uint8Array(inflateRawSync(packed, { maxOutputLength: Math.max(1, e.size) }));
    } catch {
      throw damaged(`"${e.name}" does not unpack`);
    }
    if (data.length !== e.size || crc32(data) !== e.crc) throw damaged(`"${e.name}" fails its checksum`);
    return { name: e.name, data };
  });
}
