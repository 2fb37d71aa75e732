-- +goose Up
CREATE TABLE users (id integer PRIMARY KEY);
-- +goose StatementBegin
CREATE FUNCTION one() RETURNS integer AS $$
BEGIN
  RETURN 1;
END;
$$ LANGUAGE plpgsql;
-- +goose StatementEnd

-- +goose Down
DROP FUNCTION one();
DROP TABLE users;
