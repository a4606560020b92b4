
-- AlterTable
ALTER TABLE "AuditEvent" ADD COLUMN     "actorType" TEXT;

-- AlterTable
ALTER TABLE "BankAccount" ADD COLUMN     "accountNumber" BYTEA,
ADD COLUMN     "accountNumberLast4" TEXT;

-- AlterTable
ALTER TABLE "Membership" ADD COLUMN     "totpEnabledAt" TIMESTAMPTZ(3),
ADD COLUMN     "totpSecret" BYTEA;

-- AlterTable
ALTER TABLE "Session" ADD COLUMN     "deviceHash" CHAR(64),
ADD COLUMN     "mfaVerifiedAt" TIMESTAMPTZ(3);

-- AlterTable
ALTER TABLE "User" ADD COLUMN     "passwordChangedAt" TIMESTAMPTZ(3);

-- CreateTable
CREATE TABLE "RecoveryCode" (
    "tenantId" UUID NOT NULL,
    "userId" UUID NOT NULL,
    "codeHash" CHAR(64) NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "usedAt" TIMESTAMPTZ(3),

    CONSTRAINT "RecoveryCode_pkey" PRIMARY KEY ("tenantId","userId","codeHash")
);

-- CreateTable
CREATE TABLE "KnownDevice" (
    "tenantId" UUID NOT NULL,
    "userId" UUID NOT NULL,
    "deviceHash" CHAR(64) NOT NULL,
    "userAgent" TEXT,
    "ip" TEXT,
    "firstSeenAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastSeenAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "KnownDevice_pkey" PRIMARY KEY ("tenantId","userId","deviceHash")
);

-- CreateTable
CREATE TABLE "Notification" (
    "tenantId" UUID NOT NULL,
    "id" UUID NOT NULL,
    "userId" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "message" TEXT NOT NULL,
    "data" JSONB,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "readAt" TIMESTAMPTZ(3),

    CONSTRAINT "Notification_pkey" PRIMARY KEY ("tenantId","id")
);

-- CreateTable
CREATE TABLE "ApiKey" (
    "tenantId" UUID NOT NULL,
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "secretHash" CHAR(64) NOT NULL,
    "createdById" UUID NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastUsedAt" TIMESTAMPTZ(3),
    "revokedAt" TIMESTAMPTZ(3),

    CONSTRAINT "ApiKey_pkey" PRIMARY KEY ("tenantId","id")
);

-- CreateTable
CREATE TABLE "TenantDeletion" (
    "tenantId" UUID NOT NULL,
    "tenantName" TEXT NOT NULL,
    "requestedById" UUID,
    "keysDestroyed" INTEGER NOT NULL,
    "objectsDeleted" INTEGER NOT NULL,
    "rowsDeleted" JSONB NOT NULL,
    "deletedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "TenantDeletion_pkey" PRIMARY KEY ("tenantId")
);

-- CreateIndex
CREATE INDEX "Notification_tenantId_userId_readAt_idx" ON "Notification"("tenantId", "userId", "readAt");

-- AddForeignKey
ALTER TABLE "RecoveryCode" ADD CONSTRAINT "RecoveryCode_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "KnownDevice" ADD CONSTRAINT "KnownDevice_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Notification" ADD CONSTRAINT "Notification_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ApiKey" ADD CONSTRAINT "ApiKey_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- Hand-written: grants, row-level security and row rules for the new tables.

-- An API key's role obeys the same rule as a member's.
CREATE FUNCTION enforce_api_key_role() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.role NOT IN ('admin', 'operator', 'data-entry') THEN
    RAISE EXCEPTION 'ApiKey.role must be admin, operator or data-entry, got %', NEW.role
      USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END
$$;
CREATE TRIGGER enforce_api_key_role BEFORE INSERT OR UPDATE ON "ApiKey"
  FOR EACH ROW EXECUTE FUNCTION enforce_api_key_role();

GRANT SELECT, INSERT, UPDATE, DELETE ON "RecoveryCode", "KnownDevice", "Notification", "ApiKey" TO cashline_app;
DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['RecoveryCode', 'KnownDevice', 'Notification', 'ApiKey']
  LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY tenant_isolation ON %I USING ("tenantId" = app_tenant_id()) '
                   'WITH CHECK ("tenantId" = app_tenant_id())', t);
  END LOOP;
END
$$;

-- TenantDeletion outlives its tenant and names it: no grant to the app role at all. It is
-- written by the tenant-deletion path, which runs as the owner.
