// Package cameo is the CAMEO event codebook of detente: every event code of
// the 20 roots with a short name, the Goldstein score GDELT publishes for it,
// its QuadClass and the closest PLOVER event type.
//
// The codebook is data: codebook.txt beside this file, embedded at build
// time and parsed once when the package loads. Lookups then read a map and
// allocate nothing. The package depends only on the standard library and on
// the root package for QuadClass.
//
// # QuadClass
//
// The QuadClass of a code is that of its root: 1 verbal cooperation (01–05),
// 2 material cooperation (06–09), 3 verbal conflict (10–14), 4 material
// conflict (15–20), as detente.QuadOf computes it.
//
// # PLOVER
//
// PLOVER has 16 event types (AGREE, CONSULT, SUPPORT, CONCEDE, COOPERATE,
// AID, RETREAT, REQUEST, ACCUSE, REJECT, THREATEN, PROTEST, SANCTION,
// MOBILIZE, COERCE, ASSAULT). Each CAMEO code maps to the closest one by
// these rules, applied to the code and all its sub-codes:
//
//   - 01 statements: no PLOVER type (Plover is "") for the pure statements
//     010–014 and 017, which PLOVER does not code as events; but 015 claim
//     responsibility → CONCEDE, 016 deny responsibility → REJECT, 018
//     sympathy → SUPPORT, 019 express accord → AGREE.
//   - 02 appeal and 10 demand → REQUEST.
//   - 03 intent to cooperate → AGREE (PLOVER folds promises into the type
//     promised), except 036 intent to meet and 039 intent to mediate →
//     CONSULT.
//   - 04 consult, mediate and negotiate → CONSULT.
//   - 05 diplomatic cooperation → COOPERATE, except 051–054 praise, defend,
//     rally support, recognise → SUPPORT; 055 apologise and 056 forgive →
//     CONCEDE; 057 sign agreement → AGREE.
//   - 06 material cooperation → COOPERATE; 07 aid → AID.
//   - 08 yield → CONCEDE, except 084 return or release and 087 de-escalate
//     (ceasefire, retreat, demobilise) → RETREAT.
//   - 09 investigate and 11 disapprove → ACCUSE.
//   - 12 reject → REJECT; 13 threaten → THREATEN; 14 protest → PROTEST;
//     15 show of force → MOBILIZE.
//   - 16 reduce relations → SANCTION, except 164 halt talks and 165 halt
//     mediation → REJECT.
//   - 17 coerce → COERCE; 18 assault, 19 fight and 20 mass violence →
//     ASSAULT.
package cameo

import (
	_ "embed"

	"github.com/detente-project/detente"
)

//go:embed codebook.txt
var codebookFile []byte

// Code is one CAMEO event code of the codebook.
type Code struct {
	Code      string // "046"
	Name      string // short lower-case name, "negotiate"
	Root      string // first two digits, "04"
	Quad      detente.QuadClass
	Goldstein float64 // -10 … +10, as GDELT publishes it
	Plover    string  // PLOVER event type, "" for pure statements
}

// ploverTypes are the 16 PLOVER event types, in PLOVER's order from
// cooperation to conflict.
var ploverTypes = [...]string{
	"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
	"ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
}

// book is the embedded codebook; codebook_test.go proves it parses.
var book = mustParse(codebookFile, "codebook.txt")

// Lookup returns the code, and whether the codebook has it.
func Lookup(code string) (Code, bool) {
	i, ok := book.index[code]
	if !ok {
		return Code{}, false
	}
	return book.codes[i], true
}

// Valid reports whether code is a CAMEO event code of the codebook.
func Valid(code string) bool {
	_, ok := book.index[code]
	return ok
}

// All returns every code of the codebook, sorted by code; the caller owns the
// slice.
func All() []Code {
	return append([]Code(nil), book.codes...)
}

// IsPlover reports whether t is one of the 16 PLOVER event types ("AGREE",
// "CONSULT", ... "ASSAULT").
func IsPlover(t string) bool {
	for _, p := range ploverTypes {
		if p == t {
			return true
		}
	}
	return false
}

// Roots returns the 20 root codes, "01" to "20"; the caller owns the slice.
func Roots() []Code {
	roots := make([]Code, 0, 20)
	for _, c := range book.codes {
		if len(c.Code) == 2 {
			roots = append(roots, c)
		}
	}
	return roots
}
