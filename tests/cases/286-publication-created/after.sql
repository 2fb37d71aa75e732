CREATE SCHEMA audit;
CREATE TABLE orders (id int PRIMARY KEY, region text, total numeric);
CREATE TABLE audit.log (id int PRIMARY KEY, what text);
CREATE TABLE items (id int PRIMARY KEY, name text);
CREATE PUBLICATION everything FOR ALL TABLES WITH (publish = 'insert, update, delete');
CREATE PUBLICATION big_orders FOR TABLE orders (id, total) WHERE (total > 1000), items;
CREATE PUBLICATION audit_pub FOR TABLES IN SCHEMA audit WITH (publish_via_partition_root = true);
