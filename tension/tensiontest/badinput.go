package tensiontest

import (
	"context"
	"testing"

	"github.com/detente-project/detente"
)

func testBadInput(t *testing.T, s Store) {
	ctx := context.Background()
	from, to := Day0, Day0.AddDate(0, 0, 30)
	pair := detente.Pair{A: "IRN", B: "USA"}
	tests := []struct {
		name string
		call func() error
		code string
	}{
		{"unknown country", func() error {
			_, err := s.Series(ctx, detente.SeriesFilter{Pair: detente.Pair{A: "IRN", B: "XYZ"}, From: from, To: to})
			return err
		}, detente.EINVALID},
		{"same country", func() error {
			_, err := s.Series(ctx, detente.SeriesFilter{Pair: detente.Pair{A: "IRN", B: "IRN"}, From: from, To: to})
			return err
		}, detente.EINVALID},
		{"reversed range", func() error {
			_, err := s.Series(ctx, detente.SeriesFilter{Pair: pair, From: to, To: from})
			return err
		}, detente.EINVALID},
		{"empty range", func() error {
			_, err := s.Series(ctx, detente.SeriesFilter{Pair: pair})
			return err
		}, detente.EINVALID},
		{"huge range", func() error {
			_, err := s.Series(ctx, detente.SeriesFilter{Pair: pair, From: from, To: from.AddDate(50, 0, 0)})
			return err
		}, detente.EINVALID},
		{"bad interval", func() error {
			_, err := s.Series(ctx, detente.SeriesFilter{Pair: pair, From: from, To: to, Interval: "hour"})
			return err
		}, detente.EINVALID},
		{"unknown country index", func() error {
			_, err := s.CountryIndex(ctx, detente.CountryFilter{Country: "ZZZ", From: from, To: to})
			return err
		}, detente.EINVALID},
		{"country index reversed", func() error {
			_, err := s.CountryIndex(ctx, detente.CountryFilter{Country: "IRN", From: to, To: from})
			return err
		}, detente.EINVALID},
		{"alerts of a bad pair", func() error {
			_, err := s.Alerts(ctx, detente.AlertFilter{Pair: detente.Pair{A: "USA", B: "USA"}})
			return err
		}, detente.EINVALID},
		{"alerts bad direction", func() error {
			_, err := s.Alerts(ctx, detente.AlertFilter{Direction: "sideways"})
			return err
		}, detente.EINVALID},
		{"negative limit", func() error {
			_, err := s.Pairs(ctx, detente.PairFilter{Limit: -1})
			return err
		}, detente.EINVALID},
		{"pairs of unknown country", func() error {
			_, err := s.Pairs(ctx, detente.PairFilter{Country: "QQQ"})
			return err
		}, detente.EINVALID},
		{"unknown alert", func() error {
			_, err := s.Alert(ctx, "no-such-alert")
			return err
		}, detente.ENOTFOUND},
		{"webhook not http", func() error {
			return s.CreateSubscription(ctx, &detente.Subscription{URL: "ftp://127.0.0.1/hook"})
		}, detente.EINVALID},
		{"webhook with credentials", func() error {
			return s.CreateSubscription(ctx, &detente.Subscription{URL: "http://u:p@127.0.0.1/hook"})
		}, detente.EINVALID},
		{"subscription to a bad pair", func() error {
			return s.CreateSubscription(ctx, &detente.Subscription{Pair: detente.Pair{A: "IRN", B: "IRN"}, URL: "http://127.0.0.1/hook"})
		}, detente.EINVALID},
		{"delete unknown subscription", func() error { return s.DeleteSubscription(ctx, "nope") }, detente.ENOTFOUND},
		{"get unknown subscription", func() error {
			_, err := s.Subscription(ctx, "nope")
			return err
		}, detente.ENOTFOUND},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.call()
			if got := detente.ErrorCode(err); got != tt.code {
				t.Errorf("error %v (code %q), want code %q", err, got, tt.code)
			}
		})
	}
	// A pair without events gives a neutral series, not an error.
	pts, err := s.Series(ctx, detente.SeriesFilter{Pair: pair, From: from, To: from.AddDate(0, 0, 6)})
	if err != nil || len(pts) != 7 || pts[0].Index != 0 || pts[0].Upper <= 0 {
		t.Errorf("empty pair: %d points, %v", len(pts), err)
	}
	if ps, err := s.Pairs(ctx, detente.PairFilter{}); err != nil || len(ps) != 0 {
		t.Errorf("Pairs of an empty store: %v, %v", ps, err)
	}
}
