SELECT count(*) FROM m_2024;
