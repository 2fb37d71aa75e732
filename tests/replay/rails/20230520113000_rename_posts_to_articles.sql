-- class RenamePostsToArticles < ActiveRecord::Migration[7.0]
--   rename_table :posts, :articles
-- (rename_table renames the primary key's sequence and index too, and each
-- index whose name Rails made from the table's)
ALTER TABLE "posts" RENAME TO "articles";
ALTER TABLE "public"."posts_id_seq" RENAME TO "articles_id_seq";
ALTER INDEX "posts_pkey" RENAME TO "articles_pkey";
ALTER INDEX "index_posts_on_user_id" RENAME TO "index_articles_on_user_id";
