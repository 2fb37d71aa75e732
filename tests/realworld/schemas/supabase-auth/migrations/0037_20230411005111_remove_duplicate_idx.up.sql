drop index if exists auth.refresh_tokens_token_idx;
