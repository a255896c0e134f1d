package extractbench

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"text/tabwriter"
	"time"

	"github.com/markusmobius/go-trafilatura"

	"github.com/detente-project/detente"
	"github.com/detente-project/detente/extract"
)

// Page is one benchmark page: its HTML and the article body a person chose.
type Page struct {
	Key   string // the file's sha256 name
	URL   string
	HTML  []byte
	Truth string
}

// Load reads the benchmark in dir: html/<key>.html.gz and ground-truth.json.
func Load(dir string) ([]Page, error) {
	gtPath := filepath.Join(dir, "ground-truth.json")
	raw, err := os.ReadFile(gtPath)
	if err != nil {
		return nil, fmt.Errorf("read ground truth: %w", err)
	}
	var gt map[string]struct {
		URL         string `json:"url"`
		ArticleBody string `json:"articleBody"`
	}
	if err := json.Unmarshal(raw, &gt); err != nil {
		return nil, fmt.Errorf("parse %s: %w", gtPath, err)
	}
	keys := slices.Sorted(func(yield func(string) bool) {
		for k := range gt {
			if !yield(k) {
				return
			}
		}
	})
	pages := make([]Page, 0, len(keys))
	for _, k := range keys {
		name := filepath.Join(dir, "html", k+".html.gz")
		b, err := readGzip(name)
		if err != nil {
			return nil, err
		}
		pages = append(pages, Page{Key: k, URL: gt[k].URL, HTML: b, Truth: gt[k].ArticleBody})
	}
	return pages, nil
}

func readGzip(name string) ([]byte, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, fmt.Errorf("read page: %w", err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", name, err)
	}
	b, err := io.ReadAll(zr)
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", name, err)
	}
	return b, nil
}

// Extractor is one contestant: it returns the article body of a page, ""
// when it finds none.
type Extractor struct {
	Name    string
	Extract func(ctx context.Context, p Page) string
}

// Detente is detente's own extractor.
func Detente() Extractor {
	x := extract.New()
	return Extractor{Name: "detente", Extract: func(ctx context.Context, p Page) string {
		a, err := x.Extract(ctx, detente.Page{URL: p.URL, Body: p.HTML})
		if err != nil {
			return ""
		}
		return a.Body
	}}
}

// Trafilatura is bare go-trafilatura with its fallbacks and default
// options, the baseline detente must not fall below.
func Trafilatura() Extractor {
	return Extractor{Name: "go-trafilatura", Extract: func(_ context.Context, p Page) string {
		opts := trafilatura.Options{EnableFallback: true}
		if u, err := url.Parse(p.URL); err == nil {
			opts.OriginalURL = u
		}
		res, err := trafilatura.Extract(bytes.NewReader(p.HTML), opts)
		if err != nil {
			return ""
		}
		return res.ContentText
	}}
}

// Row is one extractor's figures.
type Row struct {
	Name string
	Summary
	Seconds     float64 // time spent extracting
	PagesPerSec float64
}

// Report is the outcome of a run: one row per extractor, in the order run.
type Report struct {
	Rows []Row
}

// Row returns the row of the named extractor.
func (r Report) Row(name string) (Row, bool) {
	for _, row := range r.Rows {
		if row.Name == name {
			return row, true
		}
	}
	return Row{}, false
}

// Run scores detente's extractor and bare go-trafilatura on the benchmark
// in dir and writes one table to w. The two run page by page in turn, so
// that a busy machine slows both alike.
func Run(ctx context.Context, dir string, w io.Writer) (Report, error) {
	pages, err := Load(dir)
	if err != nil {
		return Report{}, err
	}
	rep, err := Compare(ctx, pages, Detente(), Trafilatura())
	if err != nil {
		return rep, err
	}
	return rep, rep.Write(w)
}

// Compare runs every extractor over every page and scores them.
func Compare(ctx context.Context, pages []Page, xs ...Extractor) (Report, error) {
	scores := make([][]PageScore, len(xs))
	spent := make([]time.Duration, len(xs))
	for _, p := range pages {
		if err := ctx.Err(); err != nil {
			return Report{}, fmt.Errorf("benchmark: %w", err)
		}
		for i, x := range xs {
			start := time.Now()
			body := x.Extract(ctx, p)
			spent[i] += time.Since(start)
			scores[i] = append(scores[i], Score(p.Truth, body))
		}
	}
	var rep Report
	for i, x := range xs {
		row := Row{Name: x.Name, Summary: Summarize(scores[i]), Seconds: spent[i].Seconds()}
		if row.Seconds > 0 {
			row.PagesPerSec = float64(len(pages)) / row.Seconds
		}
		rep.Rows = append(rep.Rows, row)
	}
	return rep, nil
}

// Write prints the report as one table.
func (r Report) Write(w io.Writer) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "extractor\tprecision\trecall\tF1\taccuracy\tpages\tpages/s\t")
	for _, row := range r.Rows {
		fmt.Fprintf(tw, "%s\t%.4f\t%.4f\t%.4f\t%.4f\t%d\t%.1f\t\n", row.Name, row.Precision, row.Recall, row.F1, row.Accuracy, row.Pages, row.PagesPerSec)
	}
	if len(r.Rows) == 2 && r.Rows[1].PagesPerSec > 0 {
		fmt.Fprintf(tw, "%s/%s speed\t%.2fx\t\t\t\t\t\t\n", r.Rows[0].Name, r.Rows[1].Name, r.Rows[0].PagesPerSec/r.Rows[1].PagesPerSec)
	}
	if err := tw.Flush(); err != nil {
		return fmt.Errorf("write report: %w", err)
	}
	return nil
}
