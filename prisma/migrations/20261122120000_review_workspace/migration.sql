
-- AlterTable
ALTER TABLE "Transaction" ADD COLUMN     "categoryConfidence" DECIMAL(5,4),
ADD COLUMN     "categorySource" TEXT,
ADD COLUMN     "note" TEXT,
ADD COLUMN     "reconciledAt" TIMESTAMPTZ(3),
ADD COLUMN     "reconciliationId" UUID,
ADD COLUMN     "version" INTEGER NOT NULL DEFAULT 1;

-- CreateTable
CREATE TABLE "TransactionSplit" (
    "tenantId" UUID NOT NULL,
    "transactionId" UUID NOT NULL,
    "seq" INTEGER NOT NULL,
    "amount" DECIMAL(20,4) NOT NULL,
    "categoryId" UUID,
    "note" TEXT,

    CONSTRAINT "TransactionSplit_pkey" PRIMARY KEY ("tenantId","transactionId","seq")
);

-- CreateTable
CREATE TABLE "CategoryRule" (
    "tenantId" UUID NOT NULL,
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "priority" INTEGER NOT NULL,
    "match" TEXT NOT NULL,
    "conditions" JSONB NOT NULL,
    "actions" JSONB NOT NULL,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "createdById" UUID,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "CategoryRule_pkey" PRIMARY KEY ("tenantId","id")
);

-- CreateTable
CREATE TABLE "CategoryModel" (
    "tenantId" UUID NOT NULL,
    "name" TEXT NOT NULL DEFAULT 'default',
    "state" JSONB NOT NULL,
    "examples" INTEGER NOT NULL DEFAULT 0,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "CategoryModel_pkey" PRIMARY KEY ("tenantId","name")
);

-- CreateTable
CREATE TABLE "CategoryCorrection" (
    "tenantId" UUID NOT NULL,
    "id" UUID NOT NULL,
    "payee" TEXT NOT NULL,
    "categoryId" UUID NOT NULL,
    "transactionId" UUID NOT NULL,
    "userId" UUID,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CategoryCorrection_pkey" PRIMARY KEY ("tenantId","id")
);

-- CreateTable
CREATE TABLE "TransferPair" (
    "tenantId" UUID NOT NULL,
    "id" UUID NOT NULL,
    "outgoingId" UUID NOT NULL,
    "incomingId" UUID NOT NULL,
    "status" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "decidedAt" TIMESTAMPTZ(3),
    "decidedById" UUID,

    CONSTRAINT "TransferPair_pkey" PRIMARY KEY ("tenantId","id")
);

-- CreateTable
CREATE TABLE "Reconciliation" (
    "tenantId" UUID NOT NULL,
    "id" UUID NOT NULL,
    "accountId" UUID NOT NULL,
    "statementId" UUID,
    "endDate" DATE NOT NULL,
    "endBalance" DECIMAL(20,4) NOT NULL,
    "status" TEXT NOT NULL,
    "createdById" UUID,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "completedAt" TIMESTAMPTZ(3),
    "completedById" UUID,

    CONSTRAINT "Reconciliation_pkey" PRIMARY KEY ("tenantId","id")
);

-- CreateTable
CREATE TABLE "ProposedChange" (
    "tenantId" UUID NOT NULL,
    "id" UUID NOT NULL,
    "transactionId" UUID NOT NULL,
    "baseVersion" INTEGER NOT NULL,
    "changes" JSONB NOT NULL,
    "proposedById" UUID NOT NULL,
    "proposedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "decidedById" UUID,
    "decidedAt" TIMESTAMPTZ(3),
    "decisionNote" TEXT,

    CONSTRAINT "ProposedChange_pkey" PRIMARY KEY ("tenantId","id")
);

