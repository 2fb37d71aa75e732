SET statement_timeout = 0;
CREATE TABLE public.users (id bigint NOT NULL);
CREATE TABLE public.schema_migrations (version character varying NOT NULL);
INSERT INTO "schema_migrations" (version) VALUES
('20240101000000'),
('20240102000000');
