-- Reconciliations can be unlocked (by an operator, with a reason: the rows become editable
-- again, the record stays), so the status rule gains 'unlocked' and the who/when/why.
-- AlterTable
ALTER TABLE "Reconciliation" ADD COLUMN     "unlockReason" TEXT,
ADD COLUMN     "unlockedAt" TIMESTAMPTZ(3),
ADD COLUMN     "unlockedById" UUID;


CREATE OR REPLACE FUNCTION enforce_workspace_rules() RETURNS trigger LANGUAGE plpgsql AS $$
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
      IF NEW.status NOT IN ('open', 'completed', 'unlocked') THEN
        RAISE EXCEPTION 'Reconciliation.status must be open, completed or unlocked, got %', NEW.status USING ERRCODE = 'check_violation';
      END IF;
      -- Unlocked only from completed, once, saying who, when and why.
      IF NEW.status = 'unlocked' AND (TG_OP = 'INSERT' OR OLD.status <> 'completed' OR NEW."unlockedAt" IS NULL
                                      OR NEW."unlockedById" IS NULL OR coalesce(btrim(NEW."unlockReason"), '') = '') THEN
        RAISE EXCEPTION 'unlocking a reconciliation needs a completed one, who, when and a reason' USING ERRCODE = 'check_violation';
      END IF;
      IF TG_OP = 'UPDATE' AND OLD.status = 'unlocked' THEN
        RAISE EXCEPTION 'an unlocked reconciliation stays on record as it is; reconcile again instead' USING ERRCODE = 'check_violation';
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
