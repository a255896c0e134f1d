package http

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
)

// TestResponsesMatchOpenAPI checks real answers of the fixture server
// against the schemas openapi.json gives for them: required fields are
// there, and every field has the documented JSON type.
func TestResponsesMatchOpenAPI(t *testing.T) {
	var doc map[string]any
	if err := json.Unmarshal(openapi, &doc); err != nil {
		t.Fatal(err)
	}
	ts, docs := testServer(t, Config{})
	ev := docs[0].Events[0]
	for _, tc := range []struct{ path, template string }{
		{"/api/v1/health", "/api/v1/health"},
		{"/api/v1/stats", "/api/v1/stats"},
		{"/api/v1/events?include=uncounted&limit=5", "/api/v1/events"},
		{"/api/v1/events/" + ev.ID, "/api/v1/events/{id}"},
		{"/api/v1/articles?limit=3", "/api/v1/articles"},
		{"/api/v1/articles/" + ev.ArticleID, "/api/v1/articles/{id}"},
		{"/api/v1/pairs", "/api/v1/pairs"},
		{"/api/v1/pairs/IRN-USA/series?from=2025-06-01&to=2025-07-30", "/api/v1/pairs/{pair}/series"},
		{"/api/v1/countries/IRN/index?from=2025-06-01&to=2025-07-30", "/api/v1/countries/{country}/index"},
		{"/api/v1/alerts", "/api/v1/alerts"},
	} {
		t.Run(tc.path, func(t *testing.T) {
			var body any
			getJSON(t, ts, tc.path, &body)
			schema := lookup(t, doc, []string{"paths", tc.template, "get", "responses", "200", "content", "application/json", "schema"})
			for _, err := range conform(doc, schema, body, "$") {
				t.Error(err)
			}
		})
	}
	// Errors have the documented shape too.
	_, _, b := get(t, ts, "/api/v1/events?limit=0")
	var body any
	if err := json.Unmarshal(b, &body); err != nil {
		t.Fatal(err)
	}
	for _, err := range conform(doc, map[string]any{"$ref": "#/components/schemas/Error"}, body, "$") {
		t.Error(err)
	}
}

func lookup(t *testing.T, doc map[string]any, path []string) map[string]any {
	t.Helper()
	var cur any = doc
	for _, p := range path {
		m, ok := cur.(map[string]any)
		if !ok {
			t.Fatalf("openapi.json has no %s", strings.Join(path, "/"))
		}
		cur = m[p]
	}
	m, ok := cur.(map[string]any)
	if !ok {
		t.Fatalf("openapi.json has no %s", strings.Join(path, "/"))
	}
	return m
}

// conform returns where v does not match schema: the subset of OpenAPI
// schemas openapi.json uses ($ref, allOf, oneOf, type, properties,
// required, items, enum, nullable).
func conform(doc, schema map[string]any, v any, at string) []error {
	if ref, ok := schema["$ref"].(string); ok {
		var cur any = doc
		for _, p := range strings.Split(strings.TrimPrefix(ref, "#/"), "/") {
			cur = cur.(map[string]any)[p]
		}
		return conform(doc, cur.(map[string]any), v, at)
	}
	if v == nil {
		if schema["nullable"] == true {
			return nil
		}
		return []error{fmt.Errorf("%s is null", at)}
	}
	var errs []error
	if all, ok := schema["allOf"].([]any); ok {
		for _, s := range all {
			errs = append(errs, conform(doc, s.(map[string]any), v, at)...)
		}
	}
	if one, ok := schema["oneOf"].([]any); ok {
		matched := 0
		for _, s := range one {
			if len(conform(doc, s.(map[string]any), v, at)) == 0 {
				matched++
			}
		}
		if matched != 1 {
			errs = append(errs, fmt.Errorf("%s matches %d of oneOf", at, matched))
		}
	}
	if enum, ok := schema["enum"].([]any); ok {
		found := false
		for _, e := range enum {
			found = found || e == v
		}
		if !found {
			errs = append(errs, fmt.Errorf("%s = %v, not in %v", at, v, enum))
		}
	}
	switch schema["type"] {
	case "object":
		m, ok := v.(map[string]any)
		if !ok {
			return append(errs, fmt.Errorf("%s is %T, want an object", at, v))
		}
		for _, r := range asList(schema["required"]) {
			if _, ok := m[r.(string)]; !ok {
				errs = append(errs, fmt.Errorf("%s lacks required %s", at, r))
			}
		}
		props, _ := schema["properties"].(map[string]any)
		for k, x := range m {
			if p, ok := props[k].(map[string]any); ok {
				errs = append(errs, conform(doc, p, x, at+"."+k)...)
			} else if props != nil && schema["additionalProperties"] != true {
				errs = append(errs, fmt.Errorf("%s.%s is not documented", at, k))
			}
		}
	case "array":
		l, ok := v.([]any)
		if !ok {
			return append(errs, fmt.Errorf("%s is %T, want an array", at, v))
		}
		if items, ok := schema["items"].(map[string]any); ok {
			for i, x := range l {
				errs = append(errs, conform(doc, items, x, fmt.Sprintf("%s[%d]", at, i))...)
			}
		}
	case "string":
		if _, ok := v.(string); !ok {
			errs = append(errs, fmt.Errorf("%s is %T, want a string", at, v))
		}
	case "integer":
		if f, ok := v.(float64); !ok || f != float64(int64(f)) {
			errs = append(errs, fmt.Errorf("%s is %v, want an integer", at, v))
		}
	case "number":
		if _, ok := v.(float64); !ok {
			errs = append(errs, fmt.Errorf("%s is %T, want a number", at, v))
		}
	case "boolean":
		if _, ok := v.(bool); !ok {
			errs = append(errs, fmt.Errorf("%s is %T, want a boolean", at, v))
		}
	}
	return errs
}

func asList(v any) []any {
	l, _ := v.([]any)
	return l
}
