package attract_test

import (
	"errors"
	"os"
	"testing"

	"gaoxin/internal/attract"
	"gaoxin/internal/i18n"
)

// Any reward policy file is parsed or refused with a message by line,
// never a panic or a bare Go error.
func FuzzParsePolicy(f *testing.F) {
	seed, err := os.ReadFile("testdata/policy2019.yaml")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(seed)
	f.Add([]byte("year: 2019\nrules:\n  - id: A\n    amount: -5\n"))
	f.Fuzz(func(t *testing.T, body []byte) {
		_, err := attract.ParsePolicy("policy.yaml", body)
		if err == nil {
			return
		}
		var verr *i18n.Error
		var ierr *i18n.ImportError
		if !errors.As(err, &verr) && !errors.As(err, &ierr) {
			t.Fatalf("a bad policy file gives a bare error: %v", err)
		}
	})
}
