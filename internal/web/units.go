package web

import (
	"errors"
	"net/http"
	"strconv"
	"time"

	"gaoxin/internal/auth"
	"gaoxin/internal/db"
	"gaoxin/internal/i18n"
	"gaoxin/internal/org"
	"gaoxin/internal/xlsx"
)

type unitsView struct {
	Units []org.Unit
	Kinds []org.Kind
}

func (s *Server) unitsPage(w http.ResponseWriter, r *http.Request) {
	p := s.newPage(r, "units.title", "units")
	units, err := s.units.Subtree(r.Context(), current(r).user.Unit)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	p.Data = unitsView{Units: units}
	s.render(w, r, http.StatusOK, "units", p)
}

// unitInScope loads the unit named in the path and checks the user may do
// perm to it; it writes the error page itself and returns false otherwise.
func (s *Server) unitInScope(w http.ResponseWriter, r *http.Request, perm auth.Permission) (org.Unit, bool) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		s.errorPage(w, r, http.StatusNotFound, "error.not_found")
		return org.Unit{}, false
	}
	u, err := s.units.Get(r.Context(), id)
	if errors.Is(err, db.ErrNotFound) {
		s.errorPage(w, r, http.StatusNotFound, "error.not_found")
		return u, false
	} else if err != nil {
		s.serverError(w, r, err)
		return u, false
	}
	if !auth.CanInUnit(current(r).user, perm, u) {
		s.errorPage(w, r, http.StatusForbidden, "error.forbidden")
		return u, false
	}
	return u, true
}

type unitView struct {
	Unit    org.Unit
	Parent  *org.Unit
	Kinds   []org.Kind
	Parents []org.Unit // where the unit may be moved: in scope, not beneath itself
	History []org.Change
}

func (s *Server) unitPage(w http.ResponseWriter, r *http.Request) {
	u, ok := s.unitInScope(w, r, auth.PermUnitsView)
	if !ok {
		return
	}
	p := s.newPage(r, "unit.title", "units")
	if err := s.loadUnit(r, p, u); err != nil {
		s.serverError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "unit", p)
}

func (s *Server) loadUnit(r *http.Request, p *page, u org.Unit) error {
	scope, err := s.units.Subtree(r.Context(), current(r).user.Unit)
	if err != nil {
		return err
	}
	view := unitView{Unit: u, Kinds: org.Kinds}
	for i, c := range scope {
		if c.ID == u.ParentID {
			view.Parent = &scope[i]
		}
		if !c.Within(u) && c.Active {
			view.Parents = append(view.Parents, c)
		}
	}
	view.History, err = s.units.History(r.Context(), u.ID)
	p.Data = view
	return err
}

func unitFields(r *http.Request) org.Fields {
	order, _ := strconv.Atoi(r.PostFormValue("order"))
	return org.Fields{Code: r.PostFormValue("code"), Name: r.PostFormValue("name"),
		Kind: org.Kind(r.PostFormValue("kind")), Class: r.PostFormValue("class"), Order: order}
}

func (s *Server) updateUnit(w http.ResponseWriter, r *http.Request) {
	u, ok := s.unitInScope(w, r, auth.PermUnitsManage)
	if !ok {
		return
	}
	v := current(r)
	if _, err := s.units.Update(r.Context(), v.user.Actor(v.address), u.ID, unitFields(r)); err != nil {
		s.refuseUnit(w, r, u, err)
		return
	}
	http.Redirect(w, r, "/units/"+itoa(u.ID)+"?done=unit_saved", http.StatusSeeOther)
}

func (s *Server) refuseUnit(w http.ResponseWriter, r *http.Request, u org.Unit, err error) {
	p := s.newPage(r, "unit.title", "units")
	if lerr := s.loadUnit(r, p, u); lerr != nil {
		s.serverError(w, r, lerr)
		return
	}
	s.refuse(w, r, "unit", p, err)
}

func (s *Server) moveUnit(w http.ResponseWriter, r *http.Request) {
	u, ok := s.unitInScope(w, r, auth.PermUnitsManage)
	if !ok {
		return
	}
	v := current(r)
	parentID, _ := strconv.ParseInt(r.PostFormValue("parent"), 10, 64)
	parent, err := s.units.Get(r.Context(), parentID)
	if err != nil || !parent.Within(v.user.Unit) {
		s.refuseUnit(w, r, u, i18n.Invalid("parent", "unit.err.parent_missing"))
		return
	}
	if _, err := s.units.Move(r.Context(), v.user.Actor(v.address), u.ID, parentID); err != nil {
		s.refuseUnit(w, r, u, err)
		return
	}
	http.Redirect(w, r, "/units/"+itoa(u.ID)+"?done=unit_moved", http.StatusSeeOther)
}

