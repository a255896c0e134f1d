package detente

// SpooledPage is a page accepted for ingest (a pushed article) and kept in
// a store's spool until the pipeline has settled it, so that an
// acknowledgement given for it survives a crash.
type SpooledPage struct {
	ID   int64 // order of acceptance, unique within its store
	Page Page
}
