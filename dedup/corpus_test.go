package dedup

import (
	"testing"

	"github.com/detente-project/detente/dedup/wiretest"
)

const wireDir = "testdata/wire"

// doc is one test article and the story it belongs to.
type doc struct {
	name, story, body string
}

func readWire(t testing.TB, name string) []string {
	t.Helper()
	p, err := wiretest.Paragraphs(wireDir, name)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func dress(outlet int, paras []string) string { return wiretest.Dress(outlet, paras) }

// wireCorpus is the wire-copy corpus of package wiretest.
func wireCorpus(t testing.TB) []doc {
	t.Helper()
	ds, err := wiretest.Corpus(wireDir)
	if err != nil {
		t.Fatal(err)
	}
	docs := make([]doc, len(ds))
	for i, d := range ds {
		docs[i] = doc{d.Name, d.Story, d.Body}
	}
	return docs
}
