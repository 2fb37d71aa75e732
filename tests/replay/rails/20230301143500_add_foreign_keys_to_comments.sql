-- class AddForeignKeysToComments < ActiveRecord::Migration[7.0]
--   add_foreign_key :comments, :posts, validate: false
--   add_foreign_key :comments, :users, column: :author_id, on_delete: :nullify, validate: false
ALTER TABLE "comments" ADD CONSTRAINT "fk_rails_2fd19c0db7"
FOREIGN KEY ("post_id")
  REFERENCES "posts" ("id")
 NOT VALID;
ALTER TABLE "comments" ADD CONSTRAINT "fk_rails_03de2dc08c"
FOREIGN KEY ("author_id")
  REFERENCES "users" ("id")
  ON DELETE SET NULL NOT VALID;
