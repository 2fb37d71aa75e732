BEGIN;
-- hazard access-exclusive-lock: locks table "v" against reads and writes while it runs
ALTER TABLE "public"."v" RENAME CONSTRAINT "v_old" TO "v_new";
ALTER OPERATOR FAMILY "geo"."box_ops_old" USING gist RENAME TO box_ops_new;
ALTER OPERATOR FAMILY "public"."box_ops_old" USING gist RENAME TO my_box_ops;
ALTER OPERATOR CLASS "geo"."box_ops_old" USING gist RENAME TO box_ops_new;
ALTER OPERATOR CLASS "public"."box_ops_old" USING gist RENAME TO my_box_ops;
-- hazard access-exclusive-lock: locks table "w" against reads and writes while it runs
ALTER TABLE "public"."w" DROP CONSTRAINT "w_b";
-- hazard access-exclusive-lock: locks table "w" against reads and writes while it runs
-- hazard builds-index: builds the index of constraint "w_b" on "w"
ALTER TABLE "public"."w" ADD CONSTRAINT "w_b" EXCLUDE USING gist (b my_box_ops WITH &&) WHERE (b IS NOT NULL);
COMMIT;
