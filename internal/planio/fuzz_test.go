package planio_test

import (
	"bytes"
	"errors"
	"os"
	"testing"

	"gaoxin/internal/i18n"
	"gaoxin/internal/planio"
)

// Any mapping file (the JSON that maps another system's columns onto
// gaoxin's) is read or refused with a message, never a panic.
func FuzzReadMapping(f *testing.F) {
	for _, name := range []string{"testdata/mta_figures.json", "testdata/mta_indicators.json"} {
		seed, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(seed)
	}
	f.Add([]byte(`{"columns": {"code": 3}}`))
	f.Fuzz(func(t *testing.T, body []byte) {
		_, err := planio.ReadMapping(bytes.NewReader(body))
		if err == nil {
			return
		}
		var verr *i18n.Error
		var ierr *i18n.ImportError
		if !errors.As(err, &verr) && !errors.As(err, &ierr) {
			t.Fatalf("a bad mapping gives a bare error: %v", err)
		}
	})
}
