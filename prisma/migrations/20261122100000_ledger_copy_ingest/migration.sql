-- Imports COPY rows straight into "Transaction" (docs/performance.md: an INSERT … SELECT from a
-- staging table costs about twice a COPY, and row-level security refuses COPY FROM for the
-- app role). Three changes make that possible without giving anything up:
--
-- 1. cashline_ingest: the role the worker switches to (SET LOCAL ROLE) for exactly that COPY.
--    NOLOGIN; only cashline_app may switch to it; BYPASSRLS (COPY FROM requires it) but granted
--    INSERT on "Transaction" and nothing else — it cannot read, change or delete any row.
--    Creating a BYPASSRLS role needs a superuser: in production a DBA creates it once before
--    this migration (the statement below), as for cashline_app.
-- 2. The per-row checks on "Transaction" become per-statement checks over the inserted or
--    updated rows (transition tables), which also lets COPY write heap pages in bulk (a BEFORE
--    ROW trigger forces it to insert row by row):
--      * every row belongs to the transaction's tenant (app.tenant_id) — row-level security's
--        WITH CHECK, set-based, and binding on cashline_ingest too;
--      * the row rules (ISO currency; status 'duplicate' exactly when duplicateOfId is set);
--      * the row's (tenant, statement, account) exists: the foreign key to "Statement", checked
--        once per statement and not once per row (it was 0.5 s of every 100k-row import), with
--        the statements locked FOR KEY SHARE as the foreign key would have locked them.
-- 3. What the foreign key also did, triggers on "Statement" now do: deleting a statement
--    deletes its rows; its (tenant, id, account) never changes.

DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'cashline_ingest') THEN
    CREATE ROLE cashline_ingest NOLOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOINHERIT BYPASSRLS;
  END IF;
END
$$;
GRANT cashline_ingest TO cashline_app;
GRANT USAGE ON SCHEMA public TO cashline_ingest;
GRANT INSERT ON "Transaction" TO cashline_ingest;

ALTER TABLE "Transaction" DROP CONSTRAINT "Transaction_tenantId_statementId_accountId_fkey";
DROP TRIGGER enforce_row_rules ON "Transaction";

-- SECURITY DEFINER: it reads "Statement", which cashline_ingest may not. Row-level security
-- still applies to the owner (FORCE), so it sees the current tenant's statements only.
CREATE FUNCTION check_transaction_rows() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
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
CREATE TRIGGER check_inserted_rows AFTER INSERT ON "Transaction"
  REFERENCING NEW TABLE AS changed_rows
  FOR EACH STATEMENT EXECUTE FUNCTION check_transaction_rows();
CREATE TRIGGER check_updated_rows AFTER UPDATE ON "Transaction"
  REFERENCING NEW TABLE AS changed_rows
  FOR EACH STATEMENT EXECUTE FUNCTION check_transaction_rows();

-- The foreign key's ON DELETE CASCADE. Runs as whoever deletes the statement (the app role,
-- under row-level security; or the owner when a tenant is deleted).
CREATE FUNCTION delete_statement_rows() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM "Transaction" t USING deleted_statements d
   WHERE t."tenantId" = d."tenantId" AND t."statementId" = d.id;
  RETURN NULL;
END
$$;
CREATE TRIGGER delete_statement_rows AFTER DELETE ON "Statement"
  REFERENCING OLD TABLE AS deleted_statements
  FOR EACH STATEMENT EXECUTE FUNCTION delete_statement_rows();

CREATE FUNCTION statement_key_is_fixed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'a statement''s tenant, id and account never change (statement %)', OLD.id
    USING ERRCODE = 'check_violation';
END
$$;
CREATE TRIGGER statement_key_is_fixed BEFORE UPDATE OF "tenantId", id, "accountId" ON "Statement"
  FOR EACH ROW
  WHEN (NEW."tenantId" IS DISTINCT FROM OLD."tenantId" OR NEW.id IS DISTINCT FROM OLD.id OR NEW."accountId" IS DISTINCT FROM OLD."accountId")
  EXECUTE FUNCTION statement_key_is_fixed();
