package web

import (
	"net/http"
	"strconv"
	"time"

	"gaoxin/internal/audit"
)

type auditView struct {
	Entries []audit.Entry
	Next    int64 // seq to continue from, 0 when this is the last page
}

const auditPageSize = 100

func (s *Server) auditPage(w http.ResponseWriter, r *http.Request) {
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
	entries, err := audit.List(r.Context(), s.db, f)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	view := auditView{Entries: entries}
	if len(entries) == auditPageSize {
		view.Next = entries[len(entries)-1].Seq
	}
	p := s.newPage(r, "audit.title", "audit")
	p.Form = q
	p.Data = view
	s.render(w, r, http.StatusOK, "audit", p)
}
