-- a sequence owned by a column but not named as serial names it (its table
-- was renamed): it goes with its table, or with its column, and is not
-- dropped again
CREATE TABLE c (id integer PRIMARY KEY);
