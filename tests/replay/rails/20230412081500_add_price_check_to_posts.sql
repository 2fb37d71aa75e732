-- class AddPriceCheckToPosts < ActiveRecord::Migration[7.0]
--   add_check_constraint :posts, "price >= 0", name: "posts_price_non_negative"
ALTER TABLE "posts" ADD CONSTRAINT posts_price_non_negative CHECK (price >= 0);
