-- Every search runs the same few statements, whatever its words. After five executions PostgreSQL
-- may settle on a generic plan for a statement, one that cannot know whether a word is in half
-- the catalog (stop after reading the table's first few hundred rows) or in a few videos (the
-- full-text index): the count of a common word then built a bitmap of 24,000 rows to keep 100.
-- So each execution is planned for its own parameters (about 0.3 ms each, against milliseconds
-- saved). Sequential scans start at the table's first block, never where a concurrent one is:
-- the count reads where its matches lie to estimate how common the query is.
-- The triggers that keep suggestions and the lexicon run the same statements for every write,
-- whose plans do not depend on the values: they keep PostgreSQL's plan cache (planned anew, the
-- indexing rate fell from about 1,000 to 740 videos a second).
DO $$
BEGIN
    EXECUTE format('ALTER DATABASE %I SET plan_cache_mode = force_custom_plan', current_database());
    EXECUTE format('ALTER DATABASE %I SET synchronize_seqscans = off', current_database());
END
$$;
ALTER FUNCTION video_suggestions_changed() SET plan_cache_mode = auto;
ALTER FUNCTION video_lexicon_changed() SET plan_cache_mode = auto;
