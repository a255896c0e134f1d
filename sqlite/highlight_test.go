package sqlite

import (
	"bufio"
	"database/sql"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// fts5 is an in-memory FTS5 table with the tokenizer of the store's
// full-text indexes, whose highlight marks sentences as snippets did
// before mark.
type fts5 struct {
	t  testing.TB
	db *sql.DB
}

func newFTS5(t testing.TB) *fts5 {
	t.Helper()
	db, err := sql.Open("sqlite", ":memory:")
	if err != nil {
		t.Fatal(err)
	}
	db.SetMaxOpenConns(1)
	t.Cleanup(func() { db.Close() })
	if _, err := db.Exec(`CREATE VIRTUAL TABLE t USING fts5(text, tokenize = 'unicode61 remove_diacritics 2')`); err != nil {
		t.Fatal(err)
	}
	return &fts5{t: t, db: db}
}

// add stores texts as rows 1, 2, ...
func (f *fts5) add(texts ...string) {
	f.t.Helper()
	for i, text := range texts {
		if _, err := f.db.Exec(`INSERT INTO t (rowid, text) VALUES (?, ?)`, i+1, text); err != nil {
			f.t.Fatal(err)
		}
	}
}

// highlight returns FTS5's marks of row for a user's search, and false when
// the row does not match it.
func (f *fts5) highlight(row int, query string) (string, bool) {
	f.t.Helper()
	q, err := ftsQuery(query)
	if err != nil {
		f.t.Fatalf("ftsQuery(%q): %v", query, err)
	}
	var marked string
	err = f.db.QueryRow(`SELECT highlight(t, 0, '[[', ']]') FROM t WHERE t MATCH ? AND rowid = ?`, q, row).Scan(&marked)
	if err == sql.ErrNoRows {
		return "", false
	}
	if err != nil {
		f.t.Fatalf("highlight %q: %v", query, err)
	}
	return marked, true
}

// checkMarks compares mark with FTS5's highlight for each text and
// search, and returns how many pairs matched.
func checkMarks(t *testing.T, f *fts5, texts []string, searches func(text string) []string) int {
	t.Helper()
	n, wrong := 0, 0
	for i, text := range texts {
		for _, query := range searches(text) {
			want, ok := f.highlight(i+1, query)
			if !ok {
				continue
			}
			n++
			ps, err := phrases(query)
			if err != nil {
				t.Fatalf("phrases(%q): %v", query, err)
			}
			if got := mark(text, ps); got != want {
				if wrong++; wrong <= 10 {
					t.Errorf("search %q of %q:\n got %s\nwant %s", query, text, got, want)
				}
			}
		}
	}
	if wrong > 10 {
		t.Errorf("%d marks in all differ from FTS5's", wrong)
	}
	return n
}

// wordSearches returns searches made of text's own words as typed: each
// word, each two neighbours as a phrase, as either of two and as both.
func wordSearches(text string) []string {
	toks := tokenize(text)
	var out []string
	for i, tok := range toks {
		w := text[tok.start:tok.end]
		out = append(out, w)
		if i+1 < len(toks) {
			next := text[toks[i+1].start:toks[i+1].end]
			out = append(out, `"`+w+" "+next+`"`)
		}
		if i+3 < len(toks) {
			other := text[toks[i+3].start:toks[i+3].end]
			out = append(out, w+" OR "+other, w+" "+other)
		}
	}
	return out
}

func TestMarkAsFTS5(t *testing.T) {
	texts := []string{
		"Turkey's President Recep Tayyip Erdoğan met ERDOGAN's envoy in São Paulo.",
		"The Élysée said Zürich talks on the G7 and COVID-19 would resume; the élysée denied it.",
		"talks talks talks about talks, then more talks",
		"Al-Sisi and al-Sisi's rivals: the U.S.-Iran talks in Muscat (Oman).",
		"Naïve façade: coöperation with Ålesund and Łódź, Ærø and Straße.",
		"Владимир Путин и Си Цзиньпин; 習近平 and 2,500 troops",
	}
	f := newFTS5(t)
	f.add(texts...)
	searches := func(text string) []string {
		return append(wordSearches(text), "talks -Beijing", `"talks talks"`, "erdogan OR elysee", "sao paulo", "ZURICH", "Straße",
			`"talks about talks" talks`, `"talks, then more" "then more talks" then`)
	}
	if n := checkMarks(t, f, texts, searches); n < 100 {
		t.Errorf("only %d searches matched their text; the comparison checks too little", n)
	}
}

// TestMarkAsFTS5OnWireSentences compares mark with FTS5's highlight on the
// real news sentences of the shared gold sets, for searches made of their
// words.
func TestMarkAsFTS5OnWireSentences(t *testing.T) {
	var texts []string
	for _, name := range []string{"gold/dev.jsonl", "pentaclass/dev.jsonl"} {
		path := filepath.Join("..", "..", "shared", "data", name)
		file, err := os.Open(path)
		if os.IsNotExist(err) {
			t.Skipf("%s absent: the marks are compared on real sentences only where ../shared exists", path)
		}
		if err != nil {
			t.Fatal(err)
		}
		sc := bufio.NewScanner(file)
		sc.Buffer(nil, 1<<20)
		for sc.Scan() {
			var rec struct{ Text string }
			if err := json.Unmarshal(sc.Bytes(), &rec); err != nil {
				t.Fatalf("%s: %v", path, err)
			}
			texts = append(texts, strings.TrimSpace(rec.Text))
		}
		file.Close()
		if err := sc.Err(); err != nil {
			t.Fatalf("%s: %v", path, err)
		}
	}
	f := newFTS5(t)
	f.add(texts...)
	n := checkMarks(t, f, texts, wordSearches)
	t.Logf("%d sentences, %d searches marked alike", len(texts), n)
}

func TestMarkLeavesTheText(t *testing.T) {
	ps, err := phrases(`talks "in Oman" -Qatar`)
	if err != nil {
		t.Fatal(err)
	}
	for _, text := range []string{"", "no match here", "talks in Oman", "\xff talks \xfe", "Oman in talks in oman"} {
		got := mark(text, ps)
		if strings.NewReplacer("[[", "", "]]", "").Replace(got) != text {
			t.Errorf("mark(%q) = %q: not the text marked", text, got)
		}
	}
}

// FuzzMark checks that mark, given any stored text and any search, only
// adds marks around whole words.
func FuzzMark(f *testing.F) {
	f.Add("Turkey's Erdoğan met the envoy in São Paulo.", `erdogan "sao paulo"`)
	f.Add("talks talks, then more talks", `"talks talks" talks -Qatar`)
	f.Add("\xff\xfe broken \xc3 text", "broken OR text")
	f.Fuzz(func(t *testing.T, text, query string) {
		ps, err := phrases(query)
		if err != nil || strings.Contains(text, "[[") || strings.Contains(text, "]]") {
			return
		}
		got := mark(text, ps)
		if strings.NewReplacer("[[", "", "]]", "").Replace(got) != text {
			t.Fatalf("mark(%q, %q) = %q: not the text marked", text, query, got)
		}
		// A mark within a word would split it.
		words := func(s string) (w []string) {
			for _, tok := range tokenize(s) {
				w = append(w, tok.word)
			}
			return w
		}
		if a, b := words(text), words(strings.NewReplacer("[[", " ", "]]", " ").Replace(got)); !slices.Equal(a, b) {
			t.Fatalf("mark(%q, %q) = %q: a mark splits a word", text, query, got)
		}
	})
}
