package dedup

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Outlet boilerplate: what extraction may leave around a wire copy. The
// same outlet's boilerplate also surrounds unrelated stories, so that it
// cannot by itself make two articles look alike.
var outlets = []struct{ head, foot string }{
	{"CAPITAL, March 2 (Wire Service) -", "Reporting by staff correspondents; additional reporting by the regional desk; Editing by the world news team. Our Standards: The Trust Principles."},
	{"Home | World | Politics\n\nShare this article on social media\n\nListen to this article", "Copyright 2026 The Daily Example. All rights reserved. This material may not be published, broadcast, rewritten or redistributed. Sign up for our morning briefing newsletter to get the day's top stories in your inbox. Related coverage: more world news, analysis and opinion."},
	{"BREAKING NEWS\n\nUpdated 2 hours ago", "Follow us for the latest updates. Read more stories from our international correspondents and download our app for alerts on breaking news around the world."},
}

// rewordings are light edits a desk makes to a wire story.
var rewordings = map[string][][2]string{
	"a": {{"opened technical talks", "began technical discussions"}, {"officials from both sides said", "according to officials on both sides"}, {"cautioned that", "warned that"}, {"described the session as", "called the meeting"}, {"Analysts said", "Observers noted"}, {"hardliners", "conservatives"}, {"more than a year", "over twelve months"}},
	"b": {{"adopted a resolution demanding", "passed a resolution that demands"}, {"diplomats said after the vote in New York", "according to diplomats in New York"}, {"Aid agencies said", "Humanitarian groups said"}, {"as soon as possible", "without delay"}, {"fled their homes", "been displaced"}, {"welcomed", "supported"}},
	"c": {{"agreed on Saturday to pull troops back", "on Saturday agreed to withdraw troops"}, {"In matching statements", "In parallel statements"}, {"frank and detailed", "candid and thorough"}, {"Security experts said", "Military analysts said"}, {"demanded that the government explain", "asked the government to explain"}, {"welcome step", "positive move"}},
}

// doc is one test article and the story it belongs to ("" for none).
type doc struct {
	name, story, body string
}

func readWire(t testing.TB, name string) []string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "wire", name))
	if err != nil {
		t.Fatal(err)
	}
	var paras []string
	for _, p := range strings.Split(strings.TrimSpace(string(b)), "\n\n") {
		paras = append(paras, strings.TrimSpace(p))
	}
	return paras
}

func reword(paras []string, subs [][2]string) []string {
	out := make([]string, len(paras))
	for i, p := range paras {
		for _, s := range subs {
			p = strings.ReplaceAll(p, s[0], s[1])
		}
		out[i] = p
	}
	return out
}

func dress(outlet int, paras []string) string {
	o := outlets[outlet%len(outlets)]
	return o.head + "\n\n" + strings.Join(paras, "\n\n") + "\n\n" + o.foot
}

// wireCorpus builds, for each of three stories, five copies (two outlets'
// verbatim copies, an edited copy with a paragraph dropped, a copy cut to
// its first half, and a rewrite with reordered paragraphs, an added
// paragraph and rewordings), and five unrelated stories, two of them on the
// same subjects (U.S.–Iran, India–China, the Security Council) as the
// copies, each in two outlets' dress.
func wireCorpus(t testing.TB) []doc {
	var docs []doc
	for i, s := range []string{"a", "b", "c"} {
		p := readWire(t, s+".txt")
		extra := readWire(t, s+".extra.txt")
		edited := reword(p, rewordings[s])
		rewrite := []string{edited[0], edited[2], edited[1], edited[5], extra[0], edited[3]}
		docs = append(docs,
			doc{s + "/wire", s, dress(0, p)},
			doc{s + "/reprint", s, dress(1+i, p)},
			doc{s + "/edited", s, dress(2+i, edited[:5])},
			doc{s + "/truncated", s, dress(1, p[:3])},
			doc{s + "/rewrite", s, dress(i, rewrite)},
		)
	}
	for i, s := range []string{"d", "e", "f", "g", "h"} {
		p := readWire(t, s+".txt")
		docs = append(docs, doc{s + "/1", "", dress(i, p)}, doc{s + "/2", "", dress(i+1, p[:len(p)-1])})
	}
	// The unrelated stories' two copies are copies too: give each its story.
	for i := range docs {
		if docs[i].story == "" {
			docs[i].story = docs[i].name[:1]
		}
	}
	return docs
}
