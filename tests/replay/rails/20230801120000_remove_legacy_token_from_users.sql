-- class RemoveLegacyTokenFromUsers < ActiveRecord::Migration[7.0]
--   remove_column :users, :legacy_token, :string
--   remove_index :comments, :post_id
--   add_index :comments, [:post_id, :created_at]
ALTER TABLE "users" DROP COLUMN "legacy_token";
DROP INDEX "index_comments_on_post_id";
CREATE INDEX "index_comments_on_post_id_and_created_at" ON "comments" ("post_id", "created_at");
