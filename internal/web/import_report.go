package web

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"io"
	"mime"
	"net/http"
	"os"
	"strings"
	"sync"
	"time"

	"gaoxin/internal/i18n"
	"gaoxin/internal/settings"
	"gaoxin/internal/xlsx"
)

// An upload is read from where the form parser left it (on disk, past
// formMemory) a row at a time, but parsing still holds what an import
// keeps: the problems found (up to i18n.MaxStoredProblems) and the rows of
// a file that may yet be accepted. importBudget bounds the bytes of the
// files being parsed at once: small files go through side by side, a
// large one waits until it has the budget to itself, and a rush of large
// files queues instead of taking the server's memory. Pages that upload
// nothing are not held.
const importBudget = 40 << 20

// uploaded is the form's file, once the import budget has room for it;
// the file and the budget are the request's until it ends.
func (s *Server) uploaded(r *http.Request) (xlsx.File, error) {
	file, header, err := r.FormFile("file")
	if err != nil {
		return xlsx.File{}, i18n.Invalid("file", "import.no_file")
	}
	weight := min(max(header.Size, 64<<10), importBudget)
	if err := s.importing.Acquire(r.Context(), weight); err != nil {
		file.Close()
		return xlsx.File{}, err
	}
	context.AfterFunc(r.Context(), func() {
		file.Close()
		s.importing.Release(weight)
	})
	u := xlsx.File{Name: header.Filename, Data: file, Size: header.Size}
	current(r).upload = &u
	return u, nil
}

// uploadedBytes is the form's file whole, for the readers of small files
// that need it so (a reward policy, a filled-in report form).
func (s *Server) uploadedBytes(r *http.Request) (string, []byte, error) {
	f, err := s.uploaded(r)
	if err != nil {
		return "", nil, err
	}
	body, err := io.ReadAll(io.NewSectionReader(f.Data, 0, f.Size))
	if err != nil {
		return "", nil, i18n.Invalid("file", "import.no_file")
	}
	return f.Name, body, nil
}

// pendingReport is a refused file kept for its error report: a copy on
// disk, already unlinked, so that the system reclaims it when it is let
// go of or the server stops, whatever happens.
type pendingReport struct {
	user     int64
	file     xlsx.File
	copy     *os.File
	problems []i18n.RowError
	until    time.Time
}

// keepUpload copies a refused upload for its report.
func keepUpload(u xlsx.File) (*pendingReport, error) {
	tmp, err := os.CreateTemp("", "gaoxin-refused-*")
	if err != nil {
		return nil, err
	}
	os.Remove(tmp.Name())
	if _, err := io.Copy(tmp, io.NewSectionReader(u.Data, 0, u.Size)); err != nil {
		tmp.Close()
		return nil, err
	}
	return &pendingReport{file: xlsx.File{Name: u.Name, Data: tmp, Size: u.Size}, copy: tmp}, nil
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
	reportsBytes = 48 << 20 // the problems kept in memory, about; the files are on disk
	reportAge    = 30 * time.Minute
	// problemBytes is about what a kept problem takes in memory.
	problemBytes = 160
)

// size is about what a kept report takes in memory.
func (p *pendingReport) size() int { return problemBytes * len(p.problems) }

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
	now := time.Now()
	for len(st.order) > 1 {
		oldest := st.entries[st.order[0]]
		if len(st.order) <= reportsKept && size <= reportsBytes && now.Before(oldest.until) {
			break
		}
		size -= oldest.size()
		oldest.copy.Close()
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
		if pr, err := keepUpload(*v.upload); err != nil {
			s.log.Error("keep a refused file for its report", "err", err)
		} else {
			pr.user, pr.problems, pr.until = v.user.ID, ierr.Rows, time.Now().Add(reportAge)
			p.ErrorReport = "/import-reports/" + s.importReports.put(pr)
		}
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
	if err := xlsx.ErrorReport(&buf, pr.file, pr.problems, v.lang); errors.Is(err, os.ErrClosed) {
		s.errorPage(w, r, http.StatusNotFound, "error.not_found") // let go of while being read
		return
	} else if err != nil {
		s.serverError(w, r, err)
		return
	}
	base := pr.file.Name
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
