package main

import (
	"bufio"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/detente-project/detente"
	"github.com/detente-project/detente/coder"
)

func init() {
	register(command{name: "code", summary: "code the political events of sentences (args or stdin)", run: runCode})
}

// codeInput is one line of JSONL input to "detente code".
type codeInput struct {
	ID   string `json:"id"`
	Date string `json:"date"`
	Text string `json:"text"`
}

// codedEvent is one event as "detente code" prints it.
type codedEvent struct {
	Source       string   `json:"source"`
	Target       string   `json:"target"`
	Code         string   `json:"code"`
	Root         string   `json:"root"`
	Quad         int      `json:"quad"`
	Goldstein    float64  `json:"goldstein"`
	Plover       string   `json:"plover"`
	Negated      bool     `json:"negated"`
	Hypothetical bool     `json:"hypothetical"`
	SourceText   string   `json:"source_text"`
	TargetText   string   `json:"target_text"`
	Trigger      string   `json:"trigger"`
	Rule         string   `json:"rule"`
	Confidence   float64  `json:"confidence"`
	Location     string   `json:"location,omitempty"`
	Mediators    []string `json:"mediators,omitempty"`
}

type codeOutput struct {
	ID      string             `json:"id"`
	Events  []codedEvent       `json:"events"`
	Explain *coder.Explanation `json:"explain,omitempty"`
}

func runCode(ctx context.Context, e *env, args []string) error {
	fs := flag.NewFlagSet("code", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	date := fs.String("date", "", "date of the sentences, YYYY-MM-DD (default: today; JSONL lines may carry their own)")
	explain := fs.Bool("explain", false, "add how each sentence was read (tokens, actors, patterns) to the output")
	dict := fs.String("dict", "", "folder of dictionaries that add to or replace the embedded ones (PETRARCH and TABARI files too); what each file gave is printed on stderr")
	dictWarnings := fs.Bool("dict-warnings", false, "print every warning of the --dict files, not only the first three of each")
	fs.Usage = func() {
		fmt.Fprintln(e.stderr, "usage: detente code [--date YYYY-MM-DD] [--explain] [--dict DIR [--dict-warnings]] [TEXT...]\n\nCodes each TEXT argument, or each stdin line (plain text, or JSONL {\"id\",\"date\",\"text\"}),\nand prints one JSON line per input with its events.")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return err
	}
	day := time.Now().UTC()
	if *date != "" {
		d, err := time.Parse(time.DateOnly, *date)
		if err != nil {
			return fmt.Errorf("--date %q: %w", *date, err)
		}
		day = d
	}
	c, err := coder.New(coder.WithDictDir(*dict))
	if err != nil {
		return err
	}
	printDictReports(e.stderr, c.Reports(), *dictWarnings)
	enc := json.NewEncoder(e.stdout)
	enc.SetEscapeHTML(false)
	emit := func(in codeInput, d time.Time) error {
		out := codeOutput{ID: in.ID, Events: []codedEvent{}}
		for _, ev := range c.CodeText(in.Text, d) {
			out.Events = append(out.Events, toCoded(ev))
		}
		if *explain {
			x := c.Explain(in.Text, d)
			out.Explain = &x
		}
		return enc.Encode(out)
	}
	if fs.NArg() > 0 {
		for i, t := range fs.Args() {
			if err := emit(codeInput{ID: fmt.Sprint(i + 1), Text: t}, day); err != nil {
				return err
			}
		}
		return nil
	}
	return codeLines(ctx, e.stdin, day, emit)
}

// codeLines codes stdin line by line: JSONL objects or plain sentences.
func codeLines(ctx context.Context, r io.Reader, day time.Time, emit func(codeInput, time.Time) error) error {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), 16*1024*1024)
	for ln := 1; sc.Scan(); ln++ {
		if err := ctx.Err(); err != nil {
			return err
		}
		line := strings.TrimSpace(sc.Text())
		if line == "" {
			continue
		}
		in, d := codeInput{ID: fmt.Sprint(ln), Text: line}, day
		if strings.HasPrefix(line, "{") {
			in = codeInput{}
			if err := json.Unmarshal([]byte(line), &in); err != nil {
				return fmt.Errorf("stdin:%d: %w", ln, err)
			}
			if in.ID == "" {
				in.ID = fmt.Sprint(ln)
			}
			if in.Date != "" {
				t, err := time.Parse(time.DateOnly, in.Date)
				if err != nil {
					return fmt.Errorf("stdin:%d: date %q: %w", ln, in.Date, err)
				}
				d = t
			}
		}
		if err := emit(in, d); err != nil {
			return err
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("read stdin: %w", err)
	}
	return nil
}

func toCoded(ev detente.Event) codedEvent {
	c := codedEvent{
		Source: ev.Source.Code, Target: ev.Target.Code, Code: ev.Code, Root: ev.Root, Quad: int(ev.Quad),
		Goldstein: ev.Goldstein, Plover: ev.Plover, Negated: ev.Negated, Hypothetical: ev.Hypothetical,
		SourceText: ev.Source.Text, TargetText: ev.Target.Text, Trigger: ev.Trigger.Text, Rule: ev.Rule,
		Confidence: ev.Confidence, Location: ev.Location.Country,
	}
	for _, m := range ev.Mediators {
		c.Mediators = append(c.Mediators, m.Code)
	}
	return c
}
