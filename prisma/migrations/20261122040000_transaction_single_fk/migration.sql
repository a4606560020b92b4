-- DropForeignKey
ALTER TABLE "Transaction" DROP CONSTRAINT "Transaction_tenantId_accountId_fkey";

-- DropForeignKey
ALTER TABLE "Transaction" DROP CONSTRAINT "Transaction_tenantId_fkey";

-- DropForeignKey
ALTER TABLE "Transaction" DROP CONSTRAINT "Transaction_tenantId_statementId_fkey";

-- CreateIndex
CREATE UNIQUE INDEX "Statement_tenantId_id_accountId_key" ON "Statement"("tenantId", "id", "accountId");

-- AddForeignKey
ALTER TABLE "Transaction" ADD CONSTRAINT "Transaction_tenantId_statementId_accountId_fkey" FOREIGN KEY ("tenantId", "statementId", "accountId") REFERENCES "Statement"("tenantId", "id", "accountId") ON DELETE CASCADE ON UPDATE CASCADE;

