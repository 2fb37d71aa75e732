-- migrate:up
CREATE TABLE users (id integer PRIMARY KEY);

-- migrate:down
DROP TABLE users;
