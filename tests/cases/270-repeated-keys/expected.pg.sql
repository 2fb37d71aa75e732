BEGIN;
CREATE TABLE "public"."merged" (
    "id" integer NOT NULL,
    CONSTRAINT "merged_id_unique" PRIMARY KEY ("id")
);
CREATE TABLE "public"."workers" (
    "name" text NOT NULL,
    "addr" text,
    CONSTRAINT "workers_pkey" PRIMARY KEY ("name"),
    CONSTRAINT "workers_addr_key" UNIQUE ("addr"),
    CONSTRAINT "workers_addr_deferred" UNIQUE ("addr") DEFERRABLE
);
-- hazard access-exclusive-lock: locks table "workers" against reads and writes while it runs
ALTER TABLE "public"."workers" ADD CONSTRAINT "workers_name_unique" UNIQUE ("name");
-- hazard access-exclusive-lock: locks table "workers" against reads and writes while it runs
ALTER TABLE "public"."workers" ADD CONSTRAINT "workers_addr_again" UNIQUE ("addr");
COMMIT;
