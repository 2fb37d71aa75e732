-- class AddPartialIndexOnUsersLastSeen < ActiveRecord::Migration[7.0]
--   add_index :users, :last_seen_at, where: "role > 0", order: { last_seen_at: :desc },
--             name: "index_users_on_last_seen_at_staff"
--   change_column_default :users, :settings, from: {}, to: { "theme" => "light" }
CREATE INDEX "index_users_on_last_seen_at_staff" ON "users" ("last_seen_at" DESC) WHERE role > 0;
ALTER TABLE "users" ALTER COLUMN "settings" SET DEFAULT '{"theme":"light"}';
