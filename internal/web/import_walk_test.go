package web_test

import (
	"context"
	"html"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"unicode"

	"gaoxin/internal/assess"
	"gaoxin/internal/db"
	"gaoxin/internal/db/dbtest"
)

// Every page that takes a file, walked with files no reader can take, in
// Chinese and in English: random bytes named .xlsx, a workbook cut short,
// a CSV whose UTF-8 is damaged in its third row. Each is refused as the
// user's mistake (never a server error), in the page's language, naming
// the file, with no word of a library's or Go's own text. A page that
// keeps any file as it is (an attachment, evidence) may take them; it
// must not fail on them either.
func TestImportWalkRefusesCorruptFilesInTheUsersLanguage(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		s := newYearSite(t, d)
		xc := s.unitID("XCJD")
		fig := "/report/2019/10/" + xc + "/figures/" + s.assignmentID("CJ03", "XCJD")
		rec, err := assess.NewRecordStore(d).Create(context.Background(), s.actor("kaohe"), 2019, assess.RecordInput{
			UnitID: mustID(t, xc), Kind: assess.RecordBonus, Level: "city", Name: "上传测试荣誉", EventOn: "2019-06-01"})
		if err != nil {
			t.Fatal(err)
		}
		routes := []struct {
			path, login string
			fields      url.Values
			anyFile     bool // the page keeps a file of any kind as it is
		}{
			{path: "/units/import", login: "admin"},
			{path: "/assess/2019/peers/import", login: "kaohe"},
			{path: "/projects/2019/import", login: "admin"},
			{path: "/projects/2019/report/11/" + xc + "/upload", login: "xincheng.tb"},
			{path: "/enterprises/import", login: "admin", fields: url.Values{"year": {"2019"}}},
			{path: "/leads/import", login: "admin"},
			{path: "/leads/rewards?year=2019", login: "admin"},
			{path: "/assess/2019/schemes", login: "kaohe"},
			{path: "/report/2019/11/" + xc + "/upload", login: "xincheng.tb"},
			{path: fig + "/attach", login: "admin", anyFile: true},
			{path: "/assess/2019/records/" + itoa(rec.ID) + "/evidence", login: "xincheng.tb", anyFile: true},
		}
		files := []struct {
			name string
			body []byte
		}{
			{"bad.xlsx", []byte("this is not a workbook at all, just bytes")},
			{"cut.xlsx", []byte("PK\x03\x04\x14\x00\x00\x00\x08\x00")},
			{"damaged.csv", []byte("编码,名称,类型,上级\nX1,新单位,street,WFGX\nX2,坏\xe5\x9b,street,WFGX\n")},
		}
		browsers := map[string]*browser{}
		for _, lang := range []string{"zh", "en"} {
			for _, rt := range routes {
				b := browsers[rt.login]
				if b == nil {
					b = s.signIn(rt.login)
					browsers[rt.login] = b
				}
				b.post("/lang", url.Values{"lang": {lang}, "back": {"/"}})
				for _, f := range files {
					res, page := b.uploadWith(rt.path, f.name, f.body, rt.fields)
					where := rt.path + " " + f.name + " in " + lang
					switch {
					case res.StatusCode >= 500:
						t.Errorf("%s: %d\n%.600s", where, res.StatusCode, page)
						continue
					case res.StatusCode < 400 && rt.anyFile:
						continue
					case res.StatusCode < 400 || res.StatusCode == http.StatusForbidden || res.StatusCode == http.StatusNotFound:
						t.Errorf("%s: %d, not a refusal of the file", where, res.StatusCode)
						continue
					}
					msg := alertText(page)
					if msg == "" {
						t.Errorf("%s: %d without a message\n%.600s", where, res.StatusCode, page)
						continue
					}
					// A page that keeps any file refuses only its kind ("no .csv
					// files"), which need not repeat the file's name.
					checkRefusal(t, where, lang, f.name, f.body, msg, !rt.anyFile)
				}
			}
		}
	})
}

var (
	walkAlert = regexp.MustCompile(`(?s)<div class="error" role="alert">(.*?)</div>`)
	walkTags  = regexp.MustCompile(`<[^>]*>`)
	// Words of Go's and its libraries' errors that no message of ours holds.
	libraryText = []string{"zip:", "xml", "parse error", "invalid", "EOF", "not a valid", "excelize", "open ", "unexpected",
		"yaml:", "unmarshal"}
)

// alertText is the page's error message as a reader sees it, without the
// audit alarm an administrator may see on every page.
func alertText(page string) string {
	var out []string
	for _, m := range walkAlert.FindAllStringSubmatch(page, -1) {
		if strings.Contains(m[1], `href="/audit"`) {
			continue
		}
		out = append(out, strings.TrimSpace(html.UnescapeString(walkTags.ReplaceAllString(m[1], " "))))
	}
	return strings.Join(out, "\n")
}

// checkRefusal fails t unless msg, the refusal of the file name holding
// body, is in lang, names the file (when named is set) and holds no
// library's text. An English message may quote Chinese from the file itself.
func checkRefusal(t *testing.T, where, lang, name string, body []byte, msg string, named bool) {
	t.Helper()
	for _, w := range libraryText {
		if strings.Contains(msg, w) {
			t.Errorf("%s shows a library's text %q: %s", where, w, msg)
		}
	}
	if named && !strings.Contains(msg, name) {
		t.Errorf("%s does not name the file: %s", where, msg)
	}
	own := strings.ToValidUTF8(string(body), "")
	chinese := false
	for _, r := range msg {
		if unicode.Is(unicode.Han, r) && !strings.ContainsRune(own, r) {
			chinese = true
		}
	}
	if lang == "zh" && !strings.ContainsFunc(msg, func(r rune) bool { return unicode.Is(unicode.Han, r) }) {
		t.Errorf("%s is not in Chinese: %s", where, msg)
	}
	if lang == "en" && chinese {
		t.Errorf("%s is not in English: %s", where, msg)
	}
}
