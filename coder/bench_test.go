package coder

import (
	"bufio"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/detente-project/detente"
)

// benchSentences reads the benchmark's news sentences.
func benchSentences(b *testing.B) []detente.Sentence {
	f, err := os.Open("testdata/bench_sentences.txt")
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	var out []detente.Sentence
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if s := strings.TrimSpace(sc.Text()); s != "" && !strings.HasPrefix(s, "#") {
			out = append(out, detente.Sentence{ArticleID: "bench", Index: len(out), Text: s, End: len(s)})
		}
	}
	return out
}

// BenchmarkCode codes realistic news sentences on one goroutine and
// reports sentences per second and allocations per sentence.
func BenchmarkCode(b *testing.B) {
	c, err := New()
	if err != nil {
		b.Fatal(err)
	}
	sents := benchSentences(b)
	a := &detente.Article{ID: "bench", Published: time.Date(2024, 5, 1, 0, 0, 0, 0, time.UTC)}
	b.ReportAllocs()
	start, cpu0 := time.Now(), cpuTime()
	n := 0
	for b.Loop() {
		c.Code(a, sents)
		n += len(sents)
	}
	el := time.Since(start).Seconds()
	b.ReportMetric(float64(n)/el, "sentences/s")
	// The same per CPU second: the wall clock counts time other processes
	// take from this one on a shared machine.
	if cpu := (cpuTime() - cpu0).Seconds(); cpu > 0 {
		b.ReportMetric(float64(n)/cpu, "sentences/cpu-s")
	}
	b.ReportMetric(float64(testing.AllocsPerRun(1, func() { c.Code(a, sents) }))/float64(len(sents)), "allocs/sentence")
}

// BenchmarkNew measures loading every dictionary (actors, agents, verbs).
func BenchmarkNew(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := New(); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkPOSLexicon reads the tagger's generated lexicon, part of the
// cost of loading the embedded dictionaries.
func BenchmarkPOSLexicon(b *testing.B) {
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		if _, err := ReadPOSLexicon("pos.txt", strings.NewReader(posFile)); err != nil {
			b.Fatal(err)
		}
	}
}
