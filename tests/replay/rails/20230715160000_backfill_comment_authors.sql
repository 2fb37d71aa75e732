-- class BackfillCommentAuthors < ActiveRecord::Migration[7.0]
--   def up
--     execute <<~SQL
--       UPDATE comments SET author_id = articles.user_id
--       FROM articles WHERE articles.id = comments.post_id AND comments.author_id IS NULL
--     SQL
--     validate_foreign_key :comments, :users
--     change_column :comments, :score, :bigint
--   end
UPDATE comments SET author_id = articles.user_id
FROM articles WHERE articles.id = comments.post_id AND comments.author_id IS NULL;
ALTER TABLE "comments" VALIDATE CONSTRAINT "fk_rails_03de2dc08c";
ALTER TABLE "comments" ALTER COLUMN "score" TYPE bigint;
