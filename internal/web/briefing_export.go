package web

import (
	"bytes"
	"fmt"
	"mime"
	"net/http"

	"gaoxin/internal/briefing"
	"gaoxin/internal/i18n"
)

// briefingDraftWorkbook downloads the month's briefing computed now.
func (s *Server) briefingDraftWorkbook(w http.ResponseWriter, r *http.Request) {
	year, month, ok := s.briefingMonth(w, r)
	if !ok {
		return
	}
	st := s.briefings()
	b, err := st.Build(r.Context(), year, month)
	if err != nil {
		s.briefingError(w, r, err)
		return
	}
	s.writeBriefing(w, r, b, briefing.Edition{AsOf: st.Today()})
}

// briefingVersionWorkbook downloads a published version from its snapshot.
func (s *Server) briefingVersionWorkbook(w http.ResponseWriter, r *http.Request) {
	year, month, ok := s.briefingMonth(w, r)
	if !ok {
		return
	}
	pub, b, ok := s.publishedBriefing(w, r, year, month)
	if !ok {
		return
	}
	s.writeBriefing(w, r, b, briefing.Edition{AsOf: pub.AsOf, Version: pub.Version,
		PublishedOn: pub.PublishedAt.In(s.location).Format("2006-01-02")})
}

// writeBriefing sends the workbook, named 2019-11-月度通报.xlsx (the draft)
// or 2019-11-月度通报-v2.xlsx, in the visitor's language.
func (s *Server) writeBriefing(w http.ResponseWriter, r *http.Request, b *briefing.Briefing, ed briefing.Edition) {
	lang := current(r).lang
	var buf bytes.Buffer
	if err := b.WriteXLSX(&buf, lang, ed); err != nil {
		s.serverError(w, r, err)
		return
	}
	name := fmt.Sprintf("%d-%02d-%s", b.Year, b.Month, i18n.T(lang, "briefing.file"))
	if ed.Version > 0 {
		name += fmt.Sprintf("-v%d", ed.Version)
	}
	w.Header().Set("Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
	w.Header().Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": name + ".xlsx"}))
	buf.WriteTo(w)
}
