package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
)

func init() {
	register(command{name: "stats", summary: "count the articles, sentences, events and stories stored", run: runStats})
}

func runStats(ctx context.Context, e *env, args []string) error {
	fs := flag.NewFlagSet("stats", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	db := fs.String("db", "detente.db", dbFlagUsage)
	asJSON := fs.Bool("json", false, `print {"articles":N,"sentences":N,"events":N,"stories":N}`)
	fs.Usage = func() {
		fmt.Fprintln(fs.Output(), "usage: detente stats [--db detente.db] [--json]")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return err
	}
	st, err := openExisting(ctx, *db)
	if err != nil {
		return err
	}
	defer st.Close()
	s, err := st.Stats(ctx)
	if err != nil {
		return err
	}
	if *asJSON {
		return json.NewEncoder(e.stdout).Encode(s)
	}
	_, err = fmt.Fprintf(e.stdout, "articles  %d\nsentences %d\nevents    %d\nstories   %d\n",
		s.Articles, s.Sentences, s.Events, s.Stories)
	return err
}
