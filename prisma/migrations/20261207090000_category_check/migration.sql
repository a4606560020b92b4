-- The category foreign key of "Transaction" becomes a set-based check, as the statement's did
-- (20261122100000_ledger_copy_ingest): checked per row, it was 220–240 ms of every 100k-row
-- import (docs/performance.md); checked once per INSERT/UPDATE statement over the distinct
-- categories the rows name, it is a few index probes. What the key also did, triggers on
-- "Category" now do: a category that rows refer to cannot be deleted (ON DELETE RESTRICT),
-- and a category's tenant and id never change (the key's ON UPDATE CASCADE had nothing to do:
-- the app never changes them).

-- DropForeignKey
ALTER TABLE "Transaction" DROP CONSTRAINT "Transaction_tenantId_categoryId_fkey";

-- Every check of inserted or updated rows, as in 20261122120000_review_workspace, and the category.
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

  -- The category foreign key, set-based: every category the rows name exists (archived ones
  -- too, as with the key), locked as the key would have locked it.
  PERFORM 1 FROM "Category" c
   WHERE (c."tenantId", c.id) IN (SELECT DISTINCT "tenantId", "categoryId" FROM changed_rows WHERE "categoryId" IS NOT NULL)
     FOR KEY SHARE;
  SELECT n."tenantId", n."categoryId" INTO bad
    FROM (SELECT DISTINCT "tenantId", "categoryId" FROM changed_rows WHERE "categoryId" IS NOT NULL) n
   WHERE NOT EXISTS (SELECT 1 FROM "Category" c WHERE c."tenantId" = n."tenantId" AND c.id = n."categoryId")
   LIMIT 1;
  IF FOUND THEN
    RAISE EXCEPTION 'Transaction rows refer to category %, which does not exist', bad."categoryId"
      USING ERRCODE = 'foreign_key_violation';
  END IF;
  RETURN NULL;
END
$$;

-- ON DELETE RESTRICT. SECURITY DEFINER: it must see rows whoever deletes (still only the
-- current tenant's under row-level security, which is the tenant whose categories these are).
CREATE FUNCTION restrict_category_delete() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
SET search_path = public, pg_temp AS $$
DECLARE
  bad record;
BEGIN
  SELECT d.id, d.name INTO bad FROM deleted_categories d
   WHERE EXISTS (SELECT 1 FROM "Transaction" t WHERE t."tenantId" = d."tenantId" AND t."categoryId" = d.id)
   LIMIT 1;
  IF FOUND THEN
    RAISE EXCEPTION 'category "%" (%) is used by ledger rows: it cannot be deleted', bad.name, bad.id
      USING ERRCODE = 'foreign_key_violation';
  END IF;
  RETURN NULL;
END
$$;
CREATE TRIGGER restrict_category_delete AFTER DELETE ON "Category"
  REFERENCING OLD TABLE AS deleted_categories
  FOR EACH STATEMENT EXECUTE FUNCTION restrict_category_delete();

CREATE FUNCTION category_key_is_fixed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'a category''s tenant and id never change (category %)', OLD.id
    USING ERRCODE = 'check_violation';
END
$$;
CREATE TRIGGER category_key_is_fixed BEFORE UPDATE OF "tenantId", id ON "Category"
  FOR EACH ROW
  WHEN (NEW."tenantId" IS DISTINCT FROM OLD."tenantId" OR NEW.id IS DISTINCT FROM OLD.id)
  EXECUTE FUNCTION category_key_is_fixed();
