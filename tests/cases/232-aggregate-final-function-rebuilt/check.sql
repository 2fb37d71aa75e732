SELECT g, h FROM halves;