-- CreateTable
CREATE TABLE "PeriodLock" (
    "tenantId" UUID NOT NULL,
    "id" UUID NOT NULL,
    "accountId" UUID,
    "lockedThrough" DATE NOT NULL,
    "reason" TEXT,
    "lockedById" UUID NOT NULL,
    "lockedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "unlockedAt" TIMESTAMPTZ(3),
    "unlockedById" UUID,
    "unlockReason" TEXT,

    CONSTRAINT "PeriodLock_pkey" PRIMARY KEY ("tenantId","id")
);

-- CreateTable
CREATE TABLE "TenantSettings" (
    "tenantId" UUID NOT NULL,
    "autoCategorizeThreshold" DECIMAL(3,2) NOT NULL DEFAULT 0.8,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "TenantSettings_pkey" PRIMARY KEY ("tenantId")
);

-- CreateIndex
CREATE INDEX "CategoryRule_tenantId_priority_idx" ON "CategoryRule"("tenantId", "priority");

-- CreateIndex
CREATE INDEX "CategoryCorrection_tenantId_payee_idx" ON "CategoryCorrection"("tenantId", "payee");

-- CreateIndex
CREATE UNIQUE INDEX "TransferPair_tenantId_outgoingId_incomingId_key" ON "TransferPair"("tenantId", "outgoingId", "incomingId");

-- CreateIndex
CREATE INDEX "Reconciliation_tenantId_accountId_idx" ON "Reconciliation"("tenantId", "accountId");

-- CreateIndex
CREATE INDEX "ProposedChange_tenantId_status_idx" ON "ProposedChange"("tenantId", "status");

-- CreateIndex
CREATE INDEX "PeriodLock_tenantId_accountId_idx" ON "PeriodLock"("tenantId", "accountId");

-- AddForeignKey
ALTER TABLE "TransactionSplit" ADD CONSTRAINT "TransactionSplit_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TransactionSplit" ADD CONSTRAINT "TransactionSplit_tenantId_transactionId_fkey" FOREIGN KEY ("tenantId", "transactionId") REFERENCES "Transaction"("tenantId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CategoryRule" ADD CONSTRAINT "CategoryRule_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CategoryModel" ADD CONSTRAINT "CategoryModel_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CategoryCorrection" ADD CONSTRAINT "CategoryCorrection_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TransferPair" ADD CONSTRAINT "TransferPair_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Reconciliation" ADD CONSTRAINT "Reconciliation_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProposedChange" ADD CONSTRAINT "ProposedChange_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PeriodLock" ADD CONSTRAINT "PeriodLock_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TenantSettings" ADD CONSTRAINT "TenantSettings_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- Hand-written: grants, row-level security, row rules, and the database's half of the review
-- workspace's promises (period locks, reconciled rows, exact splits) — enforced here so that
-- every write path (edits, imports, undo, re-runs) is held to them, not only the UI.

GRANT SELECT, INSERT, UPDATE, DELETE ON "TransactionSplit", "CategoryRule", "CategoryModel", "CategoryCorrection",
  "TransferPair", "Reconciliation", "ProposedChange", "TenantSettings" TO cashline_app;
-- A lock is never deleted (an unlock is an UPDATE that records who, when and why).
GRANT SELECT, INSERT, UPDATE ON "PeriodLock" TO cashline_app;
DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['TransactionSplit', 'CategoryRule', 'CategoryModel', 'CategoryCorrection', 'TransferPair',
                           'Reconciliation', 'ProposedChange', 'PeriodLock', 'TenantSettings']
  LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY tenant_isolation ON %I USING ("tenantId" = app_tenant_id()) '
                   'WITH CHECK ("tenantId" = app_tenant_id())', t);
  END LOOP;
END
$$;

