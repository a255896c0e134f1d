package source

import (
	"context"
	"log/slog"
	"time"

	"github.com/detente-project/detente/fetch"
)

// Options configure Walk. The zero value reads files only.
type Options struct {
	// Client fetches URL inputs and feed items; nil makes URL inputs fail.
	Client *fetch.Client
	// MaxBytes limits one page, file or record, decompressed. Default
	// 10 MB. (The Client has its own limit for fetched pages.)
	MaxBytes int64
	// MaxFeedItems bounds the items read from one feed. Default 500.
	MaxFeedItems int
	// ResumeFrom maps a file path (as given or found in a folder) to a
	// checkpoint: pages of that file whose Offset is below it are
	// skipped, by seeking where the format allows (WARC, JSONL).
	ResumeFrom map[string]int64
	// ResumeAt, when set, gives the checkpoint of a page Origin for a
	// file that ResumeFrom does not list: files found inside a folder,
	// say. A pipeline's Resume method fits. The Origin of WARC and JSONL
	// pages is the path and a hash of the file's head (OriginPath undoes
	// it), so a different file put at the same path starts afresh.
	ResumeAt func(ctx context.Context, origin string) (int64, error)
	// OnError is told of each input, line, record or feed item that
	// failed; the walk goes on. Nil logs them.
	OnError func(input string, err error)
	// Logger logs errors when OnError is nil. Default slog.Default().
	Logger *slog.Logger
	// Now stamps Page.Fetched for files. Default time.Now.
	Now func() time.Time
}

func (o Options) withDefaults() Options {
	if o.MaxBytes <= 0 {
		o.MaxBytes = 10 << 20
	}
	if o.MaxFeedItems <= 0 {
		o.MaxFeedItems = 500
	}
	if o.Logger == nil {
		o.Logger = slog.Default()
	}
	if o.OnError == nil {
		log := o.Logger
		o.OnError = func(input string, err error) {
			log.Error("input failed", "stage", "source", "url", input, "err", err)
		}
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	return o
}
