package detente

import (
	"context"
	"strings"
	"time"
)

// Pair is two countries between which tension is measured. An undirected
// pair holds its codes sorted (A < B) and counts events either way; a
// directed pair counts only events with source A and target B. Pairs are
// between countries (ISO 3166-1 alpha-3) only: IGOs are left out.
//
// A pair's key is "IRN-USA" when undirected and "USA>IRN" when directed;
// it marshals to and from that key as text (and so as a JSON string).
type Pair struct {
	A        string
	B        string
	Directed bool
}

// NewPair returns the pair of two country codes, upper-cased, sorted when
// undirected. It does not validate them: see Pair.Validate.
func NewPair(a, b string, directed bool) Pair {
	a, b = strings.ToUpper(strings.TrimSpace(a)), strings.ToUpper(strings.TrimSpace(b))
	if !directed && b < a {
		a, b = b, a
	}
	return Pair{A: a, B: b, Directed: directed}
}

// ParsePair parses a pair key: "IRN-USA" (undirected, in either order) or
// "USA>IRN" (directed). It returns an EINVALID *Error naming the input
// when the key is malformed, a code is not a known country, or A = B.
func ParsePair(s string) (Pair, error) {
	sep, directed := "-", false
	if strings.Contains(s, ">") {
		sep, directed = ">", true
	}
	a, b, ok := strings.Cut(s, sep)
	if !ok {
		return Pair{}, Errorf(EINVALID, "pair %q: want two country codes as A-B or A>B", s)
	}
	p := NewPair(a, b, directed)
	if err := p.Validate(); err != nil {
		return Pair{}, err
	}
	return p, nil
}

// Key returns the pair's key: "IRN-USA" or "USA>IRN"; "" for the zero pair.
func (p Pair) Key() string {
	switch {
	case p.IsZero():
		return ""
	case p.Directed:
		return p.A + ">" + p.B
	default:
		return p.A + "-" + p.B
	}
}

// String returns the pair's key.
func (p Pair) String() string { return p.Key() }

// IsZero reports whether p is the zero pair, which stands for "all pairs"
// where a pair is optional (subscriptions, alert filters).
func (p Pair) IsZero() bool { return p.A == "" && p.B == "" }

// Undirected returns the undirected pair of the same two countries.
func (p Pair) Undirected() Pair { return NewPair(p.A, p.B, false) }

// Validate returns an EINVALID *Error when a code is not a known country
// code, when A = B, or when an undirected pair is not sorted.
func (p Pair) Validate() error {
	for _, c := range []string{p.A, p.B} {
		if !IsCountry(c) {
			return Errorf(EINVALID, "pair %q: unknown country code %q", p.Key(), c)
		}
	}
	switch {
	case p.A == p.B:
		return Errorf(EINVALID, "pair %q: a country cannot be paired with itself", p.Key())
	case !p.Directed && p.B < p.A:
		return Errorf(EINVALID, "pair %q: undirected pair codes must be sorted", p.Key())
	}
	return nil
}

// MarshalText returns the pair's key.
func (p Pair) MarshalText() ([]byte, error) { return []byte(p.Key()), nil }

// UnmarshalText parses a pair key; the empty key gives the zero pair.
func (p *Pair) UnmarshalText(b []byte) error {
	if len(b) == 0 {
		*p = Pair{}
		return nil
	}
	q, err := ParsePair(string(b))
	if err != nil {
		return err
	}
	*p = q
	return nil
}

// Direction is the way a change point moves a pair's tension.
type Direction string

// The two directions of a change.
const (
	Escalation   Direction = "escalation"
	Deescalation Direction = "de-escalation"
)

