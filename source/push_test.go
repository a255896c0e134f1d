package source

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
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
		failAt      int // fn fails on this page index; -1 never
		failErr     error
		status      int
		accepted    int // pages handed to fn
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
		{name: "store fails", body: `[{"text":"a"},{"text":"b"}]`, failAt: 1, failErr: context.DeadlineExceeded, status: 500, accepted: 1, errCode: "internal", errContains: "internal error"},
		{name: "invalid from fn", body: `{"text":"a"}`, failAt: 0, failErr: detente.Errorf(detente.EINVALID, "duplicate"), status: 400, errCode: "invalid", errContains: "duplicate"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []detente.Page
			h := PushHandler(func(_ context.Context, p detente.Page) error {
				if len(got) == tt.failAt {
					return tt.failErr
				}
				got = append(got, p)
				return nil
			})
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
				Error    struct{ Code, Message string }
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
		})
	}
}

func TestPushPages(t *testing.T) {
	var got []detente.Page
	h := PushHandler(func(_ context.Context, p detente.Page) error { got = append(got, p); return nil })
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
