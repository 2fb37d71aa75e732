SELECT m FROM median;
