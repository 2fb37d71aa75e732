/*
  Warnings:

  - You are about to drop the column `bio` on the `Profile` table. All the data in the column will be lost.
  - You are about to alter the column `score` on the `Comment` table. The data in that column could be lost. The data in that column will be cast from `DoublePrecision` to `Decimal(6,2)`.

*/
-- AlterTable
ALTER TABLE "Comment" ALTER COLUMN "score" SET DATA TYPE DECIMAL(6,2);

-- AlterTable
ALTER TABLE "Profile" DROP COLUMN "bio",
ADD COLUMN     "avatarUrl" TEXT,
ADD COLUMN     "about" VARCHAR(500) NOT NULL DEFAULT '';
