ALTER TABLE courier_messages
ADD send_count INT NOT NULL DEFAULT 0;
