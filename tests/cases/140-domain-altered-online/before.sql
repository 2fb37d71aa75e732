CREATE DOMAIN email AS text CONSTRAINT email_at CHECK (VALUE LIKE '%@%');
CREATE TABLE users (id int, mail email);
