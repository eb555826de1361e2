package web_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"mime/multipart"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"gaoxin/internal/audit"
	"gaoxin/internal/db/dbtest"
	"gaoxin/internal/settings"
)

const mb = 1 << 20

// zeros is an endless source of bytes, for bodies too large to keep.
type zeros struct{}

func (zeros) Read(p []byte) (int, error) {
	clear(p)
	return len(p), nil
}

// bigUpload is a multipart form as a browser sends it: the CSRF token
// first, then a file of size bytes. With chunked set the length is not
// announced, as a streaming client sends it.
func (b *browser) bigUpload(path string, size int64, chunked bool) (*http.Response, string) {
	b.s.t.Helper()
	var head bytes.Buffer
	mw := multipart.NewWriter(&head)
	mw.WriteField("csrf", b.csrf)
	mw.CreateFormFile("file", "units.xlsx")
	split := head.Len()
	mw.Close()
	tail := bytes.Clone(head.Bytes()[split:])
	head.Truncate(split)
	length := int64(head.Len()) + size + int64(len(tail))
	body := io.MultiReader(&head, io.LimitReader(zeros{}, size), bytes.NewReader(tail))
	req, _ := http.NewRequest(http.MethodPost, b.s.srv.URL+path, body)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	req.ContentLength = length
	if chunked {
		req.ContentLength = -1
	}
	return b.do(req)
}

func TestUploadOverTheLimit(t *testing.T) {
	s := newSite(t, dbtest.SQLite(t))
	admin := s.signIn("admin")
	res, body := admin.bigUpload("/units/import", 40*mb, false)
	if res.StatusCode != http.StatusRequestEntityTooLarge || !strings.Contains(body, "文件过大：最大 32 MB，此文件 40 MB") {
		t.Errorf("40 MB upload: status %d, want 413 with the size\n%.600s", res.StatusCode, body)
	}
	if strings.Contains(body, "安全令牌") {
		t.Error("an upload over the limit was told its form has expired")
	}
	// Of unknown length, it is refused when the limit is reached.
	res, body = admin.bigUpload("/units/import", 40*mb, true)
	if res.StatusCode != http.StatusRequestEntityTooLarge || !strings.Contains(body, "文件过大：最大 32 MB") || strings.Contains(body, "安全令牌") {
		t.Errorf("40 MB chunked upload: status %d, want 413\n%.600s", res.StatusCode, body)
	}
	// In English for a user who reads English.
	if res, _ := admin.post("/lang", url.Values{"lang": {"en"}}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("switch to English: %d", res.StatusCode)
	}
	res, body = admin.bigUpload("/units/import", 120*mb, false)
	if res.StatusCode != http.StatusRequestEntityTooLarge || !strings.Contains(body, "File too large: at most 32 MB, this file is 120 MB") {
		t.Errorf("120 MB upload in English: status %d\n%.600s", res.StatusCode, body)
	}
	res, body = admin.bigUpload("/units/import", 40*mb, true)
	if res.StatusCode != http.StatusRequestEntityTooLarge || !strings.Contains(body, "File too large: at most 32 MB") {
		t.Errorf("chunked upload in English: status %d\n%.600s", res.StatusCode, body)
	}
}

func TestUploadUnderTheLimitStillNeedsTheToken(t *testing.T) {
	s := newSite(t, dbtest.SQLite(t))
	admin := s.signIn("admin")
	token := admin.csrf
	admin.csrf = ""
	res, body := admin.bigUpload("/units/import", 1*mb, false)
	if res.StatusCode != http.StatusForbidden || !strings.Contains(body, "安全令牌") {
		t.Errorf("upload without the token: status %d, want 403 csrf\n%.600s", res.StatusCode, body)
	}
	admin.csrf = token
	// With it, the file reaches the import, which finds it is no workbook.
	if res, body := admin.bigUpload("/units/import", 1*mb, false); res.StatusCode != http.StatusUnprocessableEntity {
		t.Errorf("upload with the token: status %d, want 422\n%.600s", res.StatusCode, body)
	}
}

func TestUploadLimitIsASetting(t *testing.T) {
	d := dbtest.SQLite(t)
	s := newSite(t, d)
	if err := settings.Set(context.Background(), d, audit.System, settings.UploadMaxMB, "1"); err != nil {
		t.Fatal(err)
	}
	admin := s.signIn("admin")
	res, body := admin.bigUpload("/units/import", 2*mb, false)
	if res.StatusCode != http.StatusRequestEntityTooLarge || !strings.Contains(body, "文件过大：最大 1 MB，此文件 2 MB") {
		t.Errorf("2 MB upload under a 1 MB limit: status %d\n%.600s", res.StatusCode, body)
	}
	res, body = admin.bigUpload("/units/import", 2*mb, true)
	if res.StatusCode != http.StatusRequestEntityTooLarge || !strings.Contains(body, "文件过大：最大 1 MB") {
		t.Errorf("2 MB chunked upload under a 1 MB limit: status %d\n%.600s", res.StatusCode, body)
	}
	if res, body := admin.bigUpload("/units/import", mb/2, false); res.StatusCode != http.StatusUnprocessableEntity {
		t.Errorf("half a MB under a 1 MB limit: status %d, want 422\n%.600s", res.StatusCode, body)
	}

	// The API keeps the same limit, in JSON.
	secret, _, err := s.users.CreateToken(context.Background(), audit.System, mustID(t, s.userID("admin")), "upload limit")
	if err != nil {
		t.Fatal(err)
	}
	for _, chunked := range []bool{false, true} {
		body := io.MultiReader(strings.NewReader(`{"code":"BIG","name":"`), io.LimitReader(zeros{}, 2*mb), strings.NewReader(`"}`))
		req, _ := http.NewRequest(http.MethodPost, s.srv.URL+"/api/v1/units", body)
		req.Header.Set("Authorization", "Bearer "+secret)
		req.Header.Set("Content-Type", "application/json")
		req.ContentLength = 2*mb + 24
		if chunked {
			req.ContentLength = -1
		}
		res, text := admin.do(req)
		var got struct {
			Error struct{ Code, Message string } `json:"error"`
		}
		json.Unmarshal([]byte(text), &got)
		if res.StatusCode != http.StatusRequestEntityTooLarge || got.Error.Code != "too_large" || !strings.Contains(got.Error.Message, "1 MB") {
			t.Errorf("API body of 2 MB (chunked %v): status %d %s", chunked, res.StatusCode, text)
		}
	}
}
