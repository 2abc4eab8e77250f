-- A stand-in for version 6, which another branch adds; it exists only so that this branch's V7 has
-- no gap before it. It changes nothing. Replace it with that branch's V6 when the two are merged.
DROP TABLE IF EXISTS reserved_v6_placeholder;
