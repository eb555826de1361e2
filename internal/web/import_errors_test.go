package web_test

import (
	"html"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"gaoxin/internal/db"
	"gaoxin/internal/db/dbtest"
)

// A file the reader cannot read is refused in the user's language, with
// no library's text on the page: random bytes named .xlsx, a workbook cut
// in half, UTF-8 damaged in the middle of a row.
func TestUnreadableUploadsSpeakTheUsersLanguage(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		s := newSite(t, d)
		admin := s.signIn("admin")
		goText := regexp.MustCompile(`zip:|xml|parse error|invalid|EOF|not a valid`)
		files := map[string][]byte{
			"bad.xlsx":  []byte("this is not a workbook at all, just bytes"),
			"cut.xlsx":  []byte("PK\x03\x04\x14\x00\x00\x00\x08\x00"),
			"units.csv": []byte("编码,名称,类型,上级\nX1,新单位,street,WFGX\nX2,坏\xe5\x9b,street,WFGX\n"),
		}
		alert := regexp.MustCompile(`(?s)<div class="error" role="alert">(.*?)</div>`)
		han := regexp.MustCompile(`\p{Han}`)
		for _, lang := range []string{"zh", "en"} {
			admin.post("/lang", url.Values{"lang": {lang}, "back": {"/units/import"}})
			for name, body := range files {
				res, page := admin.upload("/units/import", name, body)
				if res.StatusCode != http.StatusUnprocessableEntity {
					t.Errorf("%s in %s: %d", name, lang, res.StatusCode)
					continue
				}
				m := alert.FindStringSubmatch(page)
				if m == nil {
					t.Errorf("%s in %s: no error shown", name, lang)
					continue
				}
				msg := html.UnescapeString(m[1])
				if bad := goText.FindString(msg); bad != "" {
					t.Errorf("%s in %s shows a library's text %q: %s", name, lang, bad, msg)
				}
				if !strings.Contains(msg, name) {
					t.Errorf("%s in %s does not name the file: %s", name, lang, msg)
				}
				// A CSV right but for one damaged byte is said to be damaged
				// there, not read as GBK and called headerless.
				if name == "units.csv" && (!strings.Contains(msg, map[string]string{"zh": "第 3 行", "en": "row 3"}[lang]) ||
					strings.Contains(msg, "编码/code")) {
					t.Errorf("the damaged UTF-8 file in %s: %s", lang, msg)
				}
				// The file's own name aside, an English page says it in English.
				if rest := strings.ReplaceAll(msg, "坏", ""); (lang == "en") == han.MatchString(rest) {
					t.Errorf("%s: the message is not in %s: %s", name, lang, msg)
				}
			}
		}
	})
}