CREATE FUNCTION enforce_workspace_rules() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  CASE TG_TABLE_NAME
    WHEN 'CategoryRule' THEN
      IF NEW.match NOT IN ('all', 'any') THEN
        RAISE EXCEPTION 'CategoryRule.match must be all or any, got %', NEW.match USING ERRCODE = 'check_violation';
      END IF;
    WHEN 'TransferPair' THEN
      IF NEW.status NOT IN ('proposed', 'confirmed', 'rejected') OR NEW."outgoingId" = NEW."incomingId" THEN
        RAISE EXCEPTION 'TransferPair: status proposed/confirmed/rejected and two different rows (status %)', NEW.status
          USING ERRCODE = 'check_violation';
      END IF;
    WHEN 'Reconciliation' THEN
      IF NEW.status NOT IN ('open', 'completed') THEN
        RAISE EXCEPTION 'Reconciliation.status must be open or completed, got %', NEW.status USING ERRCODE = 'check_violation';
      END IF;
    WHEN 'ProposedChange' THEN
      IF NEW.status NOT IN ('pending', 'approved', 'rejected') THEN
        RAISE EXCEPTION 'ProposedChange.status must be pending, approved or rejected, got %', NEW.status USING ERRCODE = 'check_violation';
      END IF;
    WHEN 'TenantSettings' THEN
      IF NEW."autoCategorizeThreshold" NOT BETWEEN 0 AND 1 THEN
        RAISE EXCEPTION 'TenantSettings.autoCategorizeThreshold must be between 0 and 1' USING ERRCODE = 'check_violation';
      END IF;
    WHEN 'PeriodLock' THEN
      IF TG_OP = 'UPDATE' THEN
        -- A lock's scope and date never change (lock again instead); the only change is the
        -- unlock, once, saying who and why.
        IF NEW."accountId" IS DISTINCT FROM OLD."accountId" OR NEW."lockedThrough" <> OLD."lockedThrough"
           OR NEW."lockedById" <> OLD."lockedById" OR NEW."lockedAt" <> OLD."lockedAt" OR OLD."unlockedAt" IS NOT NULL THEN
          RAISE EXCEPTION 'a period lock is only ever unlocked, once; lock again for another date' USING ERRCODE = 'check_violation';
        END IF;
        IF NEW."unlockedAt" IS NULL OR NEW."unlockedById" IS NULL OR coalesce(btrim(NEW."unlockReason"), '') = '' THEN
          RAISE EXCEPTION 'unlocking a period needs who, when and a reason' USING ERRCODE = 'check_violation';
        END IF;
      ELSIF NEW."unlockedAt" IS NOT NULL THEN
        RAISE EXCEPTION 'a period lock is created locked' USING ERRCODE = 'check_violation';
      END IF;
  END CASE;
  RETURN NEW;
END
$$;
DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['CategoryRule', 'TransferPair', 'Reconciliation', 'ProposedChange', 'TenantSettings', 'PeriodLock']
  LOOP
    EXECUTE format('CREATE TRIGGER enforce_workspace_rules BEFORE INSERT OR UPDATE ON %I '
                   'FOR EACH ROW EXECUTE FUNCTION enforce_workspace_rules()', t);
  END LOOP;
END
$$;

-- The statement-level check of inserted and updated rows (20261122100000) gains the period
-- lock: no row may be written into a locked period.
CREATE OR REPLACE FUNCTION check_transaction_rows() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
SET search_path = public, pg_temp AS $$
DECLARE
  bad record;
