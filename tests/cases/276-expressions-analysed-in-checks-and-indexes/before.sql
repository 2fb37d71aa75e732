CREATE TABLE articles (id integer, title varchar(200), body text, slug varchar(100),
    score bigint, rank integer, price numeric(10,2));
