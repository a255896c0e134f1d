package extractbench

import (
	"strings"
	"unicode"
)

// shingleSize is the number of tokens in a shingle, as the benchmark
// defines it.
const shingleSize = 4

// Tokens returns the words of s as the benchmark's regular expression \w+
// finds them with Unicode semantics: maximal runs of letters, numbers and
// underscores.
func Tokens(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool { return !isWord(r) })
}

func isWord(r rune) bool {
	return r == '_' || unicode.IsLetter(r) || unicode.IsNumber(r)
}

// shingles counts every run of shingleSize consecutive tokens; a text with
// fewer tokens is one shingle of all its tokens, the empty text included.
func shingles(tokens []string) map[string]int {
	if len(tokens) < shingleSize {
		return map[string]int{strings.Join(tokens, "\x00"): 1}
	}
	m := make(map[string]int, len(tokens)-shingleSize+1)
	for i := 0; i+shingleSize <= len(tokens); i++ {
		m[strings.Join(tokens[i:i+shingleSize], "\x00")]++
	}
	return m
}

// PageScore is one page's shingle counts, normalised so that TP+FP+FN is 1
// (or all zero), which makes every page weigh the same in the means.
type PageScore struct {
	TP, FP, FN float64
	// Exact reports whether the predicted token list equals the truth's.
	Exact bool
}

// Score compares a predicted article body with the true one.
func Score(truth, pred string) PageScore {
	tt, pt := Tokens(truth), Tokens(pred)
	ts, ps := shingles(tt), shingles(pt)
	var tp, fp, fn int
	for k, t := range ts {
		p := ps[k]
		tp += min(t, p)
		fn += max(0, t-p)
	}
	for k, p := range ps {
		fp += max(0, p-ts[k])
	}
	s := PageScore{TP: float64(tp), FP: float64(fp), FN: float64(fn), Exact: equal(tt, pt)}
	if sum := s.TP + s.FP + s.FN; sum > 0 {
		s.TP, s.FP, s.FN = s.TP/sum, s.FP/sum, s.FN/sum
	}
	return s
}

func equal(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// precision is TP/(TP+FP) with the benchmark's edge rules.
func (s PageScore) precision() float64 {
	switch {
	case s.FP == 0 && s.FN == 0:
		return 1
	case s.TP == 0 && s.FP == 0:
		return 0
	}
	return s.TP / (s.TP + s.FP)
}

// recall is TP/(TP+FN) with the benchmark's edge rules.
func (s PageScore) recall() float64 {
	switch {
	case s.FP == 0 && s.FN == 0:
		return 1
	case s.TP == 0 && s.FN == 0:
		return 0
	}
	return s.TP / (s.TP + s.FN)
}

// Summary is the benchmark's figures over a set of pages.
type Summary struct {
	Precision float64 // mean over pages with TP+FP > 0
	Recall    float64 // mean over pages with TP+FN > 0
	F1        float64 // harmonic mean of Precision and Recall
	Accuracy  float64 // share of pages whose token list is exactly right
	Pages     int
}

// Summarize computes the benchmark's figures from per-page scores.
func Summarize(pages []PageScore) Summary {
	var p, r, exact float64
	var np, nr int
	for _, s := range pages {
		if s.TP+s.FP > 0 {
			p += s.precision()
			np++
		}
		if s.TP+s.FN > 0 {
			r += s.recall()
			nr++
		}
		if s.Exact {
			exact++
		}
	}
	sum := Summary{Pages: len(pages)}
	if np > 0 {
		sum.Precision = p / float64(np)
	}
	if nr > 0 {
		sum.Recall = r / float64(nr)
	}
	if sum.Precision+sum.Recall > 0 {
		sum.F1 = 2 * sum.Precision * sum.Recall / (sum.Precision + sum.Recall)
	}
	if len(pages) > 0 {
		sum.Accuracy = exact / float64(len(pages))
	}
	return sum
}
