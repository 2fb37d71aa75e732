CREATE TABLE z (v varchar(10), c cidr, a int[], id serial, n numeric(10,2), ts timestamp(3));
