// Package migration lists and applies a store's numbered schema files, so
// that every store applies its migrations in the same order under the same
// naming rules: "NNNN_name.sql" in a folder "migrations", numbers unique.
// Only the SQL that records them differs between stores (Dialect).
package migration

import (
	"fmt"
	"io/fs"
	"sort"
	"strconv"
	"strings"
)

// File is one schema file: its number and name.
type File struct {
	Version int
	Name    string
}

// List returns the schema files in numeric order. A file name
// must start with its number and an underscore; two files may not share a
// number.
func List(fsys fs.FS) ([]File, error) {
	names, err := fs.Glob(fsys, "migrations/*.sql")
	if err != nil {
		return nil, fmt.Errorf("list migrations: %w", err)
	}
	var ms []File
	seen := map[int]string{}
	for _, p := range names {
		name := strings.TrimPrefix(p, "migrations/")
		num, _, ok := strings.Cut(name, "_")
		v, err := strconv.Atoi(num)
		if !ok || err != nil || v <= 0 {
			return nil, fmt.Errorf("migration %s: name must start with a positive number and '_'", name)
		}
		if prev, dup := seen[v]; dup {
			return nil, fmt.Errorf("migrations %s and %s share number %d", prev, name, v)
		}
		seen[v] = name
		ms = append(ms, File{Version: v, Name: name})
	}
	sort.Slice(ms, func(i, j int) bool { return ms[i].Version < ms[j].Version })
	return ms, nil
}