func (s *Server) setUnitActive(w http.ResponseWriter, r *http.Request) {
	u, ok := s.unitInScope(w, r, auth.PermUnitsManage)
	if !ok {
		return
	}
	v := current(r)
	active := r.PostFormValue("active") == "true"
	if _, err := s.units.SetActive(r.Context(), v.user.Actor(v.address), u.ID, active); err != nil {
		s.refuseUnit(w, r, u, err)
		return
	}
	http.Redirect(w, r, "/units/"+itoa(u.ID)+"?done=unit_saved", http.StatusSeeOther)
}

func (s *Server) newUnitPage(w http.ResponseWriter, r *http.Request) {
	p := s.newPage(r, "unit.new", "units")
	if err := s.loadNewUnit(r, p); err != nil {
		s.serverError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "unit_new", p)
}

func (s *Server) loadNewUnit(r *http.Request, p *page) error {
	scope, err := s.units.Subtree(r.Context(), current(r).user.Unit)
	var parents []org.Unit
	for _, u := range scope {
		if u.Active {
			parents = append(parents, u)
		}
	}
	p.Data = unitView{Kinds: org.Kinds, Parents: parents}
	return err
}

func (s *Server) createUnit(w http.ResponseWriter, r *http.Request) {
	v := current(r)
	p := s.newPage(r, "unit.new", "units")
	if err := s.loadNewUnit(r, p); err != nil {
		s.serverError(w, r, err)
		return
	}
	parentID, _ := strconv.ParseInt(r.PostFormValue("parent"), 10, 64)
	parent, err := s.units.Get(r.Context(), parentID)
	if err != nil || !parent.Within(v.user.Unit) {
		s.refuse(w, r, "unit_new", p, i18n.Invalid("parent", "unit.err.parent_missing"))
		return
	}
	u, err := s.units.Create(r.Context(), v.user.Actor(v.address), unitFields(r), parentID)
	if err != nil {
		s.refuse(w, r, "unit_new", p, err)
		return
	}
	http.Redirect(w, r, "/units/"+itoa(u.ID)+"?done=unit_created", http.StatusSeeOther)
}

func (s *Server) exportUnits(w http.ResponseWriter, r *http.Request) {
	v := current(r)
	units, err := s.units.Subtree(r.Context(), v.user.Unit)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	header, rows := org.ExportTable(units, v.lang)
	name := "units-" + time.Now().In(s.location).Format("20060102")
	if r.URL.Query().Get("format") == "csv" {
		w.Header().Set("Content-Type", "text/csv; charset=utf-8")
		w.Header().Set("Content-Disposition", `attachment; filename="`+name+`.csv"`)
		err = xlsx.WriteCSV(w, header, rows)
	} else {
		w.Header().Set("Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
		w.Header().Set("Content-Disposition", `attachment; filename="`+name+`.xlsx"`)
		err = xlsx.WriteXLSX(w, i18n.T(v.lang, "units.title"), header, rows)
	}
	if err != nil {
		s.log.Error("export units", "err", err)
	}
}

type importView struct {
	Result *org.ImportResult
	Dry    bool
}

func (s *Server) importUnitsPage(w http.ResponseWriter, r *http.Request) {
	p := s.newPage(r, "units.import", "units")
	p.Data = importView{}
	s.render(w, r, http.StatusOK, "units_import", p)
}

func (s *Server) importUnits(w http.ResponseWriter, r *http.Request) {
	v := current(r)
	if v.user.Unit.ParentID != 0 {
		// A file may touch any unit, so only someone scoped to a whole tree may import.
		s.errorPage(w, r, http.StatusForbidden, "error.forbidden")
		return
	}
	p := s.newPage(r, "units.import", "units")
	dry := r.PostFormValue("dry") == "1"
	p.Data = importView{Dry: dry}
	file, err := s.uploaded(r)
	if err != nil {
		s.refuse(w, r, "units_import", p, err)
		return
	}
	table, err := file.Table()
	if err != nil {
		s.refuse(w, r, "units_import", p, err) // the reader's refusal is in the user's language
		return
	}
	defer table.Close()
	res, err := s.units.Import(r.Context(), v.user.Actor(v.address), table, dry)
	if err != nil {
		s.refuse(w, r, "units_import", p, err)
		return
	}
	p.Data = importView{Result: &res, Dry: dry}
	s.render(w, r, http.StatusOK, "units_import", p)
}
