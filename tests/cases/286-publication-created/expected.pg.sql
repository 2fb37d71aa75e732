BEGIN;
CREATE SCHEMA "audit";
CREATE TABLE "audit"."log" (
    "id" integer NOT NULL,
    "what" text,
    CONSTRAINT "log_pkey" PRIMARY KEY ("id")
);
CREATE TABLE "public"."items" (
    "id" integer NOT NULL,
    "name" text,
    CONSTRAINT "items_pkey" PRIMARY KEY ("id")
);
CREATE PUBLICATION audit_pub FOR TABLES IN SCHEMA audit WITH (publish_via_partition_root = true);
CREATE PUBLICATION big_orders FOR TABLE public.items, public.orders (id, total) WHERE (total > 1000);
CREATE PUBLICATION everything FOR ALL TABLES WITH (publish = 'insert, update, delete');
COMMIT;
