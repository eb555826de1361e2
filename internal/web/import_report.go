package web

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"io"
	"mime"
	"net/http"
	"strings"
	"sync"
	"time"

	"gaoxin/internal/i18n"
	"gaoxin/internal/settings"
	"gaoxin/internal/xlsx"
)

// An upload is read whole into memory to be parsed, and parsed it takes
// several times its size (a 30 MB CSV of a million rows is some 200 MB of
// cells, rows and problems). importBudget bounds the bytes of the files
// being read and parsed at once: small files go through side by side, a
// large one waits until it has the budget to itself, and a rush of large
// files queues instead of taking the server's memory. Pages that upload
// nothing are not held.
const importBudget = 40 << 20

// uploaded reads the form's file once the import budget has room for it,
// keeping it for the error report should the import be refused. The
// budget is the request's until it ends.
func (s *Server) uploaded(r *http.Request) (string, []byte, error) {
	file, header, err := r.FormFile("file")
	if err != nil {
		return "", nil, i18n.Invalid("file", "import.no_file")
	}
	defer file.Close()
	weight := min(max(header.Size, 64<<10), importBudget)
	if err := s.importing.Acquire(r.Context(), weight); err != nil {
		return "", nil, err
	}
	context.AfterFunc(r.Context(), func() { s.importing.Release(weight) })
	body, err := io.ReadAll(file)
	if err != nil {
		return "", nil, i18n.Invalid("file", "import.no_file")
	}
	current(r).upload = &upload{name: header.Filename, body: body}
	return header.Filename, body, nil
}

// upload is the file a request brought.
type upload struct {
	name string
	body []byte
}

// pendingReport is a refused file kept for its error report.
type pendingReport struct {
	user     int64
	name     string
	body     []byte
	problems []i18n.RowError
	until    time.Time
}

// reportStore keeps the last refused files for a while, bounded in count
// and bytes: a report is built only when someone asks for it.
type reportStore struct {
	mu      sync.Mutex
	entries map[string]*pendingReport
	order   []string
}

const (
	reportsKept  = 16
	reportsBytes = 48 << 20 // the files and their problems, about
	reportAge    = 30 * time.Minute
	// problemBytes is about what a kept problem takes in memory.
	problemBytes = 160
)

// size is about what a kept report takes in memory.
func (p *pendingReport) size() int { return len(p.body) + problemBytes*len(p.problems) }

func (st *reportStore) put(p *pendingReport) string {
	b := make([]byte, 16)
	rand.Read(b)
	token := hex.EncodeToString(b)
	st.mu.Lock()
	defer st.mu.Unlock()
	if st.entries == nil {
		st.entries = map[string]*pendingReport{}
	}
	st.entries[token] = p
	st.order = append(st.order, token)
	size := 0
	for _, t := range st.order {
		size += st.entries[t].size()
	}
	for len(st.order) > 1 && (len(st.order) > reportsKept || size > reportsBytes) {
		size -= st.entries[st.order[0]].size()
		delete(st.entries, st.order[0])
		st.order = st.order[1:]
	}
	return token
}

func (st *reportStore) get(token string, user int64) (*pendingReport, bool) {
	st.mu.Lock()
	defer st.mu.Unlock()
	p, ok := st.entries[token]
	if !ok || p.user != user || time.Now().After(p.until) {
		return nil, false
	}
	return p, true
}

// boundedImportError is a refused import as a page shows it: the first
// problems (setting import.max_problems) with the count of all, and, when
// the request brought the file, a link to the full error report.
func (s *Server) boundedImportError(r *http.Request, p *page, ierr *i18n.ImportError) string {
	v := current(r)
	max := s.importProblemsShown(r.Context())
	if v.upload != nil && v.user != nil && len(ierr.Rows) > 0 {
		token := s.importReports.put(&pendingReport{user: v.user.ID, name: v.upload.name, body: v.upload.body,
			problems: ierr.Rows, until: time.Now().Add(reportAge)})
		p.ErrorReport = "/import-reports/" + token
	}
	return ierr.Bounded(p.lang, max)
}

// importReport builds and sends a refused file's error report.
func (s *Server) importReport(w http.ResponseWriter, r *http.Request) {
	v := current(r)
	pr, ok := s.importReports.get(r.PathValue("token"), v.user.ID)
	if !ok {
		s.errorPage(w, r, http.StatusNotFound, "error.not_found")
		return
	}
	var buf bytes.Buffer
	if err := xlsx.ErrorReport(&buf, pr.name, pr.body, pr.problems, v.lang); err != nil {
		s.serverError(w, r, err)
		return
	}
	base := pr.name
	if i := strings.LastIndexByte(base, '.'); i > 0 {
		base = base[:i]
	}
	w.Header().Set("Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
	w.Header().Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": base + "-errors.xlsx"}))
	buf.WriteTo(w)
}

// importProblemsShown is the import.max_problems setting.
func (s *Server) importProblemsShown(ctx context.Context) int {
	return settings.ImportProblemsShown(ctx, s.db)
}
