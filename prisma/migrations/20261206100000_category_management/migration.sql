-- Category management: a merged category remembers where it went. The auto-apply threshold's
-- column default becomes the calibrated 0.9 the app already used when a tenant had no settings.
-- AlterTable
ALTER TABLE "Category" ADD COLUMN     "mergedIntoId" UUID;

-- AlterTable
ALTER TABLE "TenantSettings" ALTER COLUMN "autoCategorizeThreshold" SET DEFAULT 0.9;

