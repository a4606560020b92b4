-- The head of a tenant's audit chain, read under the chain's writer lock, in one round trip
-- instead of two (the lock, then the read). Correct only as a PL/pgSQL function: under READ
-- COMMITTED each statement of a volatile function takes a fresh snapshot, so the read runs
-- after the lock is granted and sees the event of the writer that held it. One statement
-- that locked and read (a join, a subquery) would read with a snapshot taken before the lock
-- was granted, and two concurrent writers could both take the same sequence number.
CREATE FUNCTION audit_chain_head(tenant uuid) RETURNS TABLE ("lastSeq" text, hash text)
LANGUAGE plpgsql VOLATILE AS $$
BEGIN
  -- One writer per tenant chain at a time; released when the transaction ends.
  PERFORM pg_advisory_xact_lock(hashtextextended('audit:' || tenant::text, 0));
  -- (Aliased apart from seq: ORDER BY would otherwise sort the text, "9" after "10".)
  RETURN QUERY SELECT e.seq::text, e.hash::text FROM "AuditEvent" e WHERE e."tenantId" = tenant ORDER BY e.seq DESC LIMIT 1;
END
$$;
