package web

import (
	"net/http"
	"strconv"
	"time"

	"gaoxin/internal/audit"
	"gaoxin/internal/auditcheck"
	"gaoxin/internal/auth"
)

type auditView struct {
	Entries []audit.Entry
	Next    int64 // seq to continue from, 0 when this is the last page
	// Last is the latest verification of the trail against the tables.
	Last      *auditcheck.Check
	Head      audit.Anchor
	CanVerify bool
}

const auditPageSize = 100

func (s *Server) auditPage(w http.ResponseWriter, r *http.Request) {
	s.renderAudit(w, r, http.StatusOK, nil)
}

// renderAudit shows the trail's page; errs are a refused resolution's.
func (s *Server) renderAudit(w http.ResponseWriter, r *http.Request, status int, errs map[string]string) {
	ctx := r.Context()
	q := r.URL.Query()
	f := audit.Filter{Actor: q.Get("actor"), Action: q.Get("action"), Entity: q.Get("entity"),
		EntityID: q.Get("entity_id"), Limit: auditPageSize}
	f.Before, _ = strconv.ParseInt(q.Get("before"), 10, 64)
	if t, err := time.ParseInLocation("2006-01-02", q.Get("from"), s.location); err == nil {
		f.From = t
	}
	if t, err := time.ParseInLocation("2006-01-02", q.Get("to"), s.location); err == nil {
		f.To = t.AddDate(0, 0, 1)
	}
	entries, err := audit.List(ctx, s.db, f)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	view := auditView{Entries: entries, CanVerify: auth.Can(current(r).user, auth.PermAuditVerify)}
	if len(entries) == auditPageSize {
		view.Next = entries[len(entries)-1].Seq
	}
	if last, ok, err := auditcheck.Last(ctx, s.db); err != nil {
		s.serverError(w, r, err)
		return
	} else if ok {
		view.Last = &last
	}
	if view.Head, err = audit.Head(ctx, s.db); err != nil {
		s.serverError(w, r, err)
		return
	}
	p := s.newPage(r, "audit.title", "audit")
	p.Form = q
	if errs != nil {
		p.Errors = errs
		for k, v := range r.PostForm {
			p.Form[k] = v
		}
	}
	p.Data = view
	s.render(w, r, status, "audit", p)
}