// TensionPoint is one day (or week) of a pair's series: the counted events
// between the two countries and the tension index over them. An event
// reported by several articles of one story counts once in Counts and
// Events, and with a weight that grows with its number of sources in
// Weighted and the Goldstein figures (docs/tension.md gives the weight).
type TensionPoint struct {
	Pair Pair      `json:"pair"`
	Day  time.Time `json:"day"` // UTC midnight; for weeks, the Monday
	// Counts holds the counted events by QuadClass: Counts[q-1] for q in 1..4.
	Counts        [4]int  `json:"counts"`
	Events        int     `json:"events"`         // counted events, each once
	Weighted      float64 `json:"weighted"`       // sum of source weights
	GoldsteinSum  float64 `json:"goldstein_sum"`  // source-weighted sum of Goldstein scores
	GoldsteinMean float64 `json:"goldstein_mean"` // GoldsteinSum / Weighted; 0 with no events
	Stories       int     `json:"stories"`        // distinct stories
	Sources       int     `json:"sources"`        // sum of the events' numbers of sources
	// Index is the tension index, comparable across pairs and over time
	// (docs/tension.md): 0 is neutral, positive is tension, negative is
	// cooperation. Lower and Upper bound its 90% credible band, wider when
	// events are few.
	Index float64 `json:"index"`
	Lower float64 `json:"lower"`
	Upper float64 `json:"upper"`
	// Change is the direction of a change point that starts on this day
	// (the first day of the shift an alert reports), "" when none.
	Change Direction `json:"change,omitempty"`
}

// Count returns the counted events of QuadClass q, 0 for an invalid q.
func (t TensionPoint) Count(q QuadClass) int {
	if q < VerbalCoop || q > MaterialConflict {
		return 0
	}
	return t.Counts[q-1]
}

// CountryPoint is one day (or week) of a country's geopolitical risk index,
// in the spirit of Caldara and Iacoviello: the share of the articles about
// the country that report threats, military moves or violence, scaled so
// that 100 is the country's baseline mean.
type CountryPoint struct {
	Country  string    `json:"country"`
	Day      time.Time `json:"day"`
	Articles int       `json:"articles"` // articles with a counted event involving the country
	Risk     int       `json:"risk"`     // of those, articles reporting threats, military moves or violence
	Share    float64   `json:"share"`    // smoothed Risk / Articles
	Index    float64   `json:"index"`    // 100 × Share / baseline share
	Lower    float64   `json:"lower"`    // 90% credible band of Index
	Upper    float64   `json:"upper"`
}

// Alert is a change point in a pair's tension: an escalation or a
// de-escalation, when it started and was found, how large it is and the
// events behind it. A pair has at most one alert of a direction starting on
// a given day, and its ID is derived from those three (see AlertID).
type Alert struct {
	ID        string    `json:"id"`
	Pair      Pair      `json:"pair"`
	Direction Direction `json:"direction"`
	Start     time.Time `json:"start"`    // first day of the shift
	Detected  time.Time `json:"detected"` // day whose data made the detector fire
	// Magnitude is the shift of the index: mean after minus mean before
	// the start, positive for escalations, negative for de-escalations.
	Magnitude float64   `json:"magnitude"`
	Before    float64   `json:"before"` // index level before the start
	After     float64   `json:"after"`  // index level from the start to detection
	EventIDs  []string  `json:"event_ids"`
	Created   time.Time `json:"created"` // when it was stored
}

// AlertID returns the deterministic ID of the alert of a pair, direction
// and start day, so that detecting the same change twice stores it once.
func AlertID(p Pair, d Direction, start time.Time) string {
	return shortHash(strings.Join([]string{"alert", p.Key(), string(d), start.UTC().Format(time.DateOnly)}, "\x1f"))
}

// Subscription asks for an alert's delivery to a webhook: for one pair, or
// for all pairs when Pair is zero. Deliveries are signed with Secret
// (HMAC-SHA256); a store returns Secret only on creation.
type Subscription struct {
	ID      string    `json:"id"`
	Pair    Pair      `json:"pair"` // zero: all pairs
	URL     string    `json:"url"`
	Secret  string    `json:"secret,omitempty"`
	Created time.Time `json:"created"`
}

// Interval is the step of a series.
type Interval string

// The steps a series may have.
const (
	Day  Interval = "day"
	Week Interval = "week"
)

// MaxSeriesDays bounds the span of one series request.
const MaxSeriesDays = 3660

// SeriesFilter selects a pair's series: days From to To inclusive, by day
// or by ISO week.
type SeriesFilter struct {
	Pair     Pair
	From     time.Time
	To       time.Time
	Interval Interval // "" means Day
}

