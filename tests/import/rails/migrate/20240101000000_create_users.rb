class CreateUsers < ActiveRecord::Migration[7.1]
end
