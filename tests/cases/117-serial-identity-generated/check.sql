-- serial and identity go on after the rows there are; the view is filled again
INSERT INTO t DEFAULT VALUES RETURNING a, b, c;
SELECT count(*) FROM mv;
