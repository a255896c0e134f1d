package eval

import (
	"slices"
	"strings"

	"github.com/detente-project/detente/cameo"
)

// Tally counts what the coder did with a set of codebook examples.
type Tally struct {
	Examples  int     `json:"examples"`
	Coded     int     `json:"coded"`      // with any counted event
	RightRoot int     `json:"right_root"` // with a counted event of the code's root
	RightCode int     `json:"right_code"` // with a counted event of exactly the code
	CodedRate float64 `json:"coded_share"`
	RootRate  float64 `json:"right_root_share"`
	CodeRate  float64 `json:"right_code_share"`
}

func (t *Tally) add(coded, root, code bool) {
	t.Examples++
	t.Coded += b2i(coded)
	t.RightRoot += b2i(root)
	t.RightCode += b2i(code)
}

func (t *Tally) finish() {
	t.CodedRate = share(t.Coded, t.Examples)
	t.RootRate = share(t.RightRoot, t.Examples)
	t.CodeRate = share(t.RightCode, t.Examples)
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

// RootTally is the tally of the examples of one CAMEO root.
type RootTally struct {
	Root string `json:"root"` // "04"
	Name string `json:"name"` // the project codebook's name of the root
	Tally
}

// CodebookMiss is an example not coded with its code: nothing coded
// (Coded empty), or events of another code, of its root when RightRoot.
type CodebookMiss struct {
	Example
	RightRoot bool   `json:"right_root"`
	Coded     []Pred `json:"coded,omitempty"`
}

// CodebookReport is the codebook-example score: over all examples and per
// root, the share coded at all, coded with the code's root and coded with
// exactly the code.
type CodebookReport struct {
	Tally
	Roots []RootTally `json:"roots"`
	// Unknown lists the examples' codes that the project's CAMEO codebook
	// lacks: the coder cannot code them exactly.
	Unknown []string       `json:"unknown_codes,omitempty"`
	Errors  []CodebookMiss `json:"errors,omitempty"`
}

// ScoreCodebook scores the predictions of every codebook example; preds[i]
// are the counted predictions for exs[i] (see Counted and Predict).
func ScoreCodebook(exs []Example, preds [][]Pred) CodebookReport {
	var r CodebookReport
	roots := map[string]*RootTally{}
	for i, ex := range exs {
		var p []Pred
		if i < len(preds) {
			p = preds[i]
		}
		inRoot, exact := false, false
		for _, e := range p {
			inRoot = inRoot || len(e.Code) >= 2 && root(e.Code) == root(ex.Code)
			exact = exact || e.Code == ex.Code
		}
		r.add(len(p) > 0, inRoot, exact)
		rt := roots[root(ex.Code)]
		if rt == nil {
			rt = &RootTally{Root: root(ex.Code)}
			if c, ok := cameo.Lookup(rt.Root); ok {
				rt.Name = c.Name
			}
			roots[rt.Root] = rt
		}
		rt.add(len(p) > 0, inRoot, exact)
		if !cameo.Valid(ex.Code) && !slices.Contains(r.Unknown, ex.Code) {
			r.Unknown = append(r.Unknown, ex.Code)
		}
		if !exact {
			r.Errors = append(r.Errors, CodebookMiss{Example: ex, RightRoot: inRoot, Coded: p})
		}
	}
	r.finish()
	for _, rt := range roots {
		rt.finish()
		r.Roots = append(r.Roots, *rt)
	}
	slices.SortFunc(r.Roots, func(a, b RootTally) int { return strings.Compare(a.Root, b.Root) })
	slices.Sort(r.Unknown)
	return r
}
