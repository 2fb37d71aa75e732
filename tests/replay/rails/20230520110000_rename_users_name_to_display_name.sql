-- class RenameUsersNameToDisplayName < ActiveRecord::Migration[7.0]
--   rename_column :users, :name, :display_name
ALTER TABLE "users" RENAME COLUMN "name" TO "display_name";
