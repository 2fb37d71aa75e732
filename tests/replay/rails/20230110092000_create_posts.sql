-- class CreatePosts < ActiveRecord::Migration[7.0]
--   create_table :posts do |t|
--     t.references :user, null: false, foreign_key: true
--     t.string :title, null: false
--     t.text :body
--     t.string :price
--     t.boolean :published, default: false, null: false
--     t.timestamps
--   end
CREATE TABLE "posts" ("id" bigserial primary key, "user_id" bigint NOT NULL, "title" character varying NOT NULL, "body" text, "price" character varying, "published" boolean DEFAULT FALSE NOT NULL, "created_at" timestamp(6) NOT NULL, "updated_at" timestamp(6) NOT NULL, CONSTRAINT "fk_rails_5b5ddfd518"
FOREIGN KEY ("user_id")
  REFERENCES "users" ("id")
);
CREATE INDEX "index_posts_on_user_id" ON "posts" ("user_id");
