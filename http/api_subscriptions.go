package http

import (
	"encoding/json"
	"errors"
	"io"
	nethttp "net/http"

	"github.com/detente-project/detente"
)

// maxBody bounds a JSON request body.
const maxBody = 64 << 10

// subs returns the configured subscription service, or answers 404 and
// returns nil when there is none.
func (s *Server) subs(w nethttp.ResponseWriter, r *nethttp.Request) detente.SubscriptionService {
	if s.cfg.Subscriptions == nil {
		writeError(w, r, s.log, detente.Errorf(detente.ENOTFOUND, "this server delivers no alerts"))
	}
	return s.cfg.Subscriptions
}

// subscriptionRequest is the body of POST /api/v1/subscriptions.
type subscriptionRequest struct {
	Pair   string `json:"pair"` // "" for all pairs
	URL    string `json:"url"`
	Secret string `json:"secret"`
}

// decodeSubscription reads a subscription request body: one JSON object
// with known fields only; the caller bounds its size.
func decodeSubscription(body io.Reader) (detente.Subscription, error) {
	var req subscriptionRequest
	dec := json.NewDecoder(body)
	dec.DisallowUnknownFields()
	if err := dec.Decode(&req); err != nil {
		var mbe *nethttp.MaxBytesError
		if errors.As(err, &mbe) {
			return detente.Subscription{}, invalid("request body is larger than %d bytes", mbe.Limit)
		}
		return detente.Subscription{}, invalid("request body: %v", err)
	}
	if dec.More() {
		return detente.Subscription{}, invalid("request body: want one JSON object")
	}
	sub := detente.Subscription{URL: req.URL, Secret: req.Secret}
	if req.Pair != "" {
		p, err := parsePair(req.Pair)
		if err != nil {
			return sub, err
		}
		sub.Pair = p
	}
	if req.URL == "" {
		return sub, invalid("request body: url is required")
	}
	return sub, nil
}

func (s *Server) createSubscription(w nethttp.ResponseWriter, r *nethttp.Request) {
	svc := s.subs(w, r)
	if svc == nil {
		return
	}
	sub, err := decodeSubscription(nethttp.MaxBytesReader(w, r.Body, maxBody))
	if err == nil && s.cfg.CheckWebhook != nil {
		err = s.cfg.CheckWebhook(sub.URL)
	}
	if err == nil {
		err = svc.CreateSubscription(r.Context(), &sub)
	}
	if err != nil {
		writeError(w, r, s.log, err)
		return
	}
	w.Header().Set("Location", "/api/v1/subscriptions/"+sub.ID)
	writeJSON(w, nethttp.StatusCreated, sub)
}

type subscriptionsJSON struct {
	Subscriptions []detente.Subscription `json:"subscriptions"`
}

func (s *Server) subscriptions(w nethttp.ResponseWriter, r *nethttp.Request) {
	svc := s.subs(w, r)
	if svc == nil {
		return
	}
	list, err := svc.Subscriptions(r.Context())
	if err != nil {
		writeError(w, r, s.log, err)
		return
	}
	for i := range list {
		list[i].Secret = ""
	}
	writeJSON(w, nethttp.StatusOK, subscriptionsJSON{Subscriptions: nonNil(list)})
}

func (s *Server) subscription(w nethttp.ResponseWriter, r *nethttp.Request) {
	svc := s.subs(w, r)
	if svc == nil {
		return
	}
	sub, err := svc.Subscription(r.Context(), r.PathValue("id"))
	if err != nil {
		writeError(w, r, s.log, err)
		return
	}
	sub.Secret = ""
	writeJSON(w, nethttp.StatusOK, sub)
}

func (s *Server) deleteSubscription(w nethttp.ResponseWriter, r *nethttp.Request) {
	svc := s.subs(w, r)
	if svc == nil {
		return
	}
	if err := svc.DeleteSubscription(r.Context(), r.PathValue("id")); err != nil {
		writeError(w, r, s.log, err)
		return
	}
	w.WriteHeader(nethttp.StatusNoContent)
}