// Validate returns an EINVALID *Error for an invalid pair, a missing,
// reversed or over-long range (more than MaxSeriesDays), or an unknown
// interval.
func (f SeriesFilter) Validate() error {
	if err := f.Pair.Validate(); err != nil {
		return err
	}
	if err := ValidateRange(f.From, f.To); err != nil {
		return err
	}
	if f.Interval != "" && f.Interval != Day && f.Interval != Week {
		return Errorf(EINVALID, "interval %q: want day or week", f.Interval)
	}
	return nil
}

// ValidateRange returns an EINVALID *Error when a day range is missing,
// reversed, or longer than MaxSeriesDays.
func ValidateRange(from, to time.Time) error {
	switch {
	case from.IsZero() || to.IsZero():
		return Errorf(EINVALID, "date range: from and to are both required")
	case to.Before(from):
		return Errorf(EINVALID, "date range %s..%s: to is before from", from.Format(time.DateOnly), to.Format(time.DateOnly))
	case to.Sub(from) > MaxSeriesDays*24*time.Hour:
		return Errorf(EINVALID, "date range %s..%s: longer than %d days", from.Format(time.DateOnly), to.Format(time.DateOnly), MaxSeriesDays)
	}
	return nil
}

// CountryFilter selects a country's index: days From to To inclusive.
type CountryFilter struct {
	Country  string
	From     time.Time
	To       time.Time
	Interval Interval
}

// Validate returns an EINVALID *Error for an unknown country, a bad range
// or an unknown interval.
func (f CountryFilter) Validate() error {
	if !IsCountry(f.Country) {
		return Errorf(EINVALID, "unknown country code %q", f.Country)
	}
	if err := ValidateRange(f.From, f.To); err != nil {
		return err
	}
	if f.Interval != "" && f.Interval != Day && f.Interval != Week {
		return Errorf(EINVALID, "interval %q: want day or week", f.Interval)
	}
	return nil
}

// RecentDays is the window over which PairSummary.Change is measured.
const RecentDays = 7

// PairFilter selects pairs to rank. Zero fields do not filter.
type PairFilter struct {
	Country  string    // pairs involving this country
	Directed bool      // directed pairs instead of undirected ones
	AsOf     time.Time // the day the ranking is made on; zero: the latest stored day
	Offset   int       // pairs of the ranking to skip, for paging
	Limit    int       // at most this many; a store applies a default and a maximum
}

// PairSummary is one pair in the ranking by recent change, as of a day
// (docs/tension.md, "Ranking pairs").
type PairSummary struct {
	Pair    Pair      `json:"pair"`
	AsOf    time.Time `json:"as_of"`    // the day the ranking is made on
	LastDay time.Time `json:"last_day"` // the pair's latest day with data up to AsOf
	Index   float64   `json:"index"`    // index on AsOf
	Lower   float64   `json:"lower"`
	Upper   float64   `json:"upper"`
	// Change is Index minus the index RecentDays before AsOf.
	Change float64 `json:"change"`
	// Unusual is |Change| in units of the pair's own typical change over
	// RecentDays in the months before (its root mean square, floored).
	Unusual float64 `json:"unusual"`
	// Score ranks the pairs: Unusual scaled by the evidence of the last
	// RecentDays days (0 without events, towards 1 with many).
	Score   float64 `json:"score"`
	Events  int     `json:"events"`  // counted events in the last RecentDays days
	Sources int     `json:"sources"` // their sources (articles reporting them)
	// Alerted is true when the pair has an alert detected in the ranking
	// window (the tension package's RankDays up to AsOf); such pairs rank
	// first.
	Alerted   bool   `json:"alerted"`
	LastAlert *Alert `json:"last_alert"` // the pair's latest alert detected by AsOf, nil when none
}

// AlertFilter selects alerts, newest first. Zero fields do not filter.
type AlertFilter struct {
	Pair      Pair      // one pair; zero: all
	Direction Direction //
	Since     time.Time // detected on or after this day
	Until     time.Time // detected on or before this day
	Limit     int       // a store applies a default and a maximum
}

