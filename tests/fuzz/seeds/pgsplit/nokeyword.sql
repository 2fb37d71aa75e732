SELECT 1;
SELEC 2;
  garbage here ; SELECT 3