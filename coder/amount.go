package coder

import "github.com/detente-project/detente/text"

// Sums of money in patterns ("pledge % to +"): "$1 billion", "a further
// $300 million", "US$50m", "20 million euros", "€1.5bn".

var (
	currencySigns = wordClass("currency-signs")
	scaleWords    = wordClass("scale-words")
	currencyWords = wordClass("currency-words")
)

// amount matches a sum of money at token j, after quantity words ("a
// further", "more than", "another"), and returns the token after it.
func (w *work) amount(j int) (int, bool) {
	k := j
	for n := 0; n < 4 && k < len(w.s.Tokens) && (w.is(k, cDet) || w.word(k) == "further" || w.word(k) == "additional" || w.word(k) == "extra"); n++ {
		k++
	}
	sign := false
	for n := 0; n < 2 && k < len(w.s.Tokens) && currencySigns[w.word(k)] && (w.s.Tokens[k].Kind == text.Punct || w.word(k+1) == "$"); n++ {
		k++
		sign = true
	}
	if k >= len(w.s.Tokens) || w.s.Tokens[k].Kind != text.Number {
		return j, false
	}
	k++
	for k < len(w.s.Tokens) && scaleWords[w.word(k)] {
		k++
	}
	cur := false
	if k < len(w.s.Tokens) && currencyWords[w.word(k)] {
		k++
		cur = true
	}
	// A bare number is no sum: "sent 300 troops to".
	n := w.word(k - 1)
	if !sign && !cur && !moneySuffix(n) {
		return j, false
	}
	return k, true
}

// moneySuffix reports whether a number token carries its scale: "1.5bn",
// "50m".
func moneySuffix(tok string) bool {
	return hasSuffix(tok, "bn") || hasSuffix(tok, "mn") || len(tok) > 1 && tok[len(tok)-1] == 'm' && tok[len(tok)-2] >= '0' && tok[len(tok)-2] <= '9'
}
