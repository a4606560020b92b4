-- Tenant deletion (crypto-shredding) and key maintenance as the database owner.
-- Hand-written: Prisma cannot express functions, grants or policies. No table changes.

-- delete_tenant(): the one way a tenant's rows leave the database, its audit log included,
-- and the one way anything is written to "TenantDeletion" (the record that it happened).
--
-- The order is enforced here, not only by the caller (app/services/tenants.server.ts): the
-- tenant's data keys must already be destroyed — in their own committed transaction, so that
-- nothing of the tenant can be decrypted even if everything after that fails.
--
-- SECURITY DEFINER, owned by the migration owner: "AuditEvent" is append-only and its trigger
-- (audit_event_immutable, 20261122031500_rls_app_role) lets a DELETE through only when
-- cashline.audit_retention is 'on' AND current_user is not cashline_app. Inside this function
-- current_user is the owner; the setting is turned on for the deletion and back to what it
-- was before the function returns. (Set in the body, not in a SET clause: PostgreSQL lets
-- only a superuser attach an unregistered setting to a function, and a managed database's
-- owner is not one.) The app role gets EXECUTE and still has no DELETE on "AuditEvent".
--
-- Only the tenant of the calling transaction (app.tenant_id) can be deleted: the app role
-- cannot reach another tenant through this function, and under FORCE'd row-level security a
-- non-superuser owner sees exactly that tenant's rows.
CREATE FUNCTION delete_tenant(tenant uuid, requested_by uuid, keys_destroyed int, objects_deleted int)
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
REVOKE ALL ON FUNCTION delete_tenant(uuid, uuid, int, int) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION delete_tenant(uuid, uuid, int, int) TO cashline_app;

-- Key maintenance (`cashline keys rotate`, `keys status`, `keys rotate-master` with no
-- --tenant) runs as the owner and must enumerate tenants. "Tenant" FORCEs row-level
-- security, so a non-superuser owner (managed PostgreSQL) would see none and rotate nothing,
-- silently. The owner — and only the owner — may list them; everything else it does runs
-- tenant by tenant under app.tenant_id, like the app.
DO $$
BEGIN
  EXECUTE format('CREATE POLICY owner_lists_tenants ON "Tenant" FOR SELECT TO %I USING (true)', current_user);
END
$$;
