package source

import (
	"strings"
	"testing"
	"time"
)

func TestParseRecord(t *testing.T) {
	tests := []struct {
		name    string
		line    string
		wantErr string // substring; "" for success
	}{
		{"text", `{"url":"https://news.example/a","title":"T","published":"2026-01-02T03:04:05Z","text":"Body."}`, ""},
		{"html", `{"html":"<p>x</p>","published":"2026-01-02"}`, ""},
		{"extra fields ignored", `{"text":"x","lang":"en","id":7}`, ""},
		{"local time", `{"text":"x","published":"2026-01-02T03:04:05"}`, ""},
		{"neither", `{"url":"https://news.example/a"}`, `one of "text" or "html"`},
		{"blank text", `{"text":"   "}`, `one of "text" or "html"`},
		{"both", `{"text":"x","html":"<p>x</p>"}`, "not both"},
		{"bad url", `{"text":"x","url":"ftp://x/y"}`, "not an absolute http(s) URL"},
		{"relative url", `{"text":"x","url":"/a/b"}`, "not an absolute http(s) URL"},
		{"bad date", `{"text":"x","published":"yesterday"}`, "not RFC 3339"},
		{"date out of range", `{"text":"x","published":"0001-01-01"}`, "out of range"},
		{"truncated", `{"text":"x"`, "decode JSON"},
		{"trailing garbage", `{"text":"x"} {}`, "decode JSON"},
		{"array", `[{"text":"x"}]`, "decode JSON"},
		{"wrong type", `{"text":5}`, "decode JSON"},
		{"invalid utf8", "{\"text\":\"caf\xe9\"}", "invalid UTF-8 at byte 12"},
		{"null", `null`, `one of "text" or "html"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParseRecord([]byte(tt.line))
			switch {
			case tt.wantErr == "" && err != nil:
				t.Errorf("err = %v", err)
			case tt.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tt.wantErr)):
				t.Errorf("err = %v, want %q", err, tt.wantErr)
			}
		})
	}
}

func TestRecordPage(t *testing.T) {
	r, err := ParseRecord([]byte(`{"title":" Talks ","published":"2026-03-01T10:00:00+02:00","text":"Iran and the U.S. met."}`))
	if err != nil {
		t.Fatal(err)
	}
	now := time.Date(2026, 3, 2, 0, 0, 0, 0, time.UTC)
	p := r.Page("in.jsonl:3", "in.jsonl", 120, now)
	want := time.Date(2026, 3, 1, 8, 0, 0, 0, time.UTC)
	if p.URL != "in.jsonl:3" || p.Title != "Talks" || !p.Published.Equal(want) || !p.IsText ||
		string(p.Body) != "Iran and the U.S. met." || p.Origin != "in.jsonl" || p.Offset != 120 || !p.Fetched.Equal(now) {
		t.Errorf("page = %+v", p)
	}
}

func FuzzParseRecord(f *testing.F) {
	f.Add([]byte(`{"url":"https://news.example/a","title":"T","published":"2026-01-02T03:04:05Z","text":"Body."}`))
	f.Add([]byte(`{"html":"<p>x</p>","published":"2026-01-02"}`))
	f.Add([]byte(`{"text":"\u0000","published":"9999-12-31T23:59:59Z"}`))
	f.Add([]byte("{\"text\":\"caf\xe9\"}"))
	f.Add([]byte(`[1,2,3]`))
	f.Fuzz(func(t *testing.T, line []byte) {
		r, err := ParseRecord(line)
		if err != nil {
			return
		}
		p := r.Page("x:1", "x", 0, time.Unix(0, 0))
		if len(p.Body) == 0 || p.URL == "" {
			t.Errorf("accepted record gives page without body or URL: %+v", p)
		}
		if !p.Published.IsZero() && p.Published.Location() != time.UTC {
			t.Errorf("published not UTC: %v", p.Published)
		}
	})
}

func TestParsePush(t *testing.T) {
	tests := []struct {
		name    string
		body    string
		n       int
		wantErr string
	}{
		{"one", `{"text":"a"}`, 1, ""},
		{"array", ` [{"text":"a"},{"html":"<p>b</p>","url":"https://x.example/b"}] `, 2, ""},
		{"empty", "  ", 0, "empty body"},
		{"empty array", "[]", 0, "empty array"},
		{"bad item", `[{"text":"a"},{"url":"https://x.example/"}]`, 0, "item 1:"},
		{"not json", `hello`, 0, "decode JSON"},
		{"array of numbers", `[1]`, 0, "item 0: decode JSON"},
		{"too many", "[" + strings.Repeat(`{"text":"a"},`, MaxPushRecords) + `{"text":"a"}]`, 0, "at most"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			recs, err := ParsePush([]byte(tt.body))
			switch {
			case tt.wantErr == "" && (err != nil || len(recs) != tt.n):
				t.Errorf("got %d records, err %v; want %d", len(recs), err, tt.n)
			case tt.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tt.wantErr)):
				t.Errorf("err = %v, want %q", err, tt.wantErr)
			}
		})
	}
}

func FuzzParsePush(f *testing.F) {
	f.Add([]byte(`{"text":"a"}`))
	f.Add([]byte(`[{"text":"a"},{"html":"<p>b</p>","url":"https://x.example/b","published":"2026-01-01"}]`))
	f.Add([]byte(`[[[[[]]]]]`))
	f.Add([]byte(`[{"text":"a"},`))
	f.Fuzz(func(t *testing.T, body []byte) {
		recs, err := ParsePush(body)
		if err == nil && (len(recs) == 0 || len(recs) > MaxPushRecords) {
			t.Errorf("accepted %d records", len(recs))
		}
		for _, r := range recs {
			if r.validate() != nil {
				t.Errorf("accepted an invalid record %+v", r)
			}
		}
	})
}
