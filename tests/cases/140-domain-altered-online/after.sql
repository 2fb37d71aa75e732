CREATE DOMAIN email AS text
  CONSTRAINT email_at CHECK (VALUE LIKE '%_@_%')
  CONSTRAINT email_short CHECK (length(VALUE) < 200);
CREATE TABLE users (id int, mail email);
