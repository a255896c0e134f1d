package migration

import (
	"fmt"
	"strings"
	"testing"
	"testing/fstest"
)

func TestList(t *testing.T) {
	file := &fstest.MapFile{Data: []byte("SELECT 1;")}
	tests := []struct {
		name    string
		files   []string
		want    string
		wantErr string
	}{
		{"numeric order", []string{"0100_tension.sql", "0002_more.sql", "0001_init.sql", "0010_x.sql"},
			"[1:0001_init.sql 2:0002_more.sql 10:0010_x.sql 100:0100_tension.sql]", ""},
		{"not sql", []string{"0001_init.sql", "README.md"}, "[1:0001_init.sql]", ""},
		{"no number", []string{"init.sql"}, "", "must start with a positive number"},
		{"zero", []string{"0000_init.sql"}, "", "must start with a positive number"},
		{"same number", []string{"0001_init.sql", "1_other.sql"}, "", "share number 1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := fstest.MapFS{}
			for _, f := range tt.files {
				fsys["migrations/"+f] = file
			}
			ms, err := List(fsys)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("error %v, want %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, m := range ms {
				got = append(got, fmt.Sprintf("%d:%s", m.Version, m.Name))
			}
			if fmt.Sprint(got) != tt.want {
				t.Errorf("got %v, want %s", got, tt.want)
			}
		})
	}
}
