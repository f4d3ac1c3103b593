-- Trigram indexes make the issues page's substring search (ILIKE '%…%') an index lookup.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
