package storetest

import (
	"context"
	"database/sql"
	"testing"

	"github.com/detente-project/detente"
)

// PlaceSourceBackfill checks migration 0040 on events stored before it: it
// stores events placed by their sentence, by the dateline and nowhere,
// takes the store back to before 0040 through db (its own connection to
// the store's database), and reopens the store with reopen, which
// migrates again; each event's place source is then what the coder would
// have recorded.
func PlaceSourceBackfill(t *testing.T, s Store, db *sql.DB, reopen func(t *testing.T) Store) {
	t.Helper()
	ctx := context.Background()
	d := doc("https://p.example/1", "p1", "2025-03-01", []string{
		"DUBAI — Iran accused the United States of lying.",
		"WASHINGTON (Northwind Wire) — The United States accused Iran of harassing ships in the Gulf.",
		"Iran accused the United States of lying.",
	}, ev{0, "IRN", "USA", "112", false, false}, ev{1, "USA", "IRN", "112", false, false},
		ev{2, "IRNGOV", "USAGOV", "112", false, false})
	d.Events[0].Location = detente.Location{Country: "ARE", Place: "DUBAI", Source: detente.PlaceDateline}
	d.Events[1].Location = detente.Location{Place: "Gulf", Source: detente.PlaceSentence}
	d.Events[2].Location = detente.Location{Source: detente.PlaceNone}
	write(t, s, d)
	for _, q := range []string{
		`ALTER TABLE events DROP COLUMN place_source`,
		`DELETE FROM schema_migrations WHERE version = 40`,
	} {
		if _, err := db.ExecContext(ctx, q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	s = reopen(t)
	for _, want := range d.Events {
		got, err := s.Event(ctx, want.ID)
		if err != nil {
			t.Fatalf("Event(%s): %v", want.ID, err)
		}
		if got.Location.Source != want.Location.Source {
			t.Errorf("event in %q: place %q from %q after the migration, want %q",
				d.Sentences[want.SentenceIndex].Text, got.Location.Place, got.Location.Source, want.Location.Source)
		}
	}
}
