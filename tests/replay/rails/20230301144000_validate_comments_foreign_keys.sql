-- class ValidateCommentsForeignKeys < ActiveRecord::Migration[7.0]
--   validate_foreign_key :comments, :posts
--   (the users one stays NOT VALID until the backfill below)
ALTER TABLE "comments" VALIDATE CONSTRAINT "fk_rails_2fd19c0db7";
