BEGIN;
-- the partitioning changes: drop and create the table
-- hazard deletes-data: drops table "m_2024" and its rows
-- hazard access-exclusive-lock: locks table "m_2024" against reads and writes while it runs
DROP TABLE "public"."m_2024";
-- hazard access-exclusive-lock: locks table "m" against reads and writes while it runs
CREATE TABLE "public"."m_2024" PARTITION OF "public"."m" FOR VALUES FROM ('2024-01-01') TO ('2024-07-01');
-- hazard access-exclusive-lock: locks table "m" against reads and writes while it runs
CREATE TABLE "public"."m_2025" PARTITION OF "public"."m" FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');
COMMIT;
