package extractbench

import (
	"math"
	"strings"
	"testing"
)

func TestTokens(t *testing.T) {
	tests := []struct {
		in   string
		want string
	}{
		{"Hello, world!", "Hello|world"},
		{"U.S.-led talks in 2019", "U|S|led|talks|in|2019"},
		{"snake_case and café", "snake_case|and|café"},
		{"Москва, 東京 ٣", "Москва|東京|٣"},
		{"  ...  ", ""},
	}
	for _, tt := range tests {
		if got := strings.Join(Tokens(tt.in), "|"); got != tt.want {
			t.Errorf("Tokens(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestScore(t *testing.T) {
	tests := []struct {
		name        string
		truth, pred string
		tp, fp, fn  float64
		exact       bool
	}{
		// a b c d e: shingles abcd, bcde.
		{"identical", "a b c d e", "a b c d e", 1, 0, 0, true},
		{"punctuation and spacing do not count", "a b c d e", "a, b. c\nd (e)", 1, 0, 0, true},
		// pred adds f: abcd bcde cdef; TP 2, FP 1.
		{"one extra word", "a b c d e", "a b c d e f", 2. / 3, 1. / 3, 0, false},
		// pred lacks e: abcd; TP 1, FN 1.
		{"one missing word", "a b c d e", "a b c d", 0.5, 0, 0.5, false},
		{"nothing predicted", "a b c d e", "", 0, 1. / 3, 2. / 3, false},
		{"both empty", "", "", 1, 0, 0, true},
		// short texts are one shingle of all their tokens.
		{"short texts equal", "a b", "a b", 1, 0, 0, true},
		{"short texts differ", "a b", "a c", 0, 0.5, 0.5, false},
		// multiplicity: truth has abcd twice, pred once.
		{"repeated shingles", "a b c d a b c d", "a b c d", 0.2, 0, 0.8, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := Score(tt.truth, tt.pred)
			if !near(s.TP, tt.tp) || !near(s.FP, tt.fp) || !near(s.FN, tt.fn) || s.Exact != tt.exact {
				t.Errorf("Score = %+v, want TP %.3f FP %.3f FN %.3f exact %v", s, tt.tp, tt.fp, tt.fn, tt.exact)
			}
		})
	}
}

func TestSummarize(t *testing.T) {
	tests := []struct {
		name               string
		pages              []PageScore
		p, r, f1, accuracy float64
	}{
		{"perfect", []PageScore{{TP: 1, Exact: true}, {TP: 1, Exact: true}}, 1, 1, 1, 1},
		{"means over pages", []PageScore{
			{TP: 0.5, FP: 0.5}, // P 0.5, R 1
			{TP: 0.5, FN: 0.5}, // P 1, R 0.5
		}, 0.75, 0.75, 0.75, 0},
		{"page with nothing predicted counts for recall only", []PageScore{
			{TP: 1, Exact: true},
			{FN: 1}, // TP+FP = 0: left out of precision; recall 0
		}, 1, 0.5, 2 * 0.5 / 1.5, 0.5},
		{"page with nothing true counts for precision only", []PageScore{
			{TP: 1},
			{FP: 1}, // TP+FN = 0: left out of recall; precision 0
		}, 0.5, 1, 2 * 0.5 / 1.5, 0},
		{"no pages", nil, 0, 0, 0, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := Summarize(tt.pages)
			if !near(s.Precision, tt.p) || !near(s.Recall, tt.r) || !near(s.F1, tt.f1) || !near(s.Accuracy, tt.accuracy) || s.Pages != len(tt.pages) {
				t.Errorf("Summarize = %+v, want P %.3f R %.3f F1 %.3f accuracy %.3f", s, tt.p, tt.r, tt.f1, tt.accuracy)
			}
		})
	}
}

func TestScoreEndToEnd(t *testing.T) {
	truth := "Iran and Oman held talks on Tuesday. Both sides called them useful."
	pages := []PageScore{
		Score(truth, truth),
		Score(truth, "Menu Home World "+truth),
		Score(truth, "Iran and Oman held talks on Tuesday."),
	}
	s := Summarize(pages)
	if s.Accuracy != 1./3 || s.Precision >= 1 || s.Recall >= 1 || s.F1 <= 0.5 {
		t.Errorf("Summarize = %+v", s)
	}
}

func near(a, b float64) bool { return math.Abs(a-b) < 1e-9 }
