package web

import (
	"net/http"
	"strconv"

	"gaoxin/internal/auth"
	"gaoxin/internal/project"
)

// importView is the import page, with what the last import did.
type projectImportView struct {
	Year    int
	Summary *project.ImportSummary
}

func (s *Server) projectImportPage(w http.ResponseWriter, r *http.Request) {
	year, ok := s.projectYear(w, r)
	if !ok {
		return
	}
	p := s.newPage(r, "projects.import_title", "projects")
	p.Data = projectImportView{Year: year}
	s.render(w, r, http.StatusOK, "project_import", p)
}

// importProjects reads a file of projects, their year plans and nodes:
// all or nothing, every problem listed by row and column.
func (s *Server) importProjects(w http.ResponseWriter, r *http.Request) {
	year, ok := s.projectYear(w, r)
	if !ok {
		return
	}
	v := current(r)
	p := s.newPage(r, "projects.import_title", "projects")
	p.Data = projectImportView{Year: year}
	file, err := s.uploaded(r)
	if err != nil {
		s.refuse(w, r, "project_import", p, err)
		return
	}
	sum, err := s.projects().Import(r.Context(), v.user.Actor(v.address), year, file)
	if err != nil {
		s.refuse(w, r, "project_import", p, err)
		return
	}
	p.Data = projectImportView{Year: year, Summary: &sum}
	s.render(w, r, http.StatusOK, "project_import", p)
}

// projectReportWorkbook downloads the unit's month as an Excel form to
// fill in offline.
func (s *Server) projectReportWorkbook(w http.ResponseWriter, r *http.Request) {
	f, ok := s.projectReportFromPath(w, r)
	if !ok {
		return
	}
	body, err := s.projects().ReportWorkbook(r.Context(), f.Year, f.Month, f.Unit.ID, current(r).lang)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	name := f.Unit.Code + "-projects-" + strconv.Itoa(f.Year) + "-" + strconv.Itoa(f.Month) + ".xlsx"
	w.Header().Set("Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
	w.Header().Set("Content-Disposition", `attachment; filename="`+name+`"`)
	w.Write(body)
}

// uploadProjectReport reads a filled form back into the month as drafts,
// all or nothing.
func (s *Server) uploadProjectReport(w http.ResponseWriter, r *http.Request) {
	f, ok := s.projectReportFromPath(w, r)
	if !ok {
		return
	}
	v := current(r)
	if !auth.CanInUnit(v.user, auth.PermReport, f.Unit) {
		s.errorPage(w, r, http.StatusForbidden, "error.forbidden")
		return
	}
	name, body, err := s.uploadedBytes(r)
	if err != nil {
		s.refuseProjectReport(w, r, f, err)
		return
	}
	st := s.projects()
	entries, err := st.ReadReportWorkbook(r.Context(), f.Year, f.Month, f.Unit.ID, name, body)
	if err == nil {
		err = st.SaveDrafts(r.Context(), v.user.Actor(v.address), f.Period, unitEntries(f, entries))
	}
	if err != nil {
		s.refuseProjectReport(w, r, f, err)
		return
	}
	http.Redirect(w, r, f.Base+"?done=project_report_uploaded", http.StatusSeeOther)
}

// unitEntries keeps the entries of the unit's own projects.
func unitEntries(f *reportForm, entries []project.Entry) []project.Entry {
	mine := map[int64]bool{}
	for _, id := range f.due() {
		mine[id] = true
	}
	var out []project.Entry
	for _, e := range entries {
		if mine[e.ProjectID] {
			out = append(out, e)
		}
	}
	return out
}
