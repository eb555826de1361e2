package web

import (
	"bytes"
	"net/http"
	"strconv"

	"gaoxin/internal/auth"
	"gaoxin/internal/gridfile"
	"gaoxin/internal/i18n"
)

// gridWorkbook downloads the grid as an Excel form to fill in offline.
func (s *Server) gridWorkbook(w http.ResponseWriter, r *http.Request) {
	g, ok := s.gridFromPath(w, r)
	if !ok {
		return
	}
	var buf bytes.Buffer
	if err := gridfile.Write(&buf, g, current(r).lang); err != nil {
		s.serverError(w, r, err)
		return
	}
	name := g.Unit.Code + "-" + strconv.Itoa(g.Plan.Year) + "-" + strconv.Itoa(g.Period.Month) + ".xlsx"
	w.Header().Set("Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
	w.Header().Set("Content-Disposition", `attachment; filename="`+name+`"`)
	buf.WriteTo(w)
}

// uploadGrid reads a filled form back into the grid as a draft.
func (s *Server) uploadGrid(w http.ResponseWriter, r *http.Request) {
	g, ok := s.gridFromPath(w, r)
	if !ok {
		return
	}
	v := current(r)
	if !auth.CanInUnit(v.user, auth.PermReport, g.Unit) {
		s.errorPage(w, r, http.StatusForbidden, "error.forbidden")
		return
	}
	file, header, err := r.FormFile("file")
	if err != nil {
		s.refuseGrid(w, r, g, i18n.Invalid("file", "import.no_file"))
		return
	}
	defer file.Close()
	entries, err := gridfile.Read(header.Filename, file, g)
	if err == nil {
		err = s.reports.SaveDraft(r.Context(), v.user.Actor(v.address), g.Period, entries)
	}
	if err != nil {
		s.refuseGrid(w, r, g, err)
		return
	}
	http.Redirect(w, r, gridPath(g)+"?done=grid_uploaded", http.StatusSeeOther)
}
