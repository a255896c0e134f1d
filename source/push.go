package source

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"strconv"
	"time"

	"github.com/detente-project/detente"
)

// Push limits: one request body, and the records in it.
const (
	MaxPushBytes   = 10 << 20
	MaxPushRecords = 1000
)

// ParsePush decodes a pushed body: one record object or an array of them,
// each validated as ParseRecord does. An error names the item at fault.
func ParsePush(body []byte) ([]Record, error) {
	if i := invalidUTF8(body); i >= 0 {
		return nil, fmt.Errorf("invalid UTF-8 at byte %d", i)
	}
	body = bytes.TrimSpace(body)
	if len(body) == 0 {
		return nil, errors.New("empty body")
	}
	if body[0] != '[' {
		r, err := ParseRecord(body)
		if err != nil {
			return nil, err
		}
		return []Record{r}, nil
	}
	var raw []json.RawMessage
	if err := json.Unmarshal(body, &raw); err != nil {
		return nil, fmt.Errorf("decode JSON: %w", err)
	}
	switch {
	case len(raw) == 0:
		return nil, errors.New("empty array")
	case len(raw) > MaxPushRecords:
		return nil, fmt.Errorf("%d records, at most %d per request", len(raw), MaxPushRecords)
	}
	out := make([]Record, 0, len(raw))
	for i, m := range raw {
		r, err := ParseRecord(m)
		if err != nil {
			return nil, fmt.Errorf("item %d: %w", i, err)
		}
		out = append(out, r)
	}
	return out, nil
}

// PushHandler accepts articles POSTed as JSON (one record or an array, the
// fields of a JSONL line) and hands each to fn as a page. The whole body is
// validated before any page is handed on, so a 4xx accepts nothing. It
// answers 202 {"accepted": n}, or an error as
// {"error":{"code":"invalid","message":"..."}} with 400, 405, 413 or 415;
// an error from fn gives 500 (or the status of its detente error code)
// with the count of pages accepted before it.
func PushHandler(fn func(ctx context.Context, p detente.Page) error) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodPost {
			w.Header().Set("Allow", http.MethodPost)
			writeError(w, http.StatusMethodNotAllowed, detente.EINVALID, "method "+r.Method+" not allowed, use POST", -1)
			return
		}
		if ct := r.Header.Get("Content-Type"); ct != "" {
			if mt, _, err := mime.ParseMediaType(ct); err != nil || (mt != "application/json" && mt != "application/x-ndjson") {
				writeError(w, http.StatusUnsupportedMediaType, detente.EINVALID, "Content-Type must be application/json", -1)
				return
			}
		}
		body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, MaxPushBytes))
		if err != nil {
			var tooBig *http.MaxBytesError
			if errors.As(err, &tooBig) {
				writeError(w, http.StatusRequestEntityTooLarge, detente.EINVALID, "body larger than "+strconv.Itoa(MaxPushBytes)+" bytes", -1)
				return
			}
			writeError(w, http.StatusBadRequest, detente.EINVALID, "read body: "+err.Error(), -1)
			return
		}
		recs, err := ParsePush(body)
		if err != nil {
			writeError(w, http.StatusBadRequest, detente.EINVALID, err.Error(), -1)
			return
		}
		now := time.Now().UTC()
		for i, rec := range recs {
			name := "push:" + now.Format(time.RFC3339Nano) + "#" + strconv.Itoa(i)
			if err := fn(r.Context(), rec.Page(name, "push", -1, now)); err != nil {
				status := http.StatusInternalServerError
				if detente.ErrorCode(err) == detente.EINVALID {
					status = http.StatusBadRequest
				}
				writeError(w, status, detente.ErrorCode(err), fmt.Sprintf("item %d: %s", i, detente.ErrorMessage(err)), i)
				return
			}
		}
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusAccepted)
		_ = json.NewEncoder(w).Encode(map[string]int{"accepted": len(recs)})
	})
}

// writeError writes a JSON error body; accepted ≥ 0 says how many records
// were handed on before the error.
func writeError(w http.ResponseWriter, status int, code, msg string, accepted int) {
	type detail struct {
		Code    string `json:"code"`
		Message string `json:"message"`
	}
	body := struct {
		Error    detail `json:"error"`
		Accepted *int   `json:"accepted,omitempty"`
	}{Error: detail{Code: code, Message: msg}}
	if accepted >= 0 {
		body.Accepted = &accepted
	}
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(body)
}
