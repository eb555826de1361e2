package xlsx_test

import (
	"bytes"
	"errors"
	"math/rand/v2"
	"regexp"
	"strings"
	"testing"

	"gaoxin/internal/i18n"
	"gaoxin/internal/xlsx"
)

var (
	han = regexp.MustCompile(`\p{Han}`)
	// goWords are what library and Go errors say; a user must never read them.
	goWords = regexp.MustCompile(`(?i)zip:|xml|parse error|invalid|unexpected|EOF|excelize|%!|\[xlsx\.`)
)

// A corrupt upload is refused in the user's language, naming the file and
// what to do, with the library's error kept behind it for the log.
func TestRefusalsSpeakTheUsersLanguage(t *testing.T) {
	var workbook bytes.Buffer
	if err := xlsx.WriteXLSX(&workbook, "单位", []string{"编码", "名称"}, [][]string{{"GX", "潍坊高新区"}}); err != nil {
		t.Fatal(err)
	}
	noise := make([]byte, 4096)
	rng := rand.New(rand.NewPCG(13, 3))
	for i := range noise {
		noise[i] = byte(rng.Uint32())
	}
	cases := []struct {
		name, file string
		body       []byte
		cause      bool // a library's error is behind the refusal
	}{
		{"random bytes", "bad.xlsx", noise, true},
		{"a zip cut in half", "bad.xlsx", workbook.Bytes()[:workbook.Len()/2], true},
		{"a bare quote", "bad.csv", []byte("编码,名称\r\nGX,潍坊\"高新区\r\n"), true},
		{"invalid UTF-8", "bad.csv", []byte("编码,名称,类型\r\nGX,潍坊高新区,高新区\r\nJD1,新\xff城街道,街道\r\n"), false},
		{"an old workbook", "bad.xls", noise, false},
		{"an empty file", "bad.csv", nil, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := xlsx.Read(c.file, bytes.NewReader(c.body))
			var rerr *xlsx.ReadError
			if !errors.As(err, &rerr) {
				t.Fatalf("error %T %v, want a *xlsx.ReadError", err, err)
			}
			zhText, enText := rerr.In(i18n.ZH), rerr.In(i18n.EN)
			if !han.MatchString(zhText) || goWords.MatchString(zhText) || !strings.HasPrefix(zhText, c.file+"：") {
				t.Errorf("Chinese message: %s", zhText)
			}
			if han.MatchString(enText) || goWords.MatchString(enText) || !strings.HasPrefix(enText, c.file+": ") {
				t.Errorf("English message: %s", enText)
			}
			if err.Error() != zhText {
				t.Errorf("Error() = %q, want the Chinese message", err.Error())
			}
			// Pages and commands show an *i18n.Error in the user's language.
			var verr *i18n.Error
			if !errors.As(err, &verr) || verr.Field != "file" || verr.In(i18n.EN) != enText {
				t.Errorf("as an *i18n.Error: %+v", verr)
			}
			if cause := errors.Unwrap(err); (cause != nil) != c.cause {
				t.Errorf("cause %v, want one: %t", cause, c.cause)
			}
		})
	}
}

// Whatever bytes are uploaded, a refusal is a catalogue message in both
// languages: no missing key, no broken format, no library's words.
func FuzzReadRefusals(f *testing.F) {
	f.Add([]byte("编码,名称\r\nA,\"甲\r\n"), false)
	f.Add([]byte("编码,名称\r\nA,甲\xff\r\n"), false)
	f.Add([]byte("PK\x03\x04 not really a workbook"), true)
	f.Fuzz(func(t *testing.T, body []byte, excel bool) {
		name := "upload.csv"
		if excel {
			name = "upload.xlsx"
		}
		_, err := xlsx.Read(name, bytes.NewReader(body))
		if err == nil {
			return
		}
		var rerr *xlsx.ReadError
		if !errors.As(err, &rerr) {
			t.Fatalf("error %T %v, want a *xlsx.ReadError", err, err)
		}
		for _, lang := range i18n.Langs {
			if text := rerr.In(lang); goWords.MatchString(text) || !strings.HasPrefix(text, name) {
				t.Fatalf("%s message: %s", lang, text)
			}
		}
	})
}
