package extract

import (
	"testing"
	"time"
)

func TestParseDate(t *testing.T) {
	tests := []struct {
		in   string
		want string // RFC 3339, "" for no date
	}{
		{"2025-02-11T08:30:00+04:00", "2025-02-11T04:30:00Z"},
		{"2025-02-11T08:30:00.123Z", "2025-02-11T08:30:00Z"},
		{"2025-02-11T08:30:00+0400", "2025-02-11T04:30:00Z"},
		{"2025-02-11 08:30:00", "2025-02-11T08:30:00Z"},
		{"2025-02-11", "2025-02-11T00:00:00Z"},
		{"2025-02-11T08:30:00 garbage", "2025-02-11T00:00:00Z"},
		{"Tue, 11 Feb 2025 08:30:00 GMT", "2025-02-11T08:30:00Z"},
		{"February 11, 2025", "2025-02-11T00:00:00Z"},
		{"20250211", "2025-02-11T00:00:00Z"},
		{"1739262600", "2025-02-11T08:30:00Z"},
		{"1739262600000", "2025-02-11T08:30:00Z"},
		{"1985-01-01", ""},
		{"2999-01-01", ""},
		{"2025-02-30", ""},
		{"yesterday", ""},
		{"", ""},
	}
	for _, tt := range tests {
		got, ok := parseDate(tt.in)
		s := ""
		if ok {
			s = got.Format(time.RFC3339)
		}
		if s != tt.want {
			t.Errorf("parseDate(%q) = %q, want %q", tt.in, s, tt.want)
		}
	}
}

func TestURLDate(t *testing.T) {
	tests := []struct {
		url  string
		want string
	}{
		{"https://example.com/2024/10/18/story/", "2024-10-18"},
		{"https://example.com/world/2024-10-18-story.html", "2024-10-18"},
		{"https://example.com/news/20241018/story", "2024-10-18"},
		{"https://example.com/2024/3/5/story", "2024-03-05"},
		{"https://example.com/articles/2019/11/18/daily-deals", "2019-11-18"},
		{"https://example.com/2024/10/story", ""},
		{"https://example.com/story-20241018123456", ""},
		{"https://example.com/2024/13/40/story", ""},
		{"https://2024.example.com/a?date=2024/10/18", ""},
		{"local/file.html", ""},
	}
	for _, tt := range tests {
		got, ok := urlDate(tt.url)
		s := ""
		if ok {
			s = got.Format("2006-01-02")
		}
		if s != tt.want {
			t.Errorf("urlDate(%q) = %q, want %q", tt.url, s, tt.want)
		}
	}
}
