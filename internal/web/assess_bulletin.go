package web

import (
	"bytes"
	"mime"
	"net/http"
	"strconv"

	"gaoxin/internal/assess"
)

// bulletin downloads a checkpoint's results as a 通报 workbook: the
// published results (or, for the office asking for them, those computed
// now), every class the checkpoint scores or the one asked for.
func (s *Server) bulletin(w http.ResponseWriter, r *http.Request) {
	year, period, ok := pathPeriod(w, r, s)
	if !ok {
		return
	}
	p := s.newPage(r, "assess.results_title", "assess")
	classes, _, err := s.loadResults(r.Context(), r, year, period, sourceOf(r))
	if err != nil {
		s.assessError(w, r, p, err)
		return
	}
	if len(classes) == 0 {
		s.errorPage(w, r, http.StatusNotFound, "assess.nothing_published")
		return
	}
	b := assess.Bulletin{Year: year, Period: period, Lang: current(r).lang}
	if roots, err := s.units.All(r.Context()); err == nil && len(roots) > 0 {
		b.Zone = roots[0].Name // the tree's root comes first
	}
	for _, c := range classes {
		b.Results = append(b.Results, c.Result)
	}
	var buf bytes.Buffer
	if err := b.WriteXLSX(&buf); err != nil {
		s.serverError(w, r, err)
		return
	}
	name := strconv.Itoa(year) + "-" + period + "-" + p.T("bulletin.file") + ".xlsx"
	w.Header().Set("Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
	w.Header().Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": name}))
	buf.WriteTo(w)
}
