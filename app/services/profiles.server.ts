/**
 * Import profiles: when detection is not sure of a CSV's columns, a person sees the detected
 * mapping on a preview of the file, adjusts it, and confirms; the confirmed mapping is saved as
 * a profile (data, keyed by the layout's fingerprint) and applied to every later file with the
 * same layout. Profiles export and import as JSON, between tenants.
 */
import { blocksAsTable } from "../domain/csv/blocks.ts";
import { csvLayoutSchema, importProfileSchema, type ImportProfileData } from "../domain/csv/layout-schema.ts";
import type { CsvLayout } from "../domain/csv/layout.ts";
import { decodeStatementBytes } from "../domain/encoding.ts";
import { AppError } from "../domain/errors.ts";
import { parseCsvText } from "../domain/parse.ts";
import type { Explanation } from "../domain/statement.ts";
import { audit } from "./audit.server.ts";
import { actorOf } from "./auth.server.ts";
import type { AuthContext } from "./auth.server.ts";
import { dataKeyVersion, decryptStream } from "./crypto.server.ts";
import { Prisma, withTenant } from "./db.server.ts";
import { enqueueStatement } from "./queue.server.ts";
import { objectAad } from "./statements.server.ts";
import { getObjectStream } from "./storage.server.ts";

type Who = Pick<AuthContext, "tenantId" | "user" | "client">;

const PREVIEW_ROWS = 50;
const PREVIEW_LINES = 40;
// A block file's head turned into its table for the preview: far more than PREVIEW_LINES rows.
const PREVIEW_BLOCK_CHARS = 256 * 1024;

export interface StatementPreview {
  statementId: string;
  fileName: string;
  /** The file's first lines as text, so a person can see what the columns hold. */
  lines: string[];
  layout: CsvLayout | null;
  confidence: "high" | "low" | null;
  explain: Explanation[];
  warnings: string[];
  /** Set when the file cannot be read with this mapping. */
  error: string | null;
  rowCount: number;
  /** Only the file's first PREVIEW_HEAD_BYTES were read: `rowCount` counts the rows in them. */
  partial: boolean;
  rows: { sourceRow: number; date: string; amount: string; description: string; balance?: string }[];
}

/**
 * A preview reads the file's head only, as detection does: the whole file could be 2 GB, and
 * the preview runs in the web process (read whole, a large CSV awaiting its mapping took the
 * web server's memory with it). The head is cut at its last line break.
 */
export const PREVIEW_HEAD_BYTES = 8 * 1024 * 1024;

async function loadCsvHead(tenantId: string, statementId: string, headBytes: number) {
  const statement = await withTenant(tenantId, (tx) =>
    tx.statement.findUnique({ where: { tenantId_id: { tenantId, id: statementId } }, include: { account: true } }),
  );
  if (!statement) throw new AppError("not_found", `No statement ${statementId} in this organisation.`);
  if (statement.format !== "csv") throw new AppError("bad_request", `"${statement.fileName}" is not a CSV file; column mappings apply to CSV files only.`);
  const keyFor = (version: number) => withTenant(tenantId, (tx) => dataKeyVersion(tx, tenantId, version));
  const source = await getObjectStream(statement.storageKey);
  const parts: Buffer[] = [];
  let size = 0;
  let partial = false;
  for await (const chunk of decryptStream(keyFor, source, objectAad(tenantId, statement.storageKey))) {
    parts.push(chunk);
    size += chunk.length;
    if (size > headBytes) {
      partial = true;
      break; // leaving the loop ends the decryption and lets the object's stream go
    }
  }
  let bytes = Buffer.concat(parts);
  if (partial) {
    bytes = bytes.subarray(0, headBytes);
    const lastBreak = Math.max(bytes.lastIndexOf(0x0a), bytes.lastIndexOf(0x0d));
    if (lastBreak > 0) bytes = bytes.subarray(0, lastBreak + 1);
  }
  return { statement, bytes: new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length), partial };
}

