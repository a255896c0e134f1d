package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"net"
	"net/http"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/detente-project/detente"
)

// freeAddr returns a loopback address with a port free a moment ago.
func freeAddr(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().String()
}

// "detente demo" builds its database from the embedded corpus and serves
// it: the API answers with the corpus's counts, /metrics shows what the
// ingest did, and an interrupt stops it cleanly.
func TestDemoServesTheCorpus(t *testing.T) {
	addr := freeAddr(t)
	// An interrupt cancels with a cause, as signal.NotifyContext does.
	ctx, cancelCause := context.WithCancelCause(context.Background())
	cancel := func() { cancelCause(errors.New("interrupt signal received")) }
	defer cancel()
	var stderr bytes.Buffer
	e := &env{stdin: strings.NewReader(""), stdout: io.Discard, stderr: &stderr, log: newLogger(io.Discard)}
	done := make(chan error, 1)
	go func() {
		done <- dispatch(ctx, e, []string{"demo", "--db", filepath.Join(t.TempDir(), "demo.db"), "--addr", addr})
	}()

	base := "http://" + addr
	var stats detente.Stats
	for deadline := time.Now().Add(2 * time.Minute); ; time.Sleep(100 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("demo did not serve within 2 minutes\n%s", stderr.String())
		}
		resp, err := http.Get(base + "/api/v1/stats")
		if err != nil {
			continue
		}
		err = json.NewDecoder(resp.Body).Decode(&stats)
		resp.Body.Close()
		if err == nil && resp.StatusCode == http.StatusOK {
			break
		}
	}
	if stats.Articles != 130 || stats.Events == 0 || stats.Stories >= stats.Articles {
		t.Errorf("stats %+v: want the 130 demo articles in fewer stories, with events", stats)
	}
	resp, err := http.Get(base + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if !strings.Contains(string(body), `detente_pipeline_items_total{stage="store",what="articles"} 130`) {
		t.Errorf("/metrics does not count the demo ingest:\n%.2000s", body)
	}
	// Every page says the data is synthetic, and the main story ranks
	// among the first three pairs.
	for _, path := range []string{"/", "/pairs/IRN-USA", "/search?q=talks", "/no/such/page"} {
		resp, err := http.Get(base + path)
		if err != nil {
			t.Fatal(err)
		}
		page, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if !strings.Contains(string(page), "Synthetic sample data") {
			t.Errorf("%s does not say the demo's data is synthetic", path)
		}
	}
	var ranked struct {
		Pairs []struct {
			Pair string `json:"pair"`
		} `json:"pairs"`
	}
	resp, err = http.Get(base + "/api/v1/pairs?limit=3")
	if err != nil {
		t.Fatal(err)
	}
	err = json.NewDecoder(resp.Body).Decode(&ranked)
	resp.Body.Close()
	if err != nil {
		t.Fatal(err)
	}
	top := false
	for _, p := range ranked.Pairs {
		top = top || p.Pair == "IRN-USA"
	}
	if !top {
		t.Errorf("top three pairs %+v: want IRN-USA, the demo's main story, among them", ranked.Pairs)
	}
	// The default series holds the whole storyline: from the first
	// incidents in June, through the escalation of 06-30, to the talks.
	var series struct{ From, To string }
	resp, err = http.Get(base + "/api/v1/pairs/IRN-USA/series")
	if err != nil {
		t.Fatal(err)
	}
	err = json.NewDecoder(resp.Body).Decode(&series)
	resp.Body.Close()
	if err != nil || series.From > "2026-06-30" || series.To < "2026-09-20" {
		t.Errorf("default IRN-USA series %+v, %v: want it to hold 2026-06-30 to 2026-09-20", series, err)
	}

	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("demo returned %v after an interrupt", err)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("demo did not stop within 30 s of an interrupt")
	}
}
