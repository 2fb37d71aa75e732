CREATE TABLE a (x);
--> statement-breakpoint
CREATE TABLE b (y);
--> statement-breakpoint
--> statement-breakpoint
