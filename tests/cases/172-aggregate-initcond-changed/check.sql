SELECT g, s FROM totals ORDER BY g;
