-- online: build the index without blocking writes (outside a transaction)
-- hazard builds-index: builds index "concurrently_state_idx" on "jobs"
CREATE INDEX CONCURRENTLY concurrently_state_idx ON public.jobs USING btree (state);
