/*
  Warnings:

  - You are about to drop the column `viewCount` on the `Post` table. All the data in the column will be lost.

*/
-- DropIndex
DROP INDEX "public"."Post_authorId_createdAt_idx";

-- AlterTable
ALTER TABLE "public"."Post" DROP COLUMN "viewCount",
ALTER COLUMN "metadata" DROP NOT NULL,
ALTER COLUMN "published" SET DEFAULT true;

-- CreateIndex
CREATE INDEX "Post_published_createdAt_idx" ON "public"."Post"("published", "createdAt");
