package enterprise_test

import (
	"testing"

	"gaoxin/internal/enterprise"
)

// Any text is a credit code or refused; a code taken reads back as itself,
// 18 characters of the code's alphabet.
func FuzzParseCreditCode(f *testing.F) {
	for _, s := range []string{"914403001922038216", "9144030071526726XG", "９１４４０３００１９２２０３８２１６", "91330100799655058b ", "", "IOSVZ"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		code, verr := enterprise.ParseCreditCode(text)
		if verr != nil {
			return
		}
		if len(code) != 18 {
			t.Fatalf("%q taken as %q", text, code)
		}
		again, verr := enterprise.ParseCreditCode(code)
		if verr != nil || again != code {
			t.Fatalf("%q taken as %q, which reads back as %q, %v", text, code, again, verr)
		}
	})
}
