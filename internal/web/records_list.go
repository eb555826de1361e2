package web

import (
	"errors"
	"net/http"
	"strconv"
	"strings"

	"gaoxin/internal/assess"
	"gaoxin/internal/auth"
	"gaoxin/internal/db"
	"gaoxin/internal/i18n"
	"gaoxin/internal/org"
)

type recordsView struct {
	Year         int
	Records      []assess.Record
	Kind         string // the filters as chosen
	Status       string
	Unit         int64
	Units        []org.Unit // assessed units in scope, for the filter and the form
	Kinds        []assess.RecordKind
	Statuses     []assess.RecordStatus
	Levels       []string
	Vetoes       []string
	CanEnter     bool // the form to add a record is shown
	AnyKind      bool // the office's form; a unit's proposes honours only
	OnlyApproved bool // the user sees approved records only
}

func (s *Server) recordsPage(w http.ResponseWriter, r *http.Request) {
	year, ok := s.recordsYear(w, r)
	if !ok {
		return
	}
	p := s.newPage(r, "records.title", "assess")
	view, err := s.recordsData(r, year)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	p.Data = view
	s.render(w, r, http.StatusOK, "records", p)
}

func (s *Server) recordsData(r *http.Request, year int) (recordsView, error) {
	u := current(r).user
	q := r.URL.Query()
	v := recordsView{Year: year, Kind: q.Get("kind"), Status: q.Get("status"), Kinds: assess.RecordKinds,
		Statuses: assess.RecordStatuses, Levels: assess.HonourLevels, Vetoes: assess.VetoKinds}
	v.Unit, _ = strconv.ParseInt(q.Get("unit"), 10, 64)
	v.OnlyApproved = !seesAllRecords(u) && !auth.Can(u, auth.PermAssessClaim)
	v.AnyKind = auth.Can(u, auth.PermAssessManage)
	v.CanEnter = v.AnyKind || auth.Can(u, auth.PermAssessClaim)
	var err error
	if v.Units, err = s.assessedUnits(r, u); err != nil {
		return v, err
	}
	f := assess.RecordFilter{Year: year, Kind: assess.RecordKind(v.Kind), UnitID: v.Unit, Scope: u.Unit.Path}
	if v.Status != "" {
		f.Statuses = []assess.RecordStatus{assess.RecordStatus(v.Status)}
	}
	if v.OnlyApproved {
		if v.Status != "" && v.Status != string(assess.RecordApproved) {
			return v, nil
		}
		f.Statuses = []assess.RecordStatus{assess.RecordApproved}
	}
	v.Records, err = s.recordStore().List(r.Context(), f)
	return v, err
}

// assessedUnits are the active units in the user's scope that belong to
// an assessment class.
func (s *Server) assessedUnits(r *http.Request, u *auth.User) ([]org.Unit, error) {
	all, err := s.units.Subtree(r.Context(), u.Unit)
	if err != nil {
		return nil, err
	}
	var list []org.Unit
	for _, x := range all {
		if x.Active && x.Class != "" {
			list = append(list, x)
		}
	}
	return list, nil
}

// recordInput reads the record form.
func recordInput(r *http.Request) assess.RecordInput {
	unit, _ := strconv.ParseInt(r.PostFormValue("unit"), 10, 64)
	return assess.RecordInput{UnitID: unit, Kind: assess.RecordKind(strings.TrimSpace(r.PostFormValue("kind"))),
		Level: r.PostFormValue("level"), Veto: r.PostFormValue("veto"), Name: r.PostFormValue("name"),
		Type: r.PostFormValue("type"), Points: r.PostFormValue("points"), Item: r.PostFormValue("item"),
		EventOn: r.PostFormValue("event_on"), Description: r.PostFormValue("description")}
}

// createRecord enters a record: the office any kind for any unit in scope,
// a unit an honour of its own.
func (s *Server) createRecord(w http.ResponseWriter, r *http.Request) {
	year, ok := s.recordsYear(w, r)
	if !ok {
		return
	}
	v := current(r)
	in := recordInput(r)
	unit, err := s.units.Get(r.Context(), in.UnitID)
	if errors.Is(err, db.ErrNotFound) || in.UnitID == 0 {
		s.refuseRecords(w, r, year, i18n.Invalid("unit", "record.err.unit"))
		return
	} else if err != nil {
		s.serverError(w, r, err)
		return
	}
	if !canEnterRecord(v.user, in.Kind, unit) {
		s.errorPage(w, r, http.StatusForbidden, "error.forbidden")
		return
	}
	rec, err := s.recordStore().Create(r.Context(), v.user.Actor(v.address), year, in)
	if err != nil {
		s.refuseRecords(w, r, year, err)
		return
	}
	http.Redirect(w, r, recordPath(rec)+"?done=record_created", http.StatusSeeOther)
}

func (s *Server) refuseRecords(w http.ResponseWriter, r *http.Request, year int, err error) {
	p := s.newPage(r, "records.title", "assess")
	view, lerr := s.recordsData(r, year)
	if lerr != nil {
		s.serverError(w, r, lerr)
		return
	}
	p.Data = view
	s.refuse(w, r, "records", p, err)
}

func recordPath(rec assess.Record) string {
	return "/assess/" + strconv.Itoa(rec.Year) + "/records/" + itoa(rec.ID)
}
