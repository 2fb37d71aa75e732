create index if not exists identities_user_id_idx on auth.identities using btree (user_id);
