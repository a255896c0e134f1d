package main

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/detente-project/detente"
	"github.com/detente-project/detente/demo"
	"github.com/detente-project/detente/internal/pgtest"
	"github.com/detente-project/detente/source"
)

const pushToken = "push-test-token-0123456789"

// demoRecords returns the demo pages as push records and the path of a
// JSONL file holding the same records, for a reference ingest.
func demoRecords(t *testing.T) ([]source.Record, string) {
	t.Helper()
	pages, err := demo.Pages()
	if err != nil {
		t.Fatal(err)
	}
	recs := make([]source.Record, len(pages))
	var jsonl bytes.Buffer
	for i, p := range pages {
		recs[i] = source.Record{URL: p.URL, HTML: string(p.Body), Published: p.Fetched.Format(time.RFC3339)}
		line, err := json.Marshal(recs[i])
		if err != nil {
			t.Fatal(err)
		}
		jsonl.Write(append(line, '\n'))
	}
	path := filepath.Join(t.TempDir(), "records.jsonl")
	if err := os.WriteFile(path, jsonl.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return recs, path
}

// servingProcess is a "detente serve" child process.
type servingProcess struct {
	cmd    *exec.Cmd
	base   string
	stderr *bytes.Buffer
	exit   chan error
}

// startServe starts "detente serve" over db, with env added to its
// environment, and waits (at most a minute) until its health endpoint
// answers.
func startServe(t *testing.T, bin, db string, env ...string) *servingProcess {
	t.Helper()
	return startServeWith(t, bin, db, nil, env)
}

// startServeWith is startServe with more arguments for serve.
func startServeWith(t *testing.T, bin, db string, args, env []string) *servingProcess {
	t.Helper()
	addr := freeAddr(t)
	s := &servingProcess{base: "http://" + addr, stderr: &bytes.Buffer{}, exit: make(chan error, 1)}
	s.cmd = exec.Command(bin, append([]string{"serve", "--db", db, "--addr", addr}, args...)...)
	s.cmd.Env = append(append(os.Environ(), "DETENTE_TOKEN="+pushToken), env...)
	s.cmd.Stderr = s.stderr
	if err := s.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() { s.exit <- s.cmd.Wait() }()
	t.Cleanup(func() {
		_ = s.cmd.Process.Kill()
	})
	for deadline := time.Now().Add(time.Minute); ; time.Sleep(50 * time.Millisecond) {
		resp, err := http.Get(s.base + "/api/v1/health")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return s
			}
		}
		select {
		case err := <-s.exit:
			t.Fatalf("serve ended before it served: %v\n%s", err, s.stderr)
		default:
		}
		if time.Now().After(deadline) {
			t.Fatalf("serve did not answer within a minute\n%s", s.stderr)
		}
	}
}

// push posts recs in requests of per records; every one must be answered
// 202 with all its records accepted.
func (s *servingProcess) push(t *testing.T, recs []source.Record, per int) {
	t.Helper()
	for i := 0; i < len(recs); i += per {
		body, err := json.Marshal(recs[i:min(i+per, len(recs))])
		if err != nil {
			t.Fatal(err)
		}
		if status, answer := s.post(t, body); status != http.StatusAccepted || bytes.Contains(answer, []byte("rejected")) {
			t.Fatalf("push of records %d…: %d %s", i, status, answer)
		}
	}
}

// post pushes body and returns the answer's status and body.
func (s *servingProcess) post(t *testing.T, body []byte) (int, []byte) {
	t.Helper()
	status, answer, err := s.tryPost(body)
	if err != nil {
		t.Fatal(err)
	}
	return status, answer
}

// tryPost pushes body and returns the answer, or the error of a server
// that did not answer.
func (s *servingProcess) tryPost(body []byte) (int, []byte, error) {
	req, err := http.NewRequest(http.MethodPost, s.base+"/api/v1/articles", bytes.NewReader(body))
	if err != nil {
		return 0, nil, err
	}
	req.Header.Set("Authorization", "Bearer "+pushToken)
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return 0, nil, err
	}
	defer resp.Body.Close()
	answer, err := io.ReadAll(resp.Body)
	return resp.StatusCode, answer, err
}

