package http

import (
	"encoding/json"
	"log/slog"
	nethttp "net/http"

	"github.com/detente-project/detente"
)

// errorBody is the JSON shape of every API error:
// {"error":{"code":"invalid","message":"..."}}.
type errorBody struct {
	Error errorDetail `json:"error"`
}

type errorDetail struct {
	Code    string `json:"code"`
	Message string `json:"message"`
}

// statusOf maps an application error code to its HTTP status. It is the one
// place where that mapping lives.
func statusOf(code string) int {
	switch code {
	case detente.EINVALID:
		return nethttp.StatusBadRequest
	case detente.ENOTFOUND:
		return nethttp.StatusNotFound
	case detente.EUNAUTHORIZED:
		return nethttp.StatusUnauthorized
	case detente.ECONFLICT:
		return nethttp.StatusConflict
	case errForbidden:
		return nethttp.StatusForbidden
	default:
		return nethttp.StatusInternalServerError
	}
}

// errForbidden is the code of a write request made while the server has no
// token configured: writes are then disabled altogether.
const errForbidden = "forbidden"

// writeError answers err as JSON with the status of its code. Internal
// errors are logged with their detail and shown to the client only as
// "internal error".
func writeError(w nethttp.ResponseWriter, r *nethttp.Request, log *slog.Logger, err error) {
	code := detente.ErrorCode(err)
	status := statusOf(code)
	if status == nethttp.StatusInternalServerError {
		code = detente.EINTERNAL
		log.ErrorContext(r.Context(), "request failed", "stage", "http", "url", r.URL.String(), "err", err)
	}
	writeJSON(w, status, errorBody{Error: errorDetail{Code: code, Message: detente.ErrorMessage(err)}})
}

// writeJSON answers v as JSON with the given status.
func writeJSON(w nethttp.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(true)
	// The status line is already sent; a failed write means the client left.
	_ = enc.Encode(v)
}
