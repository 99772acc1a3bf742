-- How many times a worker took the job: 1 when one worker did it all; more means takeovers after
-- a crash or a lost lease, which an operator wants to see.
ALTER TABLE fanout_job ADD COLUMN claims INTEGER NOT NULL DEFAULT 0;
