-- Row-level security, the application role, and the append-only audit log.
-- Hand-written: Prisma cannot express policies, roles or triggers.
--
-- The app connects as cashline_app: not the owner of any table, no BYPASSRLS, so every
-- query it runs is filtered by the policies below. Each request runs in a transaction that
-- first does set_config('app.tenant_id', <tenant>, true) (see app/services/db.server.ts);
-- the setting is transaction-local, so it cannot leak to the next user of a pooled
-- connection. With no tenant set, tenant tables return nothing.
-- Migrations run as the owner. In production the owner needs CREATEROLE once (or a DBA
-- creates cashline_app beforehand) and sets its password: ALTER ROLE cashline_app PASSWORD '…'.

DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'cashline_app') THEN
    CREATE ROLE cashline_app LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS;
  END IF;
END
$$;

-- Settings read by the policies. NULLIF: once set in a session, an unset local setting
-- reads back as '' (not NULL) and '' is not a uuid.
CREATE FUNCTION app_tenant_id() RETURNS uuid LANGUAGE sql STABLE PARALLEL SAFE AS
  $$ SELECT NULLIF(current_setting('app.tenant_id', true), '')::uuid $$;
CREATE FUNCTION app_user_id() RETURNS uuid LANGUAGE sql STABLE PARALLEL SAFE AS
  $$ SELECT NULLIF(current_setting('app.user_id', true), '')::uuid $$;
CREATE FUNCTION app_login_email() RETURNS text LANGUAGE sql STABLE PARALLEL SAFE AS
  $$ SELECT NULLIF(current_setting('app.login_email', true), '') $$;

-- Row rules. Not CHECK constraints: Prisma 6.19.3's WASM schema engine panics
-- ("RuntimeError: unreachable") when it introspects any CHECK constraint, which would make
-- `prisma migrate dev` unusable. Triggers are invisible to its introspection.
CREATE FUNCTION enforce_row_rules() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  CASE TG_TABLE_NAME
    WHEN 'Membership' THEN
      IF NEW.role NOT IN ('admin', 'operator', 'data-entry') THEN
        RAISE EXCEPTION 'Membership.role must be admin, operator or data-entry, got %', NEW.role
          USING ERRCODE = 'check_violation';
      END IF;
    WHEN 'BankAccount', 'Transaction' THEN
      IF NEW.currency !~ '^[A-Z]{3}$' THEN
        RAISE EXCEPTION '%.currency must be an ISO 4217 code, got %', TG_TABLE_NAME, NEW.currency
          USING ERRCODE = 'check_violation';
      END IF;
    WHEN 'Statement' THEN
      IF NEW.currency !~ '^[A-Z]{3}$' OR NEW.progress NOT BETWEEN 0 AND 100 THEN
        RAISE EXCEPTION 'Statement currency/progress out of range (%, %)', NEW.currency, NEW.progress
          USING ERRCODE = 'check_violation';
      END IF;
    WHEN 'AuditEvent' THEN
      IF NEW.seq <= 0 THEN
        RAISE EXCEPTION 'AuditEvent.seq must be positive' USING ERRCODE = 'check_violation';
      END IF;
  END CASE;
  RETURN NEW;
END
$$;
DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['Membership', 'BankAccount', 'Transaction', 'Statement', 'AuditEvent']
  LOOP
    EXECUTE format('CREATE TRIGGER enforce_row_rules BEFORE INSERT OR UPDATE ON %I '
                   'FOR EACH ROW EXECUTE FUNCTION enforce_row_rules()', t);
  END LOOP;
END
$$;

GRANT USAGE ON SCHEMA public TO cashline_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON
  "Tenant", "User", "Membership", "Session", "TenantKey", "BankAccount", "Statement",
  "Transaction", "Category"
  TO cashline_app;
GRANT SELECT, INSERT ON "AuditEvent" TO cashline_app;

-- Tenant tables: one policy, tenantId = the transaction's tenant.
DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['Membership', 'Session', 'TenantKey', 'BankAccount', 'Statement',
                           'Transaction', 'Category']
  LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY tenant_isolation ON %I USING ("tenantId" = app_tenant_id()) '
                   'WITH CHECK ("tenantId" = app_tenant_id())', t);
  END LOOP;
END
$$;

-- A signed-in user may list their own memberships in every tenant (tenant switcher, login).
CREATE POLICY own_memberships ON "Membership" FOR SELECT USING ("userId" = app_user_id());

-- The tenant row itself; and the names of tenants the current user belongs to.
ALTER TABLE "Tenant" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "Tenant" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "Tenant" USING (id = app_tenant_id()) WITH CHECK (id = app_tenant_id());
CREATE POLICY member_tenants ON "Tenant" FOR SELECT
  USING (EXISTS (SELECT 1 FROM "Membership" m WHERE m."tenantId" = "Tenant".id AND m."userId" = app_user_id()));

-- Users are global identities, but a tenant sees only its own members; login may look up
-- exactly the one email being signed in with; a user always sees themself.
ALTER TABLE "User" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "User" FORCE ROW LEVEL SECURITY;
CREATE POLICY visible_users ON "User" FOR SELECT USING (
  id = app_user_id()
  OR email = app_login_email()
  OR EXISTS (SELECT 1 FROM "Membership" m WHERE m."userId" = "User".id AND m."tenantId" = app_tenant_id())
);
CREATE POLICY create_users ON "User" FOR INSERT WITH CHECK (true);
CREATE POLICY update_users ON "User" FOR UPDATE USING (
  id = app_user_id()
  OR EXISTS (SELECT 1 FROM "Membership" m WHERE m."userId" = "User".id AND m."tenantId" = app_tenant_id())
);

-- Audit log: tenant-isolated, insert and read only.
ALTER TABLE "AuditEvent" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "AuditEvent" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_read ON "AuditEvent" FOR SELECT USING ("tenantId" = app_tenant_id());
CREATE POLICY tenant_append ON "AuditEvent" FOR INSERT WITH CHECK ("tenantId" = app_tenant_id());

-- Append-only, even for the owner. The single exception is a retention job that declares
-- itself with SET LOCAL cashline.audit_retention = 'on' and is not the app role (the app
-- role has no UPDATE/DELETE grant on this table in any case).
CREATE FUNCTION audit_event_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF current_setting('cashline.audit_retention', true) = 'on' AND current_user <> 'cashline_app' THEN
    RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
  END IF;
  RAISE EXCEPTION 'AuditEvent is append-only: % rejected', TG_OP USING ERRCODE = 'insufficient_privilege';
END
$$;
CREATE TRIGGER audit_event_immutable BEFORE UPDATE OR DELETE ON "AuditEvent"
  FOR EACH ROW EXECUTE FUNCTION audit_event_immutable();
CREATE TRIGGER audit_event_no_truncate BEFORE TRUNCATE ON "AuditEvent"
  FOR EACH STATEMENT EXECUTE FUNCTION audit_event_immutable();
