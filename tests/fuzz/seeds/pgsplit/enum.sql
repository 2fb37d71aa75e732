-- plumb:no-transaction
ALTER TYPE mood ADD VALUE IF NOT EXISTS 'meh' BEFORE 'sad';
ALTER TYPE mood ADD VALUE 'o''k;';
UPDATE people SET m = 'meh' WHERE m = 'sad';
