package web

import (
	"errors"
	"io"
	"mime"
	"net/http"
	"strconv"
	"strings"

	"gaoxin/internal/auth"
	"gaoxin/internal/dashboard"
	"gaoxin/internal/db"
	"gaoxin/internal/i18n"
	"gaoxin/internal/quantity"
	"gaoxin/internal/report"
)

type figureView struct {
	Grid        *dashboard.Grid
	Row         dashboard.GridRow
	Versions    []report.Version
	Attachments []report.Attachment
	CanAttach   bool
	CanCorrect  bool
	Base        string // the figure page
	GridBase    string // the grid it belongs to
}

// figureRow finds the grid row of the assignment in the path.
func (s *Server) figureRow(w http.ResponseWriter, r *http.Request) (*dashboard.Grid, dashboard.GridRow, bool) {
	g, ok := s.gridFromPath(w, r)
	if !ok {
		return nil, dashboard.GridRow{}, false
	}
	id, _ := strconv.ParseInt(r.PathValue("assignment"), 10, 64)
	for _, row := range g.Rows {
		if row.AssignmentID == id {
			return g, row, true
		}
	}
	s.errorPage(w, r, http.StatusNotFound, "error.not_found")
	return nil, dashboard.GridRow{}, false
}

func (s *Server) loadFigure(r *http.Request, g *dashboard.Grid, row dashboard.GridRow) (figureView, error) {
	u := current(r).user
	v := figureView{Grid: g, Row: row, Base: gridPath(g) + "/figures/" + itoa(row.AssignmentID), GridBase: gridPath(g)}
	if row.Figure == nil {
		return v, nil
	}
	var err error
	if v.Versions, err = s.reports.Versions(r.Context(), row.Figure.ID); err != nil {
		return v, err
	}
	if v.Attachments, err = s.reports.Attachments(r.Context(), row.Figure.ID); err != nil {
		return v, err
	}
	approved := row.Figure.Status == report.Approved
	v.CanAttach = (!approved && auth.CanInUnit(u, auth.PermReport, g.Unit)) || auth.CanInUnit(u, auth.PermReview, g.Unit)
	v.CanCorrect = approved && auth.CanInUnit(u, auth.PermReview, g.Unit) && !g.Period.Locked
	return v, nil
}

func (s *Server) figurePage(w http.ResponseWriter, r *http.Request) {
	g, row, ok := s.figureRow(w, r)
	if !ok {
		return
	}
	p := s.newPage(r, "figure.title", "report")
	view, err := s.loadFigure(r, g, row)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	p.Data = view
	s.render(w, r, http.StatusOK, "figure", p)
}

// refuseFigure shows the figure page again with the problem.
func (s *Server) refuseFigure(w http.ResponseWriter, r *http.Request, g *dashboard.Grid, row dashboard.GridRow, err error) {
	p := s.newPage(r, "figure.title", "report")
	view, lerr := s.loadFigure(r, g, row)
	if lerr != nil {
		s.serverError(w, r, lerr)
		return
	}
	p.Data = view
	s.refuse(w, r, "figure", p, err)
}

func (s *Server) attachEvidence(w http.ResponseWriter, r *http.Request) {
	g, row, ok := s.figureRow(w, r)
	if !ok {
		return
	}
	view, err := s.loadFigure(r, g, row)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	if !view.CanAttach || row.Figure == nil {
		s.errorPage(w, r, http.StatusForbidden, "error.forbidden")
		return
	}
	file, header, err := r.FormFile("file")
	if err != nil {
		s.refuseFigure(w, r, g, row, i18n.Invalid("file", "import.no_file"))
		return
	}
	defer file.Close()
	data, err := io.ReadAll(io.LimitReader(file, report.MaxAttachment+1))
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	v := current(r)
	if _, err := s.reports.Attach(r.Context(), v.user.Actor(v.address), row.Figure.ID, header.Filename, data); err != nil {
		s.refuseFigure(w, r, g, row, err)
		return
	}
	http.Redirect(w, r, view.Base+"?done=attached", http.StatusSeeOther)
}

func (s *Server) correctFigure(w http.ResponseWriter, r *http.Request) {
	g, row, ok := s.figureRow(w, r)
	if !ok {
		return
	}
	view, err := s.loadFigure(r, g, row)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	if !view.CanCorrect {
		s.errorPage(w, r, http.StatusForbidden, "error.forbidden")
		return
	}
	value, verr := quantity.Parse(r.PostFormValue("value"), row.Indicator.UOM)
	if verr != nil {
		s.refuseFigure(w, r, g, row, verr)
		return
	}
	v := current(r)
	err = s.reports.Correct(r.Context(), v.user.Actor(v.address), g.Period, row.AssignmentID, &value,
		r.PostFormValue("explanation"), r.PostFormValue("reason"))
	if err != nil {
		s.refuseFigure(w, r, g, row, err)
		return
	}
	http.Redirect(w, r, view.Base+"?done=corrected", http.StatusSeeOther)
}

// attachment downloads evidence to those who may see its unit's figures.
func (s *Server) attachment(w http.ResponseWriter, r *http.Request) {
	id, _ := strconv.ParseInt(r.PathValue("id"), 10, 64)
	a, data, err := s.reports.AttachmentData(r.Context(), id)
	if errors.Is(err, db.ErrNotFound) {
		s.errorPage(w, r, http.StatusNotFound, "error.not_found")
		return
	} else if err != nil {
		s.serverError(w, r, err)
		return
	}
	unit, err := s.reports.FigureUnit(r.Context(), a.FigureID)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	u, err := s.units.Get(r.Context(), unit)
	if err != nil || !auth.CanInUnit(current(r).user, auth.PermPlanView, u) {
		s.errorPage(w, r, http.StatusForbidden, "error.forbidden")
		return
	}
	// Always a download, never shown inline: the file is someone's upload.
	w.Header().Set("Content-Type", a.ContentType)
	w.Header().Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": strings.ReplaceAll(a.Filename, "\"", "")}))
	w.Write(data)
}
