-- The state a pair's change detection carries past a quiet day (no CUSUM
-- excursion open after it), as tension.Carry's text; NULL on other days.
-- An incremental update resumes from the last such day before the first
-- day it changes instead of recomputing the pair's whole history. Days
-- stored before this column have none: the first update of a pair
-- computes its history once and stores them.
ALTER TABLE tension_days ADD COLUMN carry TEXT;
