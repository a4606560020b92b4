/**
 * Redis holds nothing we cannot lose: a statement whose job vanished (Redis restarted after
 * the row was committed) is re-queued from its database row the next time anyone reads its
 * status, and then processed normally.
 */
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { currentDataKey, encryptBlob, sha256Hex } from "~/services/crypto.server";
import { withTenant } from "~/services/db.server";
import { statementQueue } from "~/services/queue.server";
import { objectAad } from "~/services/statements.server";
import { putObject } from "~/services/storage.server";
import { createTenant, signedIn } from "../support/fixtures.ts";

describe("a statement whose queue job was lost", () => {
  it("is re-queued when its status is read, and posts", async () => {
    const t = await createTenant("Recovery");
    const bytes = new TextEncoder().encode("Date,Description,Amount\n2026-04-01,Recovered sale,42.00\n");
    const storageKey = `tenants/${t.tenantId}/statements/${randomUUID()}`;
    // What an upload leaves behind when the job never reached Redis: object + queued row.
    const statement = await withTenant(t.tenantId, async (tx) => {
      const key = await currentDataKey(tx, t.tenantId);
      await putObject(storageKey, await encryptBlob(key, bytes, objectAad(t.tenantId, storageKey)));
      return tx.statement.create({
        data: {
          tenantId: t.tenantId, accountId: t.accountId, fileName: "lost.csv", fileSize: bytes.length, sha256: sha256Hex(bytes),
          storageKey, keyVersion: key.version, format: "csv", currency: "USD", uploadedById: t.users.admin.id,
          uploadedAt: new Date(Date.now() - 5 * 60_000),
        },
      });
    });
    expect(await statementQueue().getJob(statement.id)).toBeUndefined();

    const c = await signedIn(t.users["data-entry"].email);
    const done = await c.waitForStatement(statement.id);
    expect(done).toMatchObject({ status: "posted", rowCount: 1 });
  });
});