/** The file read with the given mapping (or its own detected one): what would be imported. */
export async function previewStatement(
  auth: Pick<AuthContext, "tenantId">,
  statementId: string,
  layoutInput?: unknown,
  options: { headBytes?: number } = {},
): Promise<StatementPreview> {
  const layout = layoutInput === undefined ? undefined : csvLayoutSchema.parse(layoutInput);
  const { statement, bytes, partial } = await loadCsvHead(auth.tenantId, statementId, options.headBytes ?? PREVIEW_HEAD_BYTES);
  // Decoded once: the rows are read from the text the lines below are shown from.
  const decoded = decodeStatementBytes(bytes);
  const outcome = await parseCsvText(decoded, {
    accountKind: statement.account.kind === "credit_card" ? "credit-card" : "bank",
    ...(layout ? { csvLayout: layout } : {}),
  });
  // The file's lines as the reader saw them: decoded as detected (Windows-1252, UTF-16,
  // Shift_JIS …), not as UTF-8, which garbles every letter outside ASCII of such a file; and a
  // file of "key: value" blocks as the table its keys make (csv/blocks.ts), whose lines the
  // mapping's header and data line numbers count and whose cells are the columns' samples.
  const blocks = (layout ?? (outcome.ok ? outcome.statement.layout : undefined) ?? (statement.layout as CsvLayout | null))?.blocks;
  const lines = (blocks ? blocksAsTable(decoded.text.slice(0, PREVIEW_BLOCK_CHARS), blocks.keys) : decoded.text).split(/\r\n|\r|\n/, PREVIEW_LINES);
  if (!outcome.ok) {
    return {
      statementId, fileName: statement.fileName, lines, layout: layout ?? (statement.layout as CsvLayout | null), confidence: null,
      explain: [], warnings: [], error: outcome.error, rowCount: 0, partial, rows: [],
    };
  }
  const s = outcome.statement;
  return {
    statementId,
    fileName: statement.fileName,
    lines,
    layout: s.layout ?? null,
    confidence: s.confidence,
    explain: s.explain,
    warnings: s.warnings,
    error: null,
    rowCount: s.rows.length,
    partial,
    rows: s.rows.slice(0, PREVIEW_ROWS).map((r) => ({
      sourceRow: r.sourceRow,
      date: r.date,
      amount: r.amount.toString(),
      description: r.description,
      ...(r.balance ? { balance: r.balance.toString() } : {}),
    })),
  };
}

/**
 * A person confirms (or corrects) the mapping of a held CSV: it is saved as a profile and the
 * statement is imported with it. Refused when the file cannot be read with that mapping.
 */
export async function confirmMapping(who: Who, statementId: string, input: unknown): Promise<{ profileId: string }> {
  const { layout, name } = importProfileSchema.pick({ layout: true }).extend({ name: importProfileSchema.shape.name.optional() }).parse(input);
  const preview = await previewStatement(who, statementId, layout);
  if (preview.error) throw new AppError("validation_failed", `${preview.fileName}: with this mapping, ${preview.error}`);
  const { tenantId } = who;
  const profileId = await withTenant(tenantId, async (tx) => {
    const statement = await tx.statement.findUniqueOrThrow({ where: { tenantId_id: { tenantId, id: statementId } } });
    if (statement.status !== "needs_mapping" && statement.status !== "failed") {
      throw new AppError("conflict", `"${statement.fileName}" is ${statement.status.replace("_", " ")}; undo it before importing it with another mapping.`);
    }
    const data = { name: name ?? `Mapping for ${statement.fileName}`, format: "csv", layout: layout as unknown as Prisma.InputJsonValue };
    const profile = await tx.importProfile.upsert({
      where: { tenantId_fingerprint: { tenantId, fingerprint: layout.fingerprint } },
      create: { tenantId, fingerprint: layout.fingerprint, createdById: who.user.id, ...data },
      update: data,
    });
    await tx.statement.update({
      where: { tenantId_id: { tenantId, id: statementId } },
      data: { status: "queued", progress: 0, error: null, profileId: profile.id, layout: data.layout, processedAt: new Date() },
    });
    await audit(tx, {
      tenantId,
      ...actorOf(who),
      action: "statement.mapping_confirmed",
      entityType: "statement",
      entityId: statementId,
      after: { profileId: profile.id, fingerprint: layout.fingerprint, columns: layout.columns, dateOrder: layout.dateOrder, sign: layout.sign },
      ...who.client,
    });
    return profile.id;
  });
  await enqueueStatement({ tenantId, statementId }, { rerun: true });
  return { profileId };
}

export async function listProfiles(auth: Pick<AuthContext, "tenantId">): Promise<(ImportProfileData & { id: string; updatedAt: string })[]> {
  const rows = await withTenant(auth.tenantId, (tx) => tx.importProfile.findMany({ where: { tenantId: auth.tenantId }, orderBy: { name: "asc" } }));
  return rows.map((p) => ({
    id: p.id,
    name: p.name,
    format: "csv" as const,
    fingerprint: p.fingerprint,
    layout: p.layout as unknown as CsvLayout,
    updatedAt: p.updatedAt.toISOString(),
  }));
}

/** Imports profiles exported elsewhere; a profile for a layout already known replaces it. */
export async function importProfiles(who: Who, input: unknown): Promise<{ imported: number }> {
  const profiles = importProfileSchema.array().min(1).max(500).parse(input);
  for (const p of profiles) {
    if (p.fingerprint !== p.layout.fingerprint) throw new AppError("validation_failed", `profile "${p.name}": its fingerprint does not match its layout`);
  }
  const { tenantId } = who;
  await withTenant(tenantId, async (tx) => {
    for (const p of profiles) {
      const data = { name: p.name, format: p.format, layout: p.layout as unknown as Prisma.InputJsonValue };
      await tx.importProfile.upsert({
        where: { tenantId_fingerprint: { tenantId, fingerprint: p.fingerprint } },
        create: { tenantId, fingerprint: p.fingerprint, createdById: who.user.id, ...data },
        update: data,
      });
    }
    await audit(tx, {
      tenantId,
      ...actorOf(who),
      action: "profiles.import",
      entityType: "import_profile",
      after: { names: profiles.map((p) => p.name) },
      ...who.client,
    });
  });
  return { imported: profiles.length };
}
