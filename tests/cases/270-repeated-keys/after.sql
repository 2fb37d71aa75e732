-- keys that repeat the primary key or an earlier unique key, added apart
-- (a CREATE TABLE holding them would keep only the first); one statement's
-- own repeat is merged, as the server merges it
CREATE TABLE other (a int);
CREATE TABLE workers (name text, addr text, CONSTRAINT workers_pkey PRIMARY KEY (name), UNIQUE (addr));
ALTER TABLE workers ADD CONSTRAINT workers_name_unique UNIQUE (name);
ALTER TABLE workers ADD CONSTRAINT workers_addr_again UNIQUE (addr);
ALTER TABLE workers ADD CONSTRAINT workers_addr_deferred UNIQUE (addr) DEFERRABLE;
CREATE TABLE merged (id int PRIMARY KEY, CONSTRAINT merged_id_unique UNIQUE (id));
