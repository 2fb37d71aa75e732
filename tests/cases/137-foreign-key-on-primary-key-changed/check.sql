-- the keys moved and the rows stayed
SELECT count(*) FROM c_id JOIN p ON p.id = c_id.p_id;
SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint WHERE conrelid = 'p'::regclass ORDER BY conname;
-- both foreign keys hold again: a child without a parent is refused, a cascade runs
INSERT INTO p VALUES (3, 'three');
INSERT INTO c_code VALUES ('three');
DELETE FROM p WHERE code = 'three';
SELECT count(*) FROM c_code;
