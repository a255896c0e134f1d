package http

import (
	nethttp "net/http"

	"github.com/detente-project/detente"
	"github.com/detente-project/detente/tension"
)

// alertEvents bounds the events an alert page lists.
const alertEvents = 20

type alertData struct {
	Alert     detente.Alert
	Title     string
	Lag       int // days from the start of the change to its detection
	Days      int // days with counted events from the start to detection
	Events    int // counted events on those days
	Threshold float64
	NewPair   bool        // tested against the neutral level, as a pair without a baseline of its own
	Evidence  []eventView // the events behind the alert, those pulling its way first
	ChartURL  string
}

// alertPage says what changed, when it started, when it was detected and
// why not sooner: the detector fires once the evidence of days with
// events reaches its threshold.
func (s *Server) alertPage(w nethttp.ResponseWriter, r *nethttp.Request) {
	ctx := r.Context()
	t := s.cfg.Tension
	if t == nil {
		s.errorPage(w, r, detente.Errorf(detente.ENOTFOUND, "this server measures no tension"))
		return
	}
	a, err := t.Alert(ctx, r.PathValue("id"))
	if err != nil {
		s.errorPage(w, r, err)
		return
	}
	params := tension.DefaultParams()
	d := alertData{Alert: a, Title: alertTitle(a), Threshold: params.Threshold, NewPair: tension.Appeared(a),
		Lag:      int(a.Detected.Sub(a.Start).Hours() / 24),
		ChartURL: "/pairs/" + a.Pair.Undirected().Key() + "?from=" + a.Start.AddDate(0, 0, -30).Format(dayLayout) + "&to=" + a.Detected.AddDate(0, 0, 14).Format(dayLayout)}
	if d.NewPair {
		d.Threshold = params.AppearThreshold
	}
	pts, err := t.Series(ctx, detente.SeriesFilter{Pair: a.Pair, From: a.Start, To: a.Detected})
	if err != nil {
		s.errorPage(w, r, err)
		return
	}
	for _, p := range pts {
		if p.Events > 0 {
			d.Days++
			d.Events += p.Events
		}
	}
	// An event rebuilt since is gone; the alert keeps its ID.
	evs, err := s.cfg.Reader.EventsByID(ctx, a.EventIDs[:min(len(a.EventIDs), alertEvents)])
	if err != nil {
		s.errorPage(w, r, err)
		return
	}
	if d.Evidence, err = s.withSentences(ctx, evs); err != nil {
		s.errorPage(w, r, err)
		return
	}
	s.render(w, r, nethttp.StatusOK, "alert", page{Title: d.Title, Data: d})
}
