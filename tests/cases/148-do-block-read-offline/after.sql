-- what a DO block makes is known only once it runs: offline it is an error
-- naming its place and --dev-url, never a plan that drops table b
CREATE TABLE a (id int);
DO $$
BEGIN
  EXECUTE 'CREATE TABLE b (id int)';
END $$;
