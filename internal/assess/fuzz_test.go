package assess_test

import (
	"errors"
	"os"
	"testing"

	"gaoxin/internal/assess"
	"gaoxin/internal/i18n"
)

// Any scheme file is parsed or refused with a message, never a panic; a
// refusal is a user's mistake the pages can show, not a Go error.
func FuzzParseScheme(f *testing.F) {
	seed, err := os.ReadFile("testdata/economy.yaml")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(seed)
	f.Add([]byte("year: 2019\nclass: 经济发展类\nitems: [\n"))
	f.Add([]byte("year: 2019\nunknown_field: 1\n"))
	f.Fuzz(func(t *testing.T, body []byte) {
		_, _, err := assess.Parse("scheme.yaml", body)
		if err == nil {
			return
		}
		var verr *i18n.Error
		var ierr *i18n.ImportError
		if !errors.As(err, &verr) && !errors.As(err, &ierr) {
			t.Fatalf("a bad scheme file gives a bare error: %v", err)
		}
	})
}
