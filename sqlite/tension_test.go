package sqlite_test

import (
	"testing"

	"github.com/detente-project/detente/tension/tensiontest"
)

func TestTension(t *testing.T) {
	tensiontest.Run(t, func(t *testing.T) tensiontest.Store { return open(t) })
}

func BenchmarkCountryHistory(b *testing.B) {
	tensiontest.BenchmarkCountryHistory(b, func(b *testing.B) tensiontest.Store { return open(b) })
}