// TensionReader is what the API and dashboard read of tension. Every method
// returns an EINVALID *Error for invalid input (it calls the filter's
// Validate) and Alert returns an ENOTFOUND *Error for an unknown ID. A
// pair or country without events gives an empty series, not an error.
type TensionReader interface {
	// Pairs ranks pairs by the absolute change of their index over the
	// last RecentDays days, largest first.
	Pairs(ctx context.Context, f PairFilter) ([]PairSummary, error)
	// Series returns the pair's points from f.From to f.To, oldest first,
	// one per day (or per week) including days without events.
	Series(ctx context.Context, f SeriesFilter) ([]TensionPoint, error)
	// CountryIndex returns the country's index from f.From to f.To,
	// oldest first, one point per day (or per week).
	CountryIndex(ctx context.Context, f CountryFilter) ([]CountryPoint, error)
	// CountryIndexes returns CountryIndex of f for each of countries, in
	// f's place of Country, by country, in a few queries for them all.
	CountryIndexes(ctx context.Context, f CountryFilter, countries []string) (map[string][]CountryPoint, error)
	Alerts(ctx context.Context, f AlertFilter) ([]Alert, error)
	Alert(ctx context.Context, id string) (Alert, error)
}

// SubscriptionService manages webhook subscriptions. Create validates the
// pair (zero for all) and the URL (http or https), assigns ID, Secret (when
// empty) and Created, and returns EINVALID for bad input; Delete and
// Subscription return ENOTFOUND for an unknown ID. Only Create returns the
// secret.
type SubscriptionService interface {
	CreateSubscription(ctx context.Context, s *Subscription) error
	Subscription(ctx context.Context, id string) (Subscription, error)
	Subscriptions(ctx context.Context) ([]Subscription, error)
	DeleteSubscription(ctx context.Context, id string) error
}

// IsCountry reports whether code is an ISO 3166-1 alpha-3 country code
// (or XKX, the code in common use for Kosovo).
func IsCountry(code string) bool {
	if len(code) != 3 {
		return false
	}
	_, ok := countries[code]
	return ok
}

// countries holds the ISO 3166-1 alpha-3 codes.
var countries = func() map[string]struct{} {
	const list = `ABW AFG AGO AIA ALA ALB AND ARE ARG ARM ASM ATA ATF ATG AUS AUT AZE
BDI BEL BEN BES BFA BGD BGR BHR BHS BIH BLM BLR BLZ BMU BOL BRA BRB BRN BTN BVT BWA
CAF CAN CCK CHE CHL CHN CIV CMR COD COG COK COL COM CPV CRI CUB CUW CXR CYM CYP CZE
DEU DJI DMA DNK DOM DZA ECU EGY ERI ESH ESP EST ETH FIN FJI FLK FRA FRO FSM
GAB GBR GEO GGY GHA GIB GIN GLP GMB GNB GNQ GRC GRD GRL GTM GUF GUM GUY
HKG HMD HND HRV HTI HUN IDN IMN IND IOT IRL IRN IRQ ISL ISR ITA JAM JEY JOR JPN
KAZ KEN KGZ KHM KIR KNA KOR KWT LAO LBN LBR LBY LCA LIE LKA LSO LTU LUX LVA
MAC MAF MAR MCO MDA MDG MDV MEX MHL MKD MLI MLT MMR MNE MNG MNP MOZ MRT MSR MTQ MUS MWI MYS MYT
NAM NCL NER NFK NGA NIC NIU NLD NOR NPL NRU NZL OMN PAK PAN PCN PER PHL PLW PNG POL PRI PRK PRT PRY PSE PYF
QAT REU ROU RUS RWA SAU SDN SEN SGP SGS SHN SJM SLB SLE SLV SMR SOM SPM SRB SSD STP SUR SVK SVN SWE SWZ SXM SYC SYR
TCA TCD TGO THA TJK TKL TKM TLS TON TTO TUN TUR TUV TWN TZA UGA UKR UMI URY USA UZB
VAT VCT VEN VGB VIR VNM VUT WLF WSM YEM ZAF ZMB ZWE XKX`
	m := make(map[string]struct{}, 250)
	for _, c := range strings.Fields(list) {
		m[c] = struct{}{}
	}
	return m
}()
