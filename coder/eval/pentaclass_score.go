package eval

import "fmt"

// ClassScore is what the coder did with the sentences of one class.
type ClassScore struct {
	Class     int     `json:"class"`
	Roots     string  `json:"roots"`     // "03–05"
	Sentences int     `json:"sentences"` // labelled with the class
	Coded     int     `json:"coded"`     // with at least one counted event
	Found     int     `json:"found"`     // with a counted event of the class
	CodedRate float64 `json:"coded_share"`
	FoundRate float64 `json:"found_share"`
}

// PentaMiss is a sentence not found: nothing coded (Coded empty), or only
// events of other classes.
type PentaMiss struct {
	ID    string `json:"id"`
	Text  string `json:"text"`
	Class int    `json:"class"`
	Coded []Pred `json:"coded,omitempty"`
}

// PentaReport is the pentaclass score. A sentence is found when any
// counted event coded from it has the labelled class; recall is found over
// sentences, precision found over sentences with at least one counted
// event.
type PentaReport struct {
	Sentences int                 `json:"sentences"`
	Coded     int                 `json:"coded"`
	Found     int                 `json:"found"`
	CodedRate float64             `json:"coded_share"`
	Precision float64             `json:"precision"`
	Recall    float64             `json:"recall"`
	F1        float64             `json:"f1"`
	Classes   [Classes]ClassScore `json:"classes"`
	Errors    []PentaMiss         `json:"errors,omitempty"`
}

// ScorePentaclass scores the predictions of every sentence as the
// pentaclass README defines; preds[i] are the counted predictions for
// sents[i] (see Counted and Predict). A sentence whose class is not 0–4
// (ReadPentaclass never returns one) is an error.
func ScorePentaclass(sents []PentaSentence, preds [][]Pred) (PentaReport, error) {
	var r PentaReport
	for c := range r.Classes {
		r.Classes[c] = ClassScore{Class: c, Roots: classRoots[c]}
	}
	for i, s := range sents {
		var p []Pred
		if i < len(preds) {
			p = preds[i]
		}
		if s.Class < 0 || s.Class >= Classes {
			return PentaReport{}, fmt.Errorf("sentence %q: class %d: want 0 to %d", s.ID, s.Class, Classes-1)
		}
		cs := &r.Classes[s.Class]
		cs.Sentences++
		r.Sentences++
		if len(p) == 0 {
			r.Errors = append(r.Errors, PentaMiss{ID: s.ID, Text: s.Text, Class: s.Class})
			continue
		}
		cs.Coded++
		r.Coded++
		if hasClass(p, s.Class) {
			cs.Found++
			r.Found++
			continue
		}
		r.Errors = append(r.Errors, PentaMiss{ID: s.ID, Text: s.Text, Class: s.Class, Coded: p})
	}
	for c := range r.Classes {
		cs := &r.Classes[c]
		cs.CodedRate = share(cs.Coded, cs.Sentences)
		cs.FoundRate = share(cs.Found, cs.Sentences)
	}
	r.CodedRate = share(r.Coded, r.Sentences)
	r.Precision = share(r.Found, r.Coded)
	r.Recall = share(r.Found, r.Sentences)
	r.F1 = f1(r.Precision, r.Recall)
	return r, nil
}

func hasClass(ps []Pred, class int) bool {
	for _, p := range ps {
		if ClassOf(p.Code) == class {
			return true
		}
	}
	return false
}

// share is n/of, 0 when of is 0.
func share(n, of int) float64 {
	if of == 0 {
		return 0
	}
	return float64(n) / float64(of)
}

func f1(p, r float64) float64 {
	if p+r == 0 {
		return 0
	}
	return 2 * p * r / (p + r)
}
