-- class AddSlugToArticles < ActiveRecord::Migration[7.0]
--   def up
--     add_column :articles, :slug, :string
--     execute "UPDATE articles SET slug = lower(regexp_replace(title, '[^a-zA-Z0-9]+', '-', 'g')) || '-' || id"
--     change_column_null :articles, :slug, false
--   end
ALTER TABLE "articles" ADD "slug" character varying;
UPDATE articles SET slug = lower(regexp_replace(title, '[^a-zA-Z0-9]+', '-', 'g')) || '-' || id;
ALTER TABLE "articles" ALTER COLUMN "slug" SET NOT NULL;