BEGIN
  SELECT "tenantId", "statementId", "sourceRow" INTO bad FROM changed_rows
   WHERE app_tenant_id() IS NOT NULL AND "tenantId" IS DISTINCT FROM app_tenant_id() LIMIT 1;
  IF FOUND THEN
    RAISE EXCEPTION 'Transaction rows must belong to the current tenant (row % of statement %)', bad."sourceRow", bad."statementId"
      USING ERRCODE = 'insufficient_privilege';
  END IF;

  SELECT "statementId", "sourceRow", currency, status, "duplicateOfId" INTO bad FROM changed_rows
   WHERE currency !~ '^[A-Z]{3}$' OR (status::text = 'duplicate') <> ("duplicateOfId" IS NOT NULL) LIMIT 1;
  IF FOUND THEN
    RAISE EXCEPTION 'Transaction row % of statement %: currency must be an ISO 4217 code and status ''duplicate'' exactly when duplicateOfId is set (currency %, status %)',
      bad."sourceRow", bad."statementId", bad.currency, bad.status USING ERRCODE = 'check_violation';
  END IF;

  SELECT r.date, l."lockedThrough" AS through INTO bad FROM changed_rows r
    JOIN "PeriodLock" l ON l."tenantId" = r."tenantId" AND l."unlockedAt" IS NULL
                       AND (l."accountId" IS NULL OR l."accountId" = r."accountId") AND r.date <= l."lockedThrough"
   LIMIT 1;
  IF FOUND THEN
    RAISE EXCEPTION 'the period through % is locked: no row dated % may be added or changed until it is unlocked', bad.through, bad.date
      USING ERRCODE = 'object_in_use';
  END IF;

  PERFORM 1 FROM "Statement" s
   WHERE (s."tenantId", s.id) IN (SELECT DISTINCT "tenantId", "statementId" FROM changed_rows)
     FOR KEY SHARE;
  SELECT n."tenantId", n."statementId", n."accountId" INTO bad
    FROM (SELECT DISTINCT "tenantId", "statementId", "accountId" FROM changed_rows) n
   WHERE NOT EXISTS (SELECT 1 FROM "Statement" s
                      WHERE s."tenantId" = n."tenantId" AND s.id = n."statementId" AND s."accountId" = n."accountId")
   LIMIT 1;
  IF FOUND THEN
    RAISE EXCEPTION 'Transaction rows refer to statement % of account %, which does not exist', bad."statementId", bad."accountId"
      USING ERRCODE = 'foreign_key_violation';
  END IF;
  RETURN NULL;
END
$$;

