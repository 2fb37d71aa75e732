INSERT INTO t VALUES (1, '((0,0),(1,1))'), (2, '((2,2),(3,3))');
INSERT INTO u VALUES ('((0,0),(1,1))', '((5,5),(6,6))');
INSERT INTO v VALUES ('((0,0),(1,1))');
