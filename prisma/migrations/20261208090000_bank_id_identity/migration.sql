-- A row's identity, when the bank gives it an id, becomes that id with the row's date and amount
-- (app/domain/fingerprint.ts says why: banks reuse ids). The fingerprints of rows imported
-- before are recomputed the same way, so that a file imported again is still recognized row by
-- row. This is the definition's one-off SQL equivalent, dropped again below so that no second
-- definition stays behind; rows without a bank id keep theirs (their identity did not change).
CREATE FUNCTION pg_temp.bank_id_identity_key(bank_id text, day date, amount numeric) RETURNS uuid
  LANGUAGE sql IMMUTABLE AS
  $$ SELECT md5('id|' || bank_id || '|' || day::text || '|' || round(amount, 4)::text)::uuid $$;

-- The fingerprint is the ledger's own duplicate key, not anything a person posted or edited:
-- the period-lock and reconciliation checks on updated rows (which would refuse any change to
-- a row in a locked period) are lifted for this one statement, as is FORCEd row-level security,
-- which applies to the owner too. Nothing else about any row changes.
ALTER TABLE "Transaction" NO FORCE ROW LEVEL SECURITY;
ALTER TABLE "Transaction" DISABLE TRIGGER check_updated_rows;
ALTER TABLE "Transaction" DISABLE TRIGGER check_updated_old_rows;

WITH keyed AS (
  SELECT t."tenantId", t.id, t."accountId", t."statementId", t."sourceRow", t.date, t."duplicateOfId",
         pg_temp.bank_id_identity_key(t."bankId", t.date, t.amount) AS key
    FROM "Transaction" t
   WHERE NULLIF(t."bankId", '') IS NOT NULL
), numbered AS (
  SELECT k.*, md5(k."accountId"::text || '|' || k.key::text || '|' ||
                  (row_number() OVER (PARTITION BY k."statementId", k.key ORDER BY k."sourceRow"))::text) AS fp
    FROM keyed k
), checked AS (
  -- Two counted rows that would now share a fingerprint on one day are rows the old identity
  -- let through twice (the same id, day and amount under different occurrence numbers): they
  -- keep the fingerprints they have, which the unique index already holds apart.
  SELECT n.*, count(*) FILTER (WHERE n."duplicateOfId" IS NULL)
                OVER (PARTITION BY n."tenantId", n."accountId", n.date, n.fp) AS counted_alike
    FROM numbered n
)
UPDATE "Transaction" t
   SET fingerprint = c.fp
  FROM checked c
 WHERE c."tenantId" = t."tenantId" AND c.id = t.id
   AND (c.counted_alike <= 1 OR c."duplicateOfId" IS NOT NULL)
   AND t.fingerprint <> c.fp;

ALTER TABLE "Transaction" ENABLE TRIGGER check_updated_old_rows;
ALTER TABLE "Transaction" ENABLE TRIGGER check_updated_rows;
ALTER TABLE "Transaction" FORCE ROW LEVEL SECURITY;
DROP FUNCTION pg_temp.bank_id_identity_key(text, date, numeric);
