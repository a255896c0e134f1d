package main

import (
	"context"
	"flag"
	"fmt"
	"os"

	"github.com/detente-project/detente/coder"
	"github.com/detente-project/detente/coder/eval"
)

func init() {
	register(command{name: "eval", summary: "score the coder against hand-coded gold sentences", run: runEval})
}

func runEval(ctx context.Context, e *env, args []string) error {
	fs := flag.NewFlagSet("eval", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	gold := fs.String("gold", "", "gold JSONL file: {\"id\",\"date\",\"text\",\"events\":[{\"source\",\"target\",\"code\",\"alt\"}]} (required)")
	asJSON := fs.Bool("json", false, "print {\"root\",\"code\",\"agent\"} precision, recall and F1 as JSON")
	errs := fs.Bool("errors", false, "list missed and false events with their sentences")
	dict := fs.String("dict", "", "folder of dictionaries that add to or replace the embedded ones (PETRARCH and TABARI files too); what each file gave is printed on stderr")
	dictWarnings := fs.Bool("dict-warnings", false, "print every warning of the --dict files, not only the first three of each")
	fs.Usage = func() {
		fmt.Fprintln(e.stderr, "usage: detente eval --gold FILE [--json] [--errors] [--dict DIR [--dict-warnings]]")
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
	sents, err := eval.ReadGold(*gold, f)
	if err != nil {
		return err
	}
	c, err := coder.New(coder.WithDictDir(*dict))
	if err != nil {
		return err
	}
	printDictReports(e.stderr, c.Reports(), *dictWarnings)
	preds := make([][]eval.Pred, len(sents))
	for i := range sents {
		if err := ctx.Err(); err != nil {
			return err
		}
		preds[i] = eval.Counted(c.CodeText(sents[i].Text, sents[i].Day()))
	}
	r := eval.Evaluate(sents, preds)
	if *asJSON {
		return r.WriteJSON(e.stdout)
	}
	return r.WriteText(e.stdout, *errs)
}
