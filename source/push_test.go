package source

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"

	"github.com/detente-project/detente"
)

func TestPushHandler(t *testing.T) {
	tests := []struct {
		name        string
		method      string
		contentType string
		body        string
		failAt      int // add fails when given this many pages; -1 never
		failErr     error
		drop        string // check refuses pages whose body holds this
		status      int
		accepted    int // pages add took
		rejected    []int
		errCode     string
		errContains string
	}{
		{name: "one", body: `{"url":"https://news.example/a","title":"A","text":"Talks."}`, failAt: -1, status: 202, accepted: 1},
		{name: "array", body: `[{"text":"a"},{"html":"<p>b</p>","published":"2026-01-02"}]`, failAt: -1, status: 202, accepted: 2},
		{name: "no content type", contentType: "-", body: `{"text":"a"}`, failAt: -1, status: 202, accepted: 1},
		{name: "GET", method: http.MethodGet, failAt: -1, status: 405, errCode: "invalid", errContains: "use POST"},
		{name: "form", contentType: "application/x-www-form-urlencoded", body: "text=a", failAt: -1, status: 415, errCode: "invalid"},
		{name: "bad json", body: `{"text":`, failAt: -1, status: 400, errCode: "invalid", errContains: "decode JSON"},
		{name: "bad item", body: `[{"text":"a"},{"title":"no body"}]`, failAt: -1, status: 400, errCode: "invalid", errContains: "item 1:"},
		{name: "too large", body: `{"text":"` + strings.Repeat("x", MaxPushBytes) + `"}`, failAt: -1, status: 413, errCode: "invalid"},
		{name: "store fails", body: `[{"text":"a"},{"text":"b"}]`, failAt: 2, failErr: context.DeadlineExceeded, status: 500, accepted: 0, errCode: "internal", errContains: "internal error"},
		{name: "invalid from add", body: `{"text":"a"}`, failAt: 1, failErr: detente.Errorf(detente.EINVALID, "duplicate"), status: 400, errCode: "invalid", errContains: "duplicate"},
		{name: "one dropped", body: `[{"text":"a"},{"text":"short"},{"text":"c"}]`, failAt: -1, drop: "short", status: 202, accepted: 2, rejected: []int{1}},
		{name: "all dropped", body: `[{"text":"short"},{"text":"short too"}]`, failAt: -1, drop: "short", status: 422, errCode: "invalid", errContains: "item 0: no article text", rejected: []int{0, 1}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []detente.Page
			add := func(_ context.Context, pages []detente.Page) error {
				if len(pages) == tt.failAt {
					return tt.failErr
				}
				got = append(got, pages...)
				return nil
			}
			check := func(_ context.Context, p detente.Page) error {
				if tt.drop != "" && strings.Contains(string(p.Body), tt.drop) {
					return errors.New("no article text")
				}
				return nil
			}
			h := PushHandler(add, check)
			method := tt.method
			if method == "" {
				method = http.MethodPost
			}
			req := httptest.NewRequest(method, "/api/v1/push", strings.NewReader(tt.body))
			switch tt.contentType {
			case "":
				req.Header.Set("Content-Type", "application/json; charset=utf-8")
			case "-":
			default:
				req.Header.Set("Content-Type", tt.contentType)
			}
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, req)
			if rec.Code != tt.status || len(got) != tt.accepted {
				t.Fatalf("status %d with %d pages, want %d with %d; body %s", rec.Code, len(got), tt.status, tt.accepted, rec.Body)
			}
			if ct := rec.Header().Get("Content-Type"); ct != "application/json" {
				t.Errorf("Content-Type %q", ct)
			}
			var resp struct {
				Accepted int `json:"accepted"`
				Rejected []struct {
					Item    int
					Message string
				}
				Error struct{ Code, Message string }
			}
			if err := json.Unmarshal(rec.Body.Bytes(), &resp); err != nil {
				t.Fatalf("body %q: %v", rec.Body, err)
			}
			if resp.Error.Code != tt.errCode || !strings.Contains(resp.Error.Message, tt.errContains) {
				t.Errorf("error %+v, want code %q containing %q", resp.Error, tt.errCode, tt.errContains)
			}
			if tt.status == 202 && resp.Accepted != tt.accepted {
				t.Errorf("accepted %d, want %d", resp.Accepted, tt.accepted)
			}
			var rejected []int
			for _, r := range resp.Rejected {
				rejected = append(rejected, r.Item)
				if r.Message == "" {
					t.Errorf("item %d rejected without a reason", r.Item)
				}
			}
			if !slices.Equal(rejected, tt.rejected) {
				t.Errorf("rejected items %v, want %v", rejected, tt.rejected)
			}
		})
	}
}

func TestPushPages(t *testing.T) {
	var got []detente.Page
	h := PushHandler(func(_ context.Context, pages []detente.Page) error { got = append(got, pages...); return nil }, nil)
	req := httptest.NewRequest(http.MethodPost, "/", strings.NewReader(`[{"url":"https://news.example/a","title":"A","text":"Talks."},{"html":"<p>b</p>"}]`))
	h.ServeHTTP(httptest.NewRecorder(), req)
	if len(got) != 2 {
		t.Fatalf("%d pages", len(got))
	}
	if p := got[0]; p.URL != "https://news.example/a" || p.Title != "A" || !p.IsText || p.Origin != "push" || p.Offset != -1 || p.Fetched.IsZero() {
		t.Errorf("page 0 = %+v", p)
	}
	if p := got[1]; p.IsText || string(p.Body) != "<p>b</p>" || !strings.HasPrefix(p.URL, "push:") {
		t.Errorf("page 1 = %+v", p)
	}
}
