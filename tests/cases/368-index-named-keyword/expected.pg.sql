BEGIN;
-- hazard builds-index: builds index "Order" on "t", blocking writes meanwhile
CREATE UNIQUE INDEX "Order" ON public.t USING btree (b);
-- hazard builds-index: builds index "select" on "t", blocking writes meanwhile
CREATE INDEX "select" ON public.t USING btree (a);
-- hazard builds-index: builds index "user_2" on "t", blocking writes meanwhile
CREATE INDEX user_2 ON public.t USING btree (b);
COMMIT;
