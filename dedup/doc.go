// Package dedup groups wire copies — the same agency story reprinted by
// many outlets, lightly edited, cut short or dressed in other boilerplate —
// into one story, so that an event reported by twenty papers is counted
// once, with twenty sources.
//
// # Method
//
// A body is lower-cased and split into words (runs of letters and digits,
// so punctuation and spacing do not count). Each run of 3 consecutive
// words (a shingle) is hashed, and the MinHash signature keeps, for each of
// 128 fixed hash functions, the least hash over all shingles: the share of
// positions where two signatures agree estimates the Jaccard similarity of
// the two shingle sets. Signatures are deterministic across processes and
// versions (a test pins them), so they can be stored with the article and
// loaded back with Index.Add.
//
// Candidates are found by locality-sensitive hashing: the signature is cut
// into 64 bands of 2 rows, and articles sharing any band's values are
// compared; at the 0.25 threshold a true match becomes a candidate with
// probability 1-(1-0.25²)^64 ≈ 0.98. An article joins the story of its
// most similar candidate published within ±72 hours whose estimated
// similarity is at least 0.25; otherwise it starts a story whose ID is its
// own article ID. Memory is bounded: beyond Keep articles (10,000 by
// default, about 16 MB), the article that came first is evicted once it
// was published more than two windows from the one just assigned, so that
// input in published order, forwards or backwards, never needs it again;
// and a bucket holds at most the earliest and latest article of each
// story. An article whose window reaches the hour of one evicted is Late:
// the pipeline adds the stored articles of its window back before
// assigning it, so a redelivered or out-of-order copy still finds its
// story.
//
// # Tuning
//
// TestTuning builds 25 articles from our own texts (testdata/wire): three
// stories in five copies each (two outlets' verbatim copies, an edited copy
// with rewordings and a dropped paragraph, a copy cut to its first half, a
// rewrite with reordered paragraphs, rewordings and an added paragraph) and
// five unrelated stories in two copies, two of them on the same subjects
// (U.S.–Iran, India–China, the Security Council), all wrapped in the same
// outlets' boilerplate. Pairwise grouping precision and recall:
//
//	shingle  bands×rows  threshold  precision  recall
//	      2     64×2          0.30      1.000   1.000
//	      2     64×2          0.20      0.636   1.000
//	      3     32×4          0.25      1.000   0.886
//	      3     64×2          0.10      0.556   1.000
//	      3     64×2          0.20      1.000   1.000
//	      3     64×2          0.25      1.000   1.000   ← defaults
//	      3     64×2          0.30      1.000   1.000
//	      3     64×2          0.40      1.000   0.800
//	      3     64×2          0.50      1.000   0.371
//	      4     64×2          0.30      1.000   1.000
//	      5     64×2          0.30      1.000   1.000
//
// Three-word shingles separate best: the least similar pair of copies (a
// half copy against a rewrite) scores 0.25 and the most similar unrelated
// pair (two short stories in the same outlet's long boilerplate) 0.17,
// where 2-word shingles overlap (0.29 against 0.30) and 4- and 5-word ones
// narrow the gap (0.23/0.21, 0.25/0.22). The threshold sits at the copies'
// floor because copies also join through their most similar sibling.
//
// # Several processes
//
// Queue workers that share a PostgreSQL store share one index, kept in the
// database (package dedup/pgindex), with the same decision rule and the
// same window; each batch of articles is assigned in a transaction under
// one lock, so two copies assigned at the same moment by two workers
// agree: the second waits for the first and joins its story.
//
// # Story IDs
//
// A story's ID is the ID of its earliest published copy (ties to the
// smaller ID), not of the first one assigned, so that it does not depend
// on the order copies arrive in. When a copy published earlier than a
// story's first copy joins it, the story takes the copy's ID and keeps
// the old one as an alias (Index.AssignStory returns them; a table
// story_aliases in PostgreSQL). The pipeline hands the aliases to the store with the
// article, and the store moves what it holds under them to the new ID and
// settles the story again: the primary event of each source, target and
// code is the earliest copy's, as if the copies had come in published
// order, and the tension of the days concerned is recomputed. So a
// redelivered or reordered input gives the same tables, story IDs and
// primaries included.
//
// Whatever the order articles arrive in and however many workers assign
// them, one process and N workers give the same stories when every two
// copies of a story share a band and match (estimated similarity at or
// above the threshold, within the window), as every story of the tuning
// corpus does (TestStoryIDsIgnoreOrder; pgindex's
// TestConcurrentSameGroupingAsOneProcess with four workers against one
// process). What can still differ:
//
//   - chains: when B matches A and C but A and C do not match, A and C
//     assigned before B stay two stories (B joins the more similar),
//     while B first makes one; stories are not merged;
//   - in PostgreSQL, an article more than a window older than the newest
//     one held may find its copies, or its story's first copy, pruned
//     (in memory they are recalled from the store); a story whose first
//     copy is no longer held keeps its ID.
//
// Only the standard library is used (dedup/pgindex adds PostgreSQL).
package dedup
