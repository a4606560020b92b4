
-- AlterTable
ALTER TABLE "Membership" ADD COLUMN     "totpLastStep" INTEGER;

