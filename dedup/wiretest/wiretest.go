// Package wiretest builds the wire-copy test corpus of package dedup from
// the texts in dedup/testdata/wire, so that the tests of other packages
// (the shared story index, the queue workers) group the same copies that
// tuned the story index.
package wiretest

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
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

// Doc is one test article: its name ("a/wire"), the story it belongs to
// ("a") and its body.
type Doc struct {
	Name, Story, Body string
}

// Paragraphs reads one text of dir (dedup/testdata/wire) as paragraphs.
func Paragraphs(dir, name string) ([]string, error) {
	b, err := os.ReadFile(filepath.Join(dir, name))
	if err != nil {
		return nil, fmt.Errorf("wire corpus: %w", err)
	}
	var paras []string
	for _, p := range strings.Split(strings.TrimSpace(string(b)), "\n\n") {
		paras = append(paras, strings.TrimSpace(p))
	}
	return paras, nil
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

// Dress wraps paragraphs in the boilerplate of one of three outlets.
func Dress(outlet int, paras []string) string {
	o := outlets[outlet%len(outlets)]
	return o.head + "\n\n" + strings.Join(paras, "\n\n") + "\n\n" + o.foot
}

// Corpus builds, from the texts in dir, for each of three stories five
// copies (two outlets' verbatim copies, an edited copy with a paragraph
// dropped, a copy cut to its first half, and a rewrite with reordered
// paragraphs, an added paragraph and rewordings), and five unrelated
// stories, two of them on the same subjects (U.S.–Iran, India–China, the
// Security Council) as the copies, each in two outlets' dress: 25
// articles in 8 stories.
func Corpus(dir string) ([]Doc, error) {
	var docs []Doc
	for i, s := range []string{"a", "b", "c"} {
		p, err := Paragraphs(dir, s+".txt")
		if err != nil {
			return nil, err
		}
		extra, err := Paragraphs(dir, s+".extra.txt")
		if err != nil {
			return nil, err
		}
		edited := reword(p, rewordings[s])
		rewrite := []string{edited[0], edited[2], edited[1], edited[5], extra[0], edited[3]}
		docs = append(docs,
			Doc{s + "/wire", s, Dress(0, p)},
			Doc{s + "/reprint", s, Dress(1+i, p)},
			Doc{s + "/edited", s, Dress(2+i, edited[:5])},
			Doc{s + "/truncated", s, Dress(1, p[:3])},
			Doc{s + "/rewrite", s, Dress(i, rewrite)},
		)
	}
	for i, s := range []string{"d", "e", "f", "g", "h"} {
		p, err := Paragraphs(dir, s+".txt")
		if err != nil {
			return nil, err
		}
		// The unrelated stories' two copies are copies too: each is its
		// own story.
		docs = append(docs, Doc{s + "/1", s, Dress(i, p)}, Doc{s + "/2", s, Dress(i+1, p[:len(p)-1])})
	}
	return docs, nil
}

// Groups returns the groups of IDs that stories (ID → story) makes, one
// line each, IDs sorted within a line and lines sorted: two groupings
// give the same text exactly when they group the same IDs, whatever their
// story IDs.
func Groups(stories map[string]string) string {
	by := map[string][]string{}
	for id, s := range stories {
		by[s] = append(by[s], id)
	}
	var out []string
	for _, g := range by {
		slices.Sort(g)
		out = append(out, strings.Join(g, " "))
	}
	slices.Sort(out)
	return strings.Join(out, "\n")
}
