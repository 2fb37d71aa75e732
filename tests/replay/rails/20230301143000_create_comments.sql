-- class CreateComments < ActiveRecord::Migration[7.0]
--   create_table :comments do |t|
--     t.bigint :post_id, null: false
--     t.bigint :author_id
--     t.text :body, null: false
--     t.integer :score, default: 0
--     t.timestamps
--   end
--   add_index :comments, :post_id
CREATE TABLE "comments" ("id" bigserial primary key, "post_id" bigint NOT NULL, "author_id" bigint, "body" text NOT NULL, "score" integer DEFAULT 0, "created_at" timestamp(6) NOT NULL, "updated_at" timestamp(6) NOT NULL);
CREATE INDEX "index_comments_on_post_id" ON "comments" ("post_id");
