BEGIN;
CREATE TABLE "app"."extra" (
    "id" integer
);
COMMIT;
