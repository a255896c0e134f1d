package http

import (
	"strings"
	"testing"
	"testing/fstest"
)

func TestLoadWorldMap(t *testing.T) {
	for _, tc := range []struct {
		name  string
		file  string // "" for no file
		want  map[string]string
		err   string
		noMap bool
	}{
		{name: "not generated", noMap: true},
		{name: "shapes keyed by alpha-3", file: `{"width":1000,"height":443,"shapes":[
			{"id":"364","name":"Iran","d":"M1 1l1 0 0 1z"},
			{"id":"","name":"Kosovo","d":"M2 2l1 0 0 1z"},
			{"id":"","name":"Somaliland","d":"M3 3l1 0 0 1z"}]}`,
			want: map[string]string{"Iran": "IRN", "Kosovo": "XKX", "Somaliland": ""}},
		{name: "not JSON", file: `{"width":`, err: "read assets/gen/countries.json"},
		{name: "no shapes", file: `{"width":1000,"height":443,"shapes":[]}`, err: "no shapes"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			fsys := fstest.MapFS{"assets/gen/README.md": {Data: []byte("placeholder")}}
			if tc.file != "" {
				fsys[mapFile] = &fstest.MapFile{Data: []byte(tc.file)}
			}
			m, err := loadWorldMap(fsys)
			switch {
			case tc.err != "":
				if err == nil || !strings.Contains(err.Error(), tc.err) {
					t.Fatalf("error %v, want %q", err, tc.err)
				}
				return
			case err != nil:
				t.Fatal(err)
			case tc.noMap:
				if m != nil {
					t.Fatalf("map %+v from no file", m)
				}
				return
			}
			for _, s := range m.Shapes {
				if want := tc.want[s.Name]; s.Code != want {
					t.Errorf("%s: code %q, want %q", s.Name, s.Code, want)
				}
			}
		})
	}
}

// TestOverviewWithoutMap serves a build without the generated map: the
// overview lists the country index and says how to make the map.
func TestOverviewWithoutMap(t *testing.T) {
	st, _ := fixtureStore(t)
	srv := NewServer(Config{Reader: st, Tension: st})
	srv.pages.world = nil
	w := httptestRecorder(srv, "/")
	body := w.Body.String()
	if w.Code != 200 || !strings.Contains(body, "go generate ./http") || !strings.Contains(body, `<ol class="countries">`) ||
		strings.Contains(body, `<figure class="map">`) || !strings.Contains(body, `href="/countries/IRN"`) {
		t.Errorf("status %d, page without map:\n%s", w.Code, body)
	}
}

// TestOverviewWithMap checks the drawn map from the committed shapes, which
// a fresh clone must have (go generate ./http remakes them).
func TestOverviewWithMap(t *testing.T) {
	st, _ := fixtureStore(t)
	srv := NewServer(Config{Reader: st, Tension: st})
	if srv.pages.world == nil {
		t.Fatal("http/assets/gen/countries.json is missing or unusable: it is committed; go generate ./http remakes it")
	}
	body := httptestRecorder(srv, "/").Body.String()
	if n := strings.Count(body, "<path class="); n < 150 {
		t.Errorf("map has %d country paths", n)
	}
	if !strings.Contains(body, `<a href="/countries/IRN"><path class="m`) {
		t.Error("Iran is not a shaded link on the map")
	}
}
