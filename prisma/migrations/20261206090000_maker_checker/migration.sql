-- Maker-checker: a data-entry member's edit of a reconciled or approved (signed-off) row is
-- recorded as a ProposedChange that an operator approves or rejects with a note.
-- AlterTable
ALTER TABLE "ProposedChange" ADD COLUMN     "kind" TEXT NOT NULL,
ADD COLUMN     "reason" TEXT NOT NULL;

-- AlterTable
ALTER TABLE "Transaction" ADD COLUMN     "approvedAt" TIMESTAMPTZ(3),
ADD COLUMN     "approvedById" UUID;


-- Hand-written. At most one pending proposal per row: a second one would be decided against
-- a state the first may change.
CREATE UNIQUE INDEX "ProposedChange_one_pending_per_row" ON "ProposedChange"("tenantId", "transactionId") WHERE status = 'pending';

-- A proposal is a record of who asked for what and who decided: never deleted by the app,
-- created pending, decided once (by someone other than its maker, saying when; a rejection
-- says why), and otherwise never changed.
REVOKE DELETE ON "ProposedChange" FROM cashline_app;

CREATE FUNCTION enforce_proposed_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.kind NOT IN ('categorize', 'split') OR NEW.reason NOT IN ('reconciled', 'approved') THEN
    RAISE EXCEPTION 'ProposedChange: kind categorize/split and reason reconciled/approved (got %, %)', NEW.kind, NEW.reason
      USING ERRCODE = 'check_violation';
  END IF;
  IF TG_OP = 'INSERT' THEN
    IF NEW.status <> 'pending' OR NEW."decidedById" IS NOT NULL OR NEW."decidedAt" IS NOT NULL OR NEW."decisionNote" IS NOT NULL THEN
      RAISE EXCEPTION 'a proposed change is created pending and undecided' USING ERRCODE = 'check_violation';
    END IF;
    RETURN NEW;
  END IF;
  IF OLD.status <> 'pending' THEN
    RAISE EXCEPTION 'proposed change % was already %: a decision is final', OLD.id, OLD.status USING ERRCODE = 'check_violation';
  END IF;
  IF NEW."tenantId" <> OLD."tenantId" OR NEW."transactionId" <> OLD."transactionId" OR NEW.kind <> OLD.kind OR NEW.reason <> OLD.reason
     OR NEW."baseVersion" <> OLD."baseVersion" OR NEW.changes <> OLD.changes OR NEW."proposedById" <> OLD."proposedById"
     OR NEW."proposedAt" <> OLD."proposedAt" THEN
    RAISE EXCEPTION 'a proposed change is only ever decided, never rewritten' USING ERRCODE = 'check_violation';
  END IF;
  IF NEW.status NOT IN ('approved', 'rejected') OR NEW."decidedById" IS NULL OR NEW."decidedAt" IS NULL THEN
    RAISE EXCEPTION 'deciding a proposed change needs approved/rejected, who and when' USING ERRCODE = 'check_violation';
  END IF;
  IF NEW."decidedById" = NEW."proposedById" THEN
    RAISE EXCEPTION 'the maker of a change cannot also be its checker' USING ERRCODE = 'check_violation';
  END IF;
  IF NEW.status = 'rejected' AND coalesce(btrim(NEW."decisionNote"), '') = '' THEN
    RAISE EXCEPTION 'rejecting a proposed change needs a note saying why' USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END
$$;
CREATE TRIGGER enforce_proposed_change BEFORE INSERT OR UPDATE ON "ProposedChange"
  FOR EACH ROW EXECUTE FUNCTION enforce_proposed_change();
