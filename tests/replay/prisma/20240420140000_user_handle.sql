-- AlterTable
ALTER TABLE "User" ADD COLUMN     "handle" TEXT;

-- backfill added by hand to the generated migration
UPDATE "User" SET "handle" = lower(split_part("email", '@', 1)) || '_' || "id" WHERE "handle" IS NULL;

-- AlterTable
ALTER TABLE "User" ALTER COLUMN "handle" SET NOT NULL;

-- CreateIndex
CREATE UNIQUE INDEX "User_handle_key" ON "User"("handle");
