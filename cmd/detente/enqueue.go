package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/detente-project/detente/nats"
	"github.com/detente-project/detente/source"
)

func init() {
	register(command{name: "enqueue", summary: "put pages, feeds, WARC files or JSONL articles on the work queue", run: runEnqueue})
}

func runEnqueue(ctx context.Context, e *env, args []string) error {
	fs := flag.NewFlagSet("enqueue", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	qf := addQueueFlags(fs)
	kind := fs.String("kind", "", "page, feed, warc or article (default: told by each argument: http(s) URL → page,\n.warc/.warc.gz → warc, .jsonl or - → article)")
	fs.Usage = func() {
		fmt.Fprintln(fs.Output(), "usage: detente enqueue [--nats URL] [--kind page|feed|warc|article] ARG...\n\n"+
			"Puts work items on the queue for \"detente worker\": page or feed URLs, WARC file paths\n"+
			"(which every worker must be able to read), or JSONL files of articles, one item a line\n"+
			"({\"url\",\"title\",\"published\",\"text\" or \"html\"}; - reads stdin). An item already\n"+
			"queued within the duplicate window is not queued again.")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() == 0 {
		fs.Usage()
		return errors.New("enqueue: nothing to enqueue")
	}
	var items []nats.Item
	for _, arg := range fs.Args() {
		k := nats.Kind(*kind)
		if k == "" {
			k = kindOf(arg)
		}
		got, err := itemsOf(k, arg, e.stdin)
		if err != nil {
			return fmt.Errorf("enqueue: %w", err)
		}
		items = append(items, got...)
	}
	q, err := nats.Open(ctx, *qf.url, nats.Config{Stream: *qf.stream, Subject: *qf.subject})
	if err != nil {
		return err
	}
	defer q.Close()
	n, err := q.Enqueue(ctx, items...)
	fmt.Fprintf(e.stdout, "enqueued %d items, %d already queued\n", n.Added, n.Duplicates)
	return err
}

// kindOf tells an argument's item kind by its form.
func kindOf(arg string) nats.Kind {
	l := strings.ToLower(arg)
	switch {
	case strings.HasPrefix(l, "http://"), strings.HasPrefix(l, "https://"):
		return nats.KindPage
	case strings.HasSuffix(l, ".warc"), strings.HasSuffix(l, ".warc.gz"):
		return nats.KindWARC
	case strings.HasSuffix(l, ".jsonl"), arg == "-":
		return nats.KindArticle
	}
	return ""
}

// itemsOf turns one argument into items of kind k.
func itemsOf(k nats.Kind, arg string, stdin io.Reader) ([]nats.Item, error) {
	switch k {
	case nats.KindPage, nats.KindFeed:
		it := nats.Item{Kind: k, URL: arg}
		return []nats.Item{it}, it.Validate()
	case nats.KindWARC:
		abs, err := filepath.Abs(arg)
		if err != nil {
			return nil, err
		}
		if _, err := os.Stat(abs); err != nil {
			return nil, err
		}
		it := nats.Item{Kind: k, Path: abs}
		return []nats.Item{it}, it.Validate()
	case nats.KindArticle:
		if arg == "-" {
			return readArticles("stdin", stdin)
		}
		f, err := os.Open(arg)
		if err != nil {
			return nil, err
		}
		defer f.Close()
		return readArticles(arg, f)
	case "":
		return nil, fmt.Errorf("%s: cannot tell its kind (give --kind)", arg)
	}
	return nil, fmt.Errorf("unknown kind %q (want page, feed, warc or article)", k)
}

// maxArticleLine is the longest JSONL line enqueue reads: ingest's limit
// on a record.
const maxArticleLine = 10 << 20

// readArticles reads a JSONL file of records as article items; a bad line
// fails the whole file, naming the line, before anything is queued.
func readArticles(name string, r io.Reader) ([]nats.Item, error) {
	var items []nats.Item
	sc := bufio.NewScanner(r)
	// Lines as long as ingest takes; an article larger than a queue
	// message goes by reference through the queue's object store.
	sc.Buffer(make([]byte, 0, 64<<10), maxArticleLine)
	line := 1
	for ; sc.Scan(); line++ {
		b := sc.Bytes()
		if len(strings.TrimSpace(string(b))) == 0 {
			continue
		}
		rec, err := source.ParseRecord(b)
		if err != nil {
			return nil, fmt.Errorf("%s:%d: %w", name, line, err)
		}
		items = append(items, nats.Item{Kind: nats.KindArticle, Record: &rec})
	}
	if err := sc.Err(); errors.Is(err, bufio.ErrTooLong) {
		return nil, fmt.Errorf("%s:%d: line longer than %d bytes", name, line, maxArticleLine)
	} else if err != nil {
		return nil, fmt.Errorf("%s:%d: %w", name, line, err)
	}
	return items, nil
}
