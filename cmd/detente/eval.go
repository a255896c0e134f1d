package main

import (
	"bufio"
	"context"
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/detente-project/detente/coder"
	"github.com/detente-project/detente/coder/eval"
)

func init() {
	register(command{name: "eval", summary: "score the coder against gold, pentaclass or codebook-example files", run: runEval})
}

func runEval(ctx context.Context, e *env, args []string) error {
	fs := flag.NewFlagSet("eval", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	gold := fs.String("gold", "", "file of labelled sentences in one of the formats above (required)")
	format := fs.String("format", "auto", "auto, gold, pentaclass or codebook; auto tells them apart by the first record")
	asJSON := fs.Bool("json", false, "print the table as one JSON object (gold: {\"root\",\"code\",\"agent\"} precision, recall and F1)")
	errs := fs.Bool("errors", false, "list the misses with their sentences and what was coded")
	dict := fs.String("dict", "", "folder of dictionaries that add to or replace the embedded ones (PETRARCH and TABARI files too); what each file gave is printed on stderr")
	dictWarnings := fs.Bool("dict-warnings", false, "print every warning of the --dict files, not only the first three of each")
	fs.Usage = func() {
		fmt.Fprint(e.stderr, `usage: detente eval --gold FILE [--format auto|gold|pentaclass|codebook] [--json] [--errors] [--dict DIR [--dict-warnings]]

Formats (auto: JSON with "events" is gold, JSON with "class" pentaclass,
a CSV header with the columns code and example the codebook):
  gold        JSONL {"id","date","text","events":[{"source","target","code","alt"}]}:
              precision, recall and F1 with root, full code and agents
  pentaclass  JSONL {"id","date","text","class"}, class 0-4 (roots 01-02,
              03-05, 06-08, 09-13 and 16, 14-15 and 17-20): per class the
              share coded and found; a sentence is found when a counted event
              has its class; precision = found / sentences coded, recall =
              found / sentences
  codebook    CSV with a header; columns code and example (NA: none), name
              optional: per root and overall the share of examples coded at
              all, with the code's root, and with exactly the code
Negated and hypothetical events are not counted.

`)
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *gold == "" {
		fs.Usage()
		return fmt.Errorf("--gold is required")
	}
	f, err := os.Open(*gold)
	if err != nil {
		return fmt.Errorf("open gold: %w", err)
	}
	defer f.Close()
	br := bufio.NewReaderSize(f, 64<<10)
	var fm eval.Format
	if *format == "auto" {
		fm, err = eval.Detect(*gold, br)
	} else {
		fm, err = eval.ParseFormat(*format)
	}
	if err != nil {
		return err
	}
	c, err := coder.New(coder.WithDictDir(*dict))
	if err != nil {
		return err
	}
	printDictReports(e.stderr, c.Reports(), *dictWarnings)
	var r report
	switch fm {
	case eval.PentaclassFormat:
		r, err = evalPentaclass(ctx, c, *gold, br)
	case eval.CodebookFormat:
		r, err = evalCodebook(ctx, c, *gold, br)
	default:
		r, err = evalGold(ctx, c, *gold, br)
	}
	if err != nil {
		return err
	}
	if *asJSON {
		return r.WriteJSON(e.stdout, *errs)
	}
	return r.WriteText(e.stdout, *errs)
}

// report is the table of one format.
type report interface {
	WriteText(w io.Writer, errors bool) error
	WriteJSON(w io.Writer, errors bool) error
}

// goldReport keeps the gold format's JSON as it was: the three levels only.
type goldReport struct{ eval.Report }

func (g *goldReport) WriteJSON(w io.Writer, _ bool) error { return g.Report.WriteJSON(w) }

func evalGold(ctx context.Context, c *coder.Coder, name string, r io.Reader) (report, error) {
	sents, err := eval.ReadGold(name, r)
	if err != nil {
		return nil, err
	}
	preds, err := eval.Predict(ctx, c, sents)
	if err != nil {
		return nil, err
	}
	return &goldReport{eval.Evaluate(sents, preds)}, nil
}

func evalPentaclass(ctx context.Context, c *coder.Coder, name string, r io.Reader) (report, error) {
	sents, err := eval.ReadPentaclass(name, r)
	if err != nil {
		return nil, err
	}
	preds, err := eval.Predict(ctx, c, sents)
	if err != nil {
		return nil, err
	}
	rep, err := eval.ScorePentaclass(sents, preds)
	return &rep, err
}

func evalCodebook(ctx context.Context, c *coder.Coder, name string, r io.Reader) (report, error) {
	exs, err := eval.ReadCodebookExamples(name, r)
	if err != nil {
		return nil, err
	}
	preds, err := eval.Predict(ctx, c, exs)
	if err != nil {
		return nil, err
	}
	rep := eval.ScoreCodebook(exs, preds)
	return &rep, nil
}