-- Updated and deleted rows: what they were matters too. A row in a locked period cannot be
-- changed or removed (an undo, a re-run, a tenant's own edit); a reconciled row cannot be
-- edited or removed while it stays reconciled (un-reconciling is the audited unlock).
CREATE FUNCTION check_transaction_old_rows() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
SET search_path = public, pg_temp AS $$
DECLARE
  bad record;
BEGIN
  SELECT o.date, l."lockedThrough" AS through INTO bad FROM old_rows o
    JOIN "PeriodLock" l ON l."tenantId" = o."tenantId" AND l."unlockedAt" IS NULL
                       AND (l."accountId" IS NULL OR l."accountId" = o."accountId") AND o.date <= l."lockedThrough"
   LIMIT 1;
  IF FOUND THEN
    RAISE EXCEPTION 'the period through % is locked: no row dated % may be changed or removed until it is unlocked', bad.through, bad.date
      USING ERRCODE = 'object_in_use';
  END IF;
  IF TG_OP = 'DELETE' THEN
    SELECT o.id INTO bad FROM old_rows o WHERE o."reconciledAt" IS NOT NULL LIMIT 1;
    IF FOUND THEN
      RAISE EXCEPTION 'row % is reconciled: unlock it (operator, audited) before removing it', bad.id USING ERRCODE = 'object_in_use';
    END IF;
  END IF;
  IF TG_OP = 'UPDATE' THEN
    SELECT o.id INTO bad FROM old_rows o JOIN changed_rows n ON n."tenantId" = o."tenantId" AND n.id = o.id
     WHERE o."reconciledAt" IS NOT NULL AND n."reconciledAt" IS NOT NULL
       AND (n."categoryId" IS DISTINCT FROM o."categoryId" OR n.payee IS DISTINCT FROM o.payee OR n.note IS DISTINCT FROM o.note
            OR n.description <> o.description OR n.amount <> o.amount OR n.date <> o.date OR n.status <> o.status
            OR n."duplicateOfId" IS DISTINCT FROM o."duplicateOfId")
     LIMIT 1;
    IF FOUND THEN
      RAISE EXCEPTION 'row % is reconciled: unlock it (operator, audited) before editing', bad.id USING ERRCODE = 'object_in_use';
    END IF;
  END IF;
  RETURN NULL;
END
$$;
DROP TRIGGER check_updated_rows ON "Transaction";
CREATE TRIGGER check_updated_rows AFTER UPDATE ON "Transaction"
  REFERENCING NEW TABLE AS changed_rows
  FOR EACH STATEMENT EXECUTE FUNCTION check_transaction_rows();
CREATE TRIGGER check_updated_old_rows AFTER UPDATE ON "Transaction"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS changed_rows
  FOR EACH STATEMENT EXECUTE FUNCTION check_transaction_old_rows();
CREATE TRIGGER check_deleted_rows AFTER DELETE ON "Transaction"
  REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION check_transaction_old_rows();

-- Splits: the parts of a row sum exactly to its amount (or there are none), and follow the
-- row's own locks (period, reconciled).
CREATE FUNCTION check_splits() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
SET search_path = public, pg_temp AS $$
DECLARE
  bad record;
BEGIN
  SELECT t.id, t.amount, sum(s.amount) AS parts INTO bad
    FROM (SELECT DISTINCT "tenantId", "transactionId" FROM touched) x
    JOIN "Transaction" t ON t."tenantId" = x."tenantId" AND t.id = x."transactionId"
    JOIN "TransactionSplit" s ON s."tenantId" = t."tenantId" AND s."transactionId" = t.id
   GROUP BY t.id, t.amount
  HAVING sum(s.amount) <> t.amount
   LIMIT 1;
  IF FOUND THEN
    RAISE EXCEPTION 'the parts of row % add up to %, not to its amount %', bad.id, bad.parts, bad.amount USING ERRCODE = 'check_violation';
  END IF;
  SELECT t.id, t.date, t."reconciledAt", l."lockedThrough" AS through INTO bad
    FROM (SELECT DISTINCT "tenantId", "transactionId" FROM touched) x
    JOIN "Transaction" t ON t."tenantId" = x."tenantId" AND t.id = x."transactionId"
    LEFT JOIN "PeriodLock" l ON l."tenantId" = t."tenantId" AND l."unlockedAt" IS NULL
                            AND (l."accountId" IS NULL OR l."accountId" = t."accountId") AND t.date <= l."lockedThrough"
   WHERE l.id IS NOT NULL OR t."reconciledAt" IS NOT NULL
   LIMIT 1;
  IF FOUND THEN
    RAISE EXCEPTION 'row % cannot be split or re-split: %', bad.id,
      CASE WHEN bad.through IS NOT NULL THEN format('the period through %s is locked', bad.through) ELSE 'it is reconciled' END
      USING ERRCODE = 'object_in_use';
  END IF;
  RETURN NULL;
END
$$;
CREATE TRIGGER check_inserted_splits AFTER INSERT ON "TransactionSplit"
  REFERENCING NEW TABLE AS touched FOR EACH STATEMENT EXECUTE FUNCTION check_splits();
CREATE TRIGGER check_updated_splits AFTER UPDATE ON "TransactionSplit"
  REFERENCING NEW TABLE AS touched FOR EACH STATEMENT EXECUTE FUNCTION check_splits();
CREATE TRIGGER check_deleted_splits AFTER DELETE ON "TransactionSplit"
  REFERENCING OLD TABLE AS touched FOR EACH STATEMENT EXECUTE FUNCTION check_splits();

-- Deleting a tenant (20261122113000_tenant_deletion) must get past its own locks: the same
-- function, which now clears them first. (The app role cannot: it has no DELETE on
-- "PeriodLock".)
CREATE OR REPLACE FUNCTION delete_tenant(tenant uuid, requested_by uuid, keys_destroyed int, objects_deleted int)
RETURNS jsonb LANGUAGE plpgsql SECURITY DEFINER
SET search_path = public, pg_temp
AS $$
DECLARE
  tenant_name text;
  tbl text;
  n bigint;
  counts jsonb := '{}'::jsonb;
  leftover text[] := '{}';
  retention_before text := coalesce(current_setting('cashline.audit_retention', true), '');
BEGIN
  IF tenant IS NULL OR tenant IS DISTINCT FROM app_tenant_id() THEN
    RAISE EXCEPTION 'delete_tenant: tenant % is not the tenant of this transaction (app.tenant_id)', tenant
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  SELECT name INTO tenant_name FROM "Tenant" WHERE id = tenant FOR UPDATE;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'delete_tenant: there is no tenant %', tenant USING ERRCODE = 'no_data_found';
  END IF;
  IF EXISTS (SELECT 1 FROM "TenantKey" WHERE "tenantId" = tenant) THEN
    RAISE EXCEPTION 'delete_tenant: tenant % still has data keys; destroy them first (in their own transaction), then delete its rows', tenant
      USING ERRCODE = 'object_not_in_prerequisite_state';
  END IF;

  -- Every table with a "tenantId" column, found in the catalogue rather than listed, so a
  -- tenant table added later is counted (and checked below) without touching this function.
  FOR tbl IN
    SELECT c.relname FROM pg_class c
      JOIN pg_namespace ns ON ns.oid = c.relnamespace
      JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname = 'tenantId' AND NOT a.attisdropped
     WHERE ns.nspname = 'public' AND c.relkind IN ('r', 'p') AND c.relname <> 'TenantDeletion'
     ORDER BY c.relname
  LOOP
    EXECUTE format('SELECT count(*) FROM %I WHERE "tenantId" = $1', tbl) INTO n USING tenant;
    IF n > 0 THEN counts := counts || jsonb_build_object(tbl, n); END IF;
  END LOOP;
  counts := counts || jsonb_build_object('Tenant', 1);

  -- "Transaction" has no foreign key to its tenant or statement (a trigger checks them, see
  -- 20261122100000_ledger_copy_ingest) and restricts deleting the categories it uses: its
  -- rows go first. Everything else cascades from "Tenant".
  PERFORM set_config('cashline.audit_retention', 'on', true);
  -- The tenant's period locks and reconciliations would (rightly) refuse this: they go first.
  DELETE FROM "PeriodLock" WHERE "tenantId" = tenant;
  UPDATE "Transaction" SET "reconciledAt" = NULL WHERE "tenantId" = tenant AND "reconciledAt" IS NOT NULL;
  DELETE FROM "Transaction" WHERE "tenantId" = tenant;
  DELETE FROM "Tenant" WHERE id = tenant;
  PERFORM set_config('cashline.audit_retention', retention_before, true);

  -- A tenant table that neither cascades from "Tenant" nor is handled above would keep rows:
  -- refuse (everything rolls back) rather than report a deletion that did not happen.
  FOR tbl IN
    SELECT c.relname FROM pg_class c
      JOIN pg_namespace ns ON ns.oid = c.relnamespace
      JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname = 'tenantId' AND NOT a.attisdropped
     WHERE ns.nspname = 'public' AND c.relkind IN ('r', 'p') AND c.relname <> 'TenantDeletion'
     ORDER BY c.relname
  LOOP
    EXECUTE format('SELECT count(*) FROM %I WHERE "tenantId" = $1', tbl) INTO n USING tenant;
    IF n > 0 THEN leftover := leftover || tbl; END IF;
  END LOOP;
  IF cardinality(leftover) > 0 THEN
    RAISE EXCEPTION 'delete_tenant: rows of tenant % would remain in % (not cascaded from "Tenant"); nothing was deleted',
      tenant, array_to_string(leftover, ', ');
  END IF;

  INSERT INTO "TenantDeletion" ("tenantId", "tenantName", "requestedById", "keysDestroyed", "objectsDeleted", "rowsDeleted")
  VALUES (tenant, tenant_name, requested_by, keys_destroyed, objects_deleted, counts);
  RETURN counts;
END
$$;