// stop sends sig and returns the process's exit error (nil for status 0);
// it fails the test when the process does not end within a minute.
func (s *servingProcess) stop(t *testing.T, sig os.Signal) error {
	t.Helper()
	if err := s.cmd.Process.Signal(sig); err != nil {
		t.Fatal(err)
	}
	select {
	case err := <-s.exit:
		return err
	case <-time.After(time.Minute):
		t.Fatalf("serve did not end within a minute of %v\n%s", sig, s.stderr)
		return nil
	}
}

// referenceStats ingests the JSONL records into a fresh database and
// returns its stats: what every push of the same records must end with.
func referenceStats(t *testing.T, bin, jsonl string, n int) detente.Stats {
	t.Helper()
	return ingestUninterrupted(t, bin, filepath.Join(t.TempDir(), "ref.db"), jsonl, n)
}

// testDBs are the stores the serve tests run over: a fresh SQLite file
// and a fresh schema of the PostgreSQL test server.
var testDBs = []struct {
	name string
	open func(t *testing.T) string
}{
	{"sqlite", func(t *testing.T) string { return filepath.Join(t.TempDir(), "pushed.db") }},
	{"postgres", func(t *testing.T) string { return pgtest.URL(t, "cmd_push") }},
}

// A push answered 202 is durable: serve killed with SIGKILL right after the
// last 202 and started again ends with everything an uninterrupted ingest
// of the same records stores, on either store.
func TestServePushSurvivesKill(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	bin := buildDetente(t)
	recs, jsonl := demoRecords(t)
	want := referenceStats(t, bin, jsonl, len(recs))
	for _, tt := range testDBs {
		t.Run(tt.name, func(t *testing.T) {
			db := tt.open(t)
			s := startServe(t, bin, db)
			s.push(t, recs, 5)
			if err := s.stop(t, syscall.SIGKILL); err == nil {
				t.Fatal("SIGKILL gave exit status 0")
			}
			t.Logf("killed with %d of %d articles stored", statsOf(t, bin, db).Articles, want.Articles)

			s = startServe(t, bin, db)
			for deadline := time.Now().Add(time.Minute); statsOf(t, bin, db).Articles < want.Articles && time.Now().Before(deadline); {
				time.Sleep(200 * time.Millisecond)
			}
			if err := s.stop(t, syscall.SIGTERM); err != nil {
				t.Errorf("restarted serve after SIGTERM: %v\n%s", err, s.stderr)
			}
			if got := statsOf(t, bin, db); got != want {
				t.Errorf("after kill and restart: %+v, uninterrupted ingest: %+v", got, want)
			}
		})
	}
}

// SIGTERM or SIGINT right after the last 202 stores everything pushed
// before serve ends, and serve exits with status 0.
func TestServeStopDrainsPushes(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	bin := buildDetente(t)
	recs, jsonl := demoRecords(t)
	want := referenceStats(t, bin, jsonl, len(recs))
	for _, sig := range []syscall.Signal{syscall.SIGTERM, syscall.SIGINT} {
		t.Run(sig.String(), func(t *testing.T) {
			db := filepath.Join(t.TempDir(), "pushed.db")
			s := startServe(t, bin, db)
			s.push(t, recs, 5)
			// An article the pipeline would drop is refused, not acknowledged.
			if status, answer := s.post(t, []byte(`{"text":"Too short."}`)); status != http.StatusUnprocessableEntity ||
				!bytes.Contains(answer, []byte("no article text")) {
				t.Errorf("push of a text too short to store: %d %s, want 422 naming it", status, answer)
			}
			if err := s.stop(t, sig); err != nil {
				t.Errorf("serve after %v: %v\n%s", sig, err, s.stderr)
			}
			if got := statsOf(t, bin, db); got != want {
				t.Errorf("after %v: %+v, uninterrupted ingest: %+v", sig, got, want)
			}
		})
	}
}
