INSERT INTO persons VALUES (1, 'ann');
