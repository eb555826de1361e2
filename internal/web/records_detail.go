package web

import (
	"errors"
	"io"
	"mime"
	"net/http"
	"strconv"
	"strings"

	"gaoxin/internal/assess"
	"gaoxin/internal/auth"
	"gaoxin/internal/db"
	"gaoxin/internal/i18n"
	"gaoxin/internal/org"
)

type recordView struct {
	Record    assess.Record
	Evidence  []assess.Evidence
	Base      string
	CanEdit   bool
	CanDecide bool
	CanRevoke bool
	Own       bool       // an approver looking at what they entered or changed
	CountsIn  string     // the first checkpoint the record counts in: Q1, H1, Q3 or Y
	AnyKind   bool       // the edit form offers every kind
	Units     []org.Unit // for the edit form
	Kinds     []assess.RecordKind
	Levels    []string
	Vetoes    []string
}

// recordFromPath loads the record of the path, which must belong to the
// path's year and be visible to the user; it answers itself otherwise.
func (s *Server) recordFromPath(w http.ResponseWriter, r *http.Request) (assess.Record, bool) {
	year, ok := s.recordsYear(w, r)
	if !ok {
		return assess.Record{}, false
	}
	id, _ := strconv.ParseInt(r.PathValue("id"), 10, 64)
	rec, err := s.recordStore().Get(r.Context(), id)
	if errors.Is(err, db.ErrNotFound) || (err == nil && rec.Year != year) {
		s.errorPage(w, r, http.StatusNotFound, "error.not_found")
		return rec, false
	} else if err != nil {
		s.serverError(w, r, err)
		return rec, false
	}
	if !canSeeRecord(current(r).user, rec) {
		s.errorPage(w, r, http.StatusForbidden, "error.forbidden")
		return rec, false
	}
	return rec, true
}

func (s *Server) recordData(r *http.Request, rec assess.Record) (recordView, error) {
	u := current(r).user
	v := recordView{Record: rec, Base: recordPath(rec), CanEdit: canEditRecord(u, rec), CanDecide: canDecideRecord(u, rec),
		CanRevoke: canRevokeRecord(u, rec), AnyKind: canEnterRecord(u, assess.RecordVeto, recordUnit(rec)),
		Kinds: assess.RecordKinds, Levels: assess.HonourLevels, Vetoes: assess.VetoKinds, CountsIn: firstCheckpoint(rec.EventOn)}
	v.Own = !rec.Decided() && auth.Can(u, auth.PermAssessApprove) && !v.CanDecide
	var err error
	if v.Evidence, err = s.recordStore().Evidence(r.Context(), rec.ID); err != nil {
		return v, err
	}
	if v.CanEdit {
		v.Units, err = s.assessedUnits(r, u)
	}
	return v, err
}

// firstCheckpoint is the first checkpoint whose end is on or after a
// record's date (YYYY-MM-DD): from there on it counts.
func firstCheckpoint(date string) string {
	md := date[min(5, len(date)):]
	switch {
	case md <= "03-31":
		return "Q1"
	case md <= "06-30":
		return "H1"
	case md <= "09-30":
		return "Q3"
	}
	return "Y"
}

func (s *Server) recordPage(w http.ResponseWriter, r *http.Request) {
	rec, ok := s.recordFromPath(w, r)
	if !ok {
		return
	}
	s.showRecord(w, r, rec, nil)
}

// showRecord renders the record's page, refusing a form with err when set.
func (s *Server) showRecord(w http.ResponseWriter, r *http.Request, rec assess.Record, err error) {
	p := s.newPage(r, "record.title", "assess")
	view, lerr := s.recordData(r, rec)
	if lerr != nil {
		s.serverError(w, r, lerr)
		return
	}
	p.Data = view
	if err != nil {
		s.refuse(w, r, "records_detail", p, err)
		return
	}
	s.render(w, r, http.StatusOK, "records_detail", p)
}

// updateRecord changes a pending record; the unit moved to must be one the
// user may enter records for too.
func (s *Server) updateRecord(w http.ResponseWriter, r *http.Request) {
	rec, ok := s.recordFromPath(w, r)
	if !ok {
		return
	}
	v := current(r)
	in := recordInput(r)
	unit, err := s.units.Get(r.Context(), in.UnitID)
	if !canEditRecord(v.user, rec) || (err == nil && !canEnterRecord(v.user, in.Kind, unit)) {
		s.errorPage(w, r, http.StatusForbidden, "error.forbidden")
		return
	}
	if err != nil && !errors.Is(err, db.ErrNotFound) {
		s.serverError(w, r, err)
		return
	}
	if _, err := s.recordStore().Update(r.Context(), v.user.Actor(v.address), rec.ID, in); err != nil {
		s.showRecord(w, r, rec, err)
		return
	}
	http.Redirect(w, r, recordPath(rec)+"?done=record_saved", http.StatusSeeOther)
}

func (s *Server) attachRecordEvidence(w http.ResponseWriter, r *http.Request) {
	rec, ok := s.recordFromPath(w, r)
	if !ok {
		return
	}
	v := current(r)
	if !canEditRecord(v.user, rec) {
		s.errorPage(w, r, http.StatusForbidden, "error.forbidden")
		return
	}
	file, header, err := r.FormFile("file")
	if err != nil {
		s.showRecord(w, r, rec, i18n.Invalid("file", "record.err.no_file"))
		return
	}
	defer file.Close()
	data, err := io.ReadAll(io.LimitReader(file, assess.MaxEvidence+1))
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	if _, err := s.recordStore().Attach(r.Context(), v.user.Actor(v.address), rec.ID, header.Filename, data); err != nil {
		s.showRecord(w, r, rec, err)
		return
	}
	http.Redirect(w, r, recordPath(rec)+"?done=record_attached", http.StatusSeeOther)
}

// recordEvidence downloads a file to those who may see its record. It is
// always a download, never shown inline: the file is someone's upload.
func (s *Server) recordEvidence(w http.ResponseWriter, r *http.Request) {
	rec, ok := s.recordFromPath(w, r)
	if !ok {
		return
	}
	id, _ := strconv.ParseInt(r.PathValue("file"), 10, 64)
	e, data, err := s.recordStore().EvidenceData(r.Context(), rec.ID, id)
	if errors.Is(err, db.ErrNotFound) {
		s.errorPage(w, r, http.StatusNotFound, "error.not_found")
		return
	} else if err != nil {
		s.serverError(w, r, err)
		return
	}
	w.Header().Set("Content-Type", e.ContentType)
	w.Header().Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": strings.ReplaceAll(e.Filename, "\"", "")}))
	w.Write(data)
}
