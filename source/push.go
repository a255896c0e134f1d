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
// fields of a JSONL line). The whole body is validated first, so a 4xx
// accepts nothing. check, when not nil, tells of each page whether the
// pipeline would drop it (no article text, too large): such items are not
// accepted and the answer lists them under "rejected". The other pages go
// to add in one call, which must make them durable before it returns nil:
// only then is the push answered 202 {"accepted": n} (with "rejected" when
// some were). When every item is rejected the answer is 422. Errors come
// as {"error":{"code":"invalid","message":"..."}} with 400, 405, 413, 415
// or 422; an error from add gives 500 (or the status of its detente error
// code) and accepts nothing.
func PushHandler(add func(ctx context.Context, pages []detente.Page) error, check func(ctx context.Context, p detente.Page) error) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodPost {
			w.Header().Set("Allow", http.MethodPost)
			writeError(w, http.StatusMethodNotAllowed, detente.EINVALID, "method "+r.Method+" not allowed, use POST", nil)
			return
		}
		if ct := r.Header.Get("Content-Type"); ct != "" {
			if mt, _, err := mime.ParseMediaType(ct); err != nil || (mt != "application/json" && mt != "application/x-ndjson") {
				writeError(w, http.StatusUnsupportedMediaType, detente.EINVALID, "Content-Type must be application/json", nil)
				return
			}
		}
		body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, MaxPushBytes))
		if err != nil {
			var tooBig *http.MaxBytesError
			if errors.As(err, &tooBig) {
				writeError(w, http.StatusRequestEntityTooLarge, detente.EINVALID, "body larger than "+strconv.Itoa(MaxPushBytes)+" bytes", nil)
				return
			}
			writeError(w, http.StatusBadRequest, detente.EINVALID, "read body: "+err.Error(), nil)
			return
		}
		recs, err := ParsePush(body)
		if err != nil {
			writeError(w, http.StatusBadRequest, detente.EINVALID, err.Error(), nil)
			return
		}
		now := time.Now().UTC()
		pages := make([]detente.Page, 0, len(recs))
		rejected := []rejection{}
		for i, rec := range recs {
			name := "push:" + now.Format(time.RFC3339Nano) + "#" + strconv.Itoa(i)
			p := rec.Page(name, "push", -1, now)
			if check != nil {
				if err := check(r.Context(), p); err != nil {
					rejected = append(rejected, rejection{Item: i, Message: err.Error()})
					continue
				}
			}
			pages = append(pages, p)
		}
		if len(pages) == 0 {
			writeError(w, http.StatusUnprocessableEntity, detente.EINVALID,
				fmt.Sprintf("item %d: %s", rejected[0].Item, rejected[0].Message), rejected)
			return
		}
		if err := add(r.Context(), pages); err != nil {
			status := http.StatusInternalServerError
			if detente.ErrorCode(err) == detente.EINVALID {
				status = http.StatusBadRequest
			}
			writeError(w, status, detente.ErrorCode(err), detente.ErrorMessage(err), rejected)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusAccepted)
		answer := struct {
			Accepted int         `json:"accepted"`
			Rejected []rejection `json:"rejected,omitempty"`
		}{len(pages), rejected}
		_ = json.NewEncoder(w).Encode(answer)
	})
}

// rejection is a pushed item the pipeline would drop, and why.
type rejection struct {
	Item    int    `json:"item"`
	Message string `json:"message"`
}

// writeError writes a JSON error body. Nothing of the request is
// accepted; rejected, when not nil, lists the items the pipeline would
// have dropped.
func writeError(w http.ResponseWriter, status int, code, msg string, rejected []rejection) {
	type detail struct {
		Code    string `json:"code"`
		Message string `json:"message"`
	}
	body := struct {
		Error    detail      `json:"error"`
		Accepted *int        `json:"accepted,omitempty"`
		Rejected []rejection `json:"rejected,omitempty"`
	}{Error: detail{Code: code, Message: msg}, Rejected: rejected}
	if rejected != nil {
		body.Accepted = new(int)
	}
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(body)
}
