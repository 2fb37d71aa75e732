-- class CreateUsers < ActiveRecord::Migration[7.0]
--   create_table :users do |t|
--     t.string :email, null: false
--     t.string :name
--     t.string :legacy_token
--     t.timestamps
--   end
--   add_index :users, :email, unique: true
CREATE TABLE "users" ("id" bigserial primary key, "email" character varying NOT NULL, "name" character varying, "legacy_token" character varying, "created_at" timestamp(6) NOT NULL, "updated_at" timestamp(6) NOT NULL);
CREATE UNIQUE INDEX "index_users_on_email" ON "users" ("email");
