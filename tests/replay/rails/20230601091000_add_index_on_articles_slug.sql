-- plumb:no-transaction
-- class AddIndexOnArticlesSlug < ActiveRecord::Migration[7.0]
--   disable_ddl_transaction!
--   add_index :articles, :slug, unique: true, algorithm: :concurrently
--   add_index :articles, :created_at, where: "published", algorithm: :concurrently,
--             name: "index_articles_on_created_at_published"
CREATE UNIQUE INDEX CONCURRENTLY "index_articles_on_slug" ON "articles" ("slug");
CREATE INDEX CONCURRENTLY "index_articles_on_created_at_published" ON "articles" ("created_at") WHERE published;
