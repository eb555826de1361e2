package web_test

import (
	"bytes"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"strings"
	"testing"

	"gaoxin/internal/db/dbtest"
	"gaoxin/internal/xlsx/xlsxtest"
)

// badUnitRows makes, as it is read, a units file of size bytes whose every
// row names a kind of unit there is no such thing as; rows counts them.
type badUnitRows struct {
	left, rows int
	pending    []byte
}

func (b *badUnitRows) Read(p []byte) (int, error) {
	n := 0
	for n < len(p) && b.left > 0 {
		if len(b.pending) == 0 {
			if b.rows == 0 {
				b.pending = []byte("编码,名称,类型\n")
			} else {
				b.pending = fmt.Appendf(nil, "Z%07d,单位%d,castle\n", b.rows, b.rows)
			}
			b.rows++
		}
		c := copy(p[n:min(len(p), n+b.left)], b.pending)
		b.pending, b.left, n = b.pending[c:], b.left-c, n+c
	}
	if n == 0 {
		return 0, io.EOF
	}
	return n, nil
}

// streamUpload posts a file of size bytes read from file as it is sent,
// so that the test holds none of it.
func (b *browser) streamUpload(path, name string, file io.Reader, size int64) (*http.Response, string) {
	b.s.t.Helper()
	var head bytes.Buffer
	mw := multipart.NewWriter(&head)
	mw.WriteField("csrf", b.csrf)
	mw.CreateFormFile("file", name)
	split := head.Len()
	mw.Close()
	tail := bytes.Clone(head.Bytes()[split:])
	head.Truncate(split)
	req, _ := http.NewRequest(http.MethodPost, b.s.srv.URL+path,
		io.MultiReader(&head, io.LimitReader(file, size), bytes.NewReader(tail)))
	req.Header.Set("Content-Type", mw.FormDataContentType())
	req.ContentLength = int64(head.Len()) + size + int64(len(tail))
	return b.do(req)
}

// A 30 MB units file whose every row is wrong, uploaded, is refused with
// the count of its problems (a floor: past the first 50,000 the codes are
// no longer compared across rows) and a link to its report, and the whole
// request (form, import, page) holds less than twice the file in memory:
// the file stays on disk and is read a row at a time.
func TestRefusedUploadMemory(t *testing.T) {
	if testing.Short() {
		t.Skip("uploads a 30 MB file")
	}
	s := newSite(t, dbtest.SQLite(t))
	admin := s.signIn("admin")
	const size = 30 << 20
	file := &badUnitRows{left: size}
	var res *http.Response
	var page string
	peak := xlsxtest.PeakHeap(func() {
		res, page = admin.streamUpload("/units/import", "units.csv", file, size)
	})
	rows := file.rows - 1
	want := fmt.Sprintf("%d", rows)
	if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(strings.ReplaceAll(page, ",", ""), "至少 "+want+" 处问题") ||
		!strings.Contains(page, "/import-reports/") {
		t.Fatalf("upload of %d bad rows: %d\n%.800s", rows, res.StatusCode, page)
	}
	t.Logf("a %d MB upload of %d bad rows: peak heap %d MB, a page of %d KB", size>>20, rows, peak>>20, len(page)>>10)
	if peak > 2*size {
		t.Errorf("the refused upload took %d MB of heap, over twice its %d MB", peak>>20, size>>20)
	}
}
