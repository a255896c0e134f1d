-- The former IDs of the stories of the shared story index (package
-- dedup/pgindex). A story's ID is the ID of its earliest published copy;
-- when a copy published earlier joins a story, the story takes its ID and
-- the old one becomes an alias, so that a worker writing an article under
-- the old ID has it moved to the new one. published is the time of the
-- copy that renamed the story: aliases are pruned with the window.
CREATE TABLE story_aliases (
	alias     TEXT COLLATE "C" PRIMARY KEY,
	story_id  TEXT NOT NULL,
	published TIMESTAMPTZ NOT NULL
);
CREATE INDEX story_aliases_story ON story_aliases (story_id);
