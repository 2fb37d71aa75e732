SELECT m FROM avg_v;
