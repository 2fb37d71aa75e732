-- class ChangePostsPriceToDecimal < ActiveRecord::Migration[7.0]
--   def up
--     execute "UPDATE posts SET price = NULL WHERE price !~ '^[0-9]+(\\.[0-9]+)?$'"
--     change_column :posts, :price, :decimal, precision: 10, scale: 2, using: "price::numeric(10,2)"
--     change_column_default :posts, :price, from: nil, to: 0
--   end
UPDATE posts SET price = NULL WHERE price !~ '^[0-9]+(\.[0-9]+)?$';
ALTER TABLE "posts" ALTER COLUMN "price" TYPE numeric(10,2) USING price::numeric(10,2);
ALTER TABLE "posts" ALTER COLUMN "price" SET DEFAULT 0.0;
