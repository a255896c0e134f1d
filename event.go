package detente

import (
	"strconv"
	"strings"
	"time"
)

// Actor is one side of an event: a country or IGO, optionally with an agent
// such as GOV or MIL, together with where and why it was recognised.
type Actor struct {
	Code    string // full CAMEO-style code: "USAGOV", "IRN", "IGOUNO", "AFGREB"
	Country string // ISO 3166-1 alpha-3 or IGO code: "USA", "IGOUNO"
	Agent   string // "GOV", "MIL", ... or "" for the country as a whole
	Text    string // surface text in the sentence
	Start   int    // byte offset of Text in the sentence
	End     int    // byte offset just past Text in the sentence
	Entry   string // the dictionary entry that matched, e.g. "people.txt:412"
}

// Span is a piece of a sentence.
type Span struct {
	Text  string
	Start int // byte offset in the sentence
	End   int // byte offset just past the span
}

// Location is where an event took place, as far as the text says.
type Location struct {
	Country string  // ISO 3166-1 alpha-3, "" when unknown
	Place   string  // place name as written
	Lat     float64 // valid only when HasCoord
	Lon     float64
	// HasCoord reports whether Lat and Lon are known.
	HasCoord bool
	// Source says where the place was read from: the event's sentence, or
	// the dateline, which says where the report was filed, not where the
	// event happened.
	Source PlaceSource
}

// PlaceSource says where an event's place was read from.
type PlaceSource string

// The sources of an event's place.
const (
	PlaceUnknown  PlaceSource = ""         // not recorded by whatever made the event
	PlaceNone     PlaceSource = "none"     // the text places the event nowhere
	PlaceSentence PlaceSource = "sentence" // a place the event's sentence names
	PlaceDateline PlaceSource = "dateline" // the dateline opening the sentence: where the report was filed
)

// QuadClass groups CAMEO roots: 1 verbal cooperation (01–05), 2 material
// cooperation (06–09), 3 verbal conflict (10–14), 4 material conflict (15–20).
type QuadClass int

// The four QuadClasses.
const (
	VerbalCoop QuadClass = iota + 1
	MaterialCoop
	VerbalConflict
	MaterialConflict
)

// QuadOf returns the QuadClass of a CAMEO code, or 0 when the code has no
// valid root.
func QuadOf(code string) QuadClass {
	if len(code) < 2 {
		return 0
	}
	r, err := strconv.Atoi(code[:2])
	switch {
	case err != nil || r < 1 || r > 20:
		return 0
	case r <= 5:
		return VerbalCoop
	case r <= 9:
		return MaterialCoop
	case r <= 14:
		return VerbalConflict
	default:
		return MaterialConflict
	}
}

// Event is one coded political event: who did what to whom, when and where,
// and the evidence for it.
type Event struct {
	ID        string    // deterministic: see EventID
	Date      time.Time // day of the event (UTC midnight), from the article date
	Source    Actor
	Target    Actor
	Code      string // CAMEO code, "046"
	Root      string // first two digits, "04"
	Quad      QuadClass
	Goldstein float64
	Plover    string // PLOVER event type, "CONSULT"
	Location  Location
	// Negated and Hypothetical events are kept for inspection but not
	// counted in statistics or tension.
	Negated      bool
	Hypothetical bool
	Trigger      Span    // the verb phrase that fired
	Rule         string  // dictionary rule that fired, e.g. "verbs.txt:118"
	Confidence   float64 // 0..1
	Mediators    []Actor // third parties that hosted or mediated

	ArticleID     string
	SentenceIndex int
	StoryID       string
	// NumSources is the number of articles of the event's story that report
	// it (GDELT's NumSources): 1 for a story told once.
	NumSources   int
	CoderVersion string
	DictVersion  string
}

// Counted reports whether the event counts in statistics and tension.
func (e Event) Counted() bool { return !e.Negated && !e.Hypothetical }

// EventID returns the deterministic ID of an event from its article,
// sentence, actors and code, so that re-coding the same input gives the same
// IDs.
func EventID(articleID string, sentence int, source, target, code string) string {
	return shortHash(strings.Join([]string{articleID, strconv.Itoa(sentence), source, target, code}, "\x1f"))
}
