-- class AddRoleToUsers < ActiveRecord::Migration[7.0]
--   add_column :users, :role, :integer, default: 0, null: false
--   add_column :users, :settings, :jsonb, default: {}, null: false
--   add_column :users, :last_seen_at, :datetime
ALTER TABLE "users" ADD "role" integer DEFAULT 0 NOT NULL;
ALTER TABLE "users" ADD "settings" jsonb DEFAULT '{}' NOT NULL;
ALTER TABLE "users" ADD "last_seen_at" timestamp(6);
