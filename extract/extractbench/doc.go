// Package extractbench measures article extraction on the article
// extraction benchmark (181 real news pages with hand-chosen bodies, kept
// outside the repository in ../shared/data/extraction-benchmark), with the
// benchmark's own metric, and compares detente's extractor with bare
// go-trafilatura in the same run.
//
// It depends on go-trafilatura directly because bare go-trafilatura is the
// baseline detente is held to.
package extractbench
