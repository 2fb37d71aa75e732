BEGIN;
-- hazard builds-index: builds index "z1" on "z", blocking writes meanwhile
CREATE INDEX z1 ON public.z USING btree (v, c, n);
-- hazard builds-index: builds index "z2" on "z", blocking writes meanwhile
CREATE INDEX z2 ON public.z USING gin (a);
-- hazard builds-index: builds index "z3" on "z", blocking writes meanwhile
CREATE INDEX z3 ON public.z USING btree (id, ts, v varchar_ops);
-- hazard builds-index: builds index "z4" on "z", blocking writes meanwhile
CREATE INDEX z4 ON public.z USING btree (v text_pattern_ops);
COMMIT;
