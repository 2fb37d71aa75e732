class AddName < ActiveRecord::Migration[7.1]
end
