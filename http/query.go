package http

import (
	"encoding/json"
	"fmt"
	nethttp "net/http"
	"net/url"
	"slices"
	"strings"
)

// queryParams returns, per route pattern ("GET /api/v1/pairs"), the query
// parameters openapi.json documents for it, so that the spec is the one
// list of what each endpoint reads.
func queryParams() (map[string][]string, error) {
	type param struct {
		Ref  string `json:"$ref"`
		Name string `json:"name"`
		In   string `json:"in"`
	}
	var doc struct {
		Paths      map[string]map[string]json.RawMessage `json:"paths"`
		Components struct {
			Parameters map[string]param `json:"parameters"`
		} `json:"components"`
	}
	if err := json.Unmarshal(openapi, &doc); err != nil {
		return nil, fmt.Errorf("openapi.json: %w", err)
	}
	out := map[string][]string{}
	for path, ops := range doc.Paths {
		for method, raw := range ops {
			if method == "parameters" {
				continue
			}
			var op struct {
				Parameters []param `json:"parameters"`
			}
			if err := json.Unmarshal(raw, &op); err != nil {
				return nil, fmt.Errorf("openapi.json: %s %s: %w", method, path, err)
			}
			names := []string{}
			for _, p := range op.Parameters {
				if p.Ref != "" {
					p = doc.Components.Parameters[strings.TrimPrefix(p.Ref, "#/components/parameters/")]
				}
				if p.In == "query" {
					names = append(names, p.Name)
				}
			}
			slices.Sort(names)
			out[strings.ToUpper(method)+" "+path] = names
		}
	}
	return out, nil
}

// knownQuery answers 400 to a request with a query parameter that is not
// in params, naming it, and passes the others to next.
func (s *Server) knownQuery(params []string, next nethttp.HandlerFunc) nethttp.HandlerFunc {
	return func(w nethttp.ResponseWriter, r *nethttp.Request) {
		for name := range r.URL.Query() {
			if !slices.Contains(params, name) {
				takes := "no query parameters"
				if len(params) > 0 {
					takes = "only " + strings.Join(params, ", ")
				}
				writeError(w, r, s.log, invalid("unknown query parameter %q: %s takes %s", truncate(name), r.URL.Path, takes))
				return
			}
		}
		next(w, r)
	}
}

// cacheKey is the path of r and the value of each of params as
// url.Values.Get gives it, empty ones left out: what a handler reading
// params sees, whatever their order or repetitions in the URL.
func cacheKey(r *nethttp.Request, params []string) string {
	q := r.URL.Query()
	key := url.Values{}
	for _, name := range params {
		if v := q.Get(name); v != "" {
			key.Set(name, v)
		}
	}
	return r.URL.Path + "?" + key.Encode()
}
