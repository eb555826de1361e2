package web

import (
	"net/http"
	"strconv"

	"gaoxin/internal/assess"
	"gaoxin/internal/auth"
	"gaoxin/internal/org"
)

// Who sees and does what with records. The office and the approvers see
// every record of the units in their scope; a unit (PermAssessClaim) sees
// its own records, whatever their status, and proposes its own honours;
// anyone else sees approved records of the units in scope.

func recordUnit(rec assess.Record) org.Unit {
	return org.Unit{ID: rec.UnitID, Code: rec.UnitCode, Name: rec.UnitName, Path: rec.UnitPath}
}

func seesAllRecords(u *auth.User) bool {
	return auth.Can(u, auth.PermAssessManage) || auth.Can(u, auth.PermAssessApprove)
}

func canSeeRecord(u *auth.User, rec assess.Record) bool {
	unit := recordUnit(rec)
	switch {
	case seesAllRecords(u):
		return unit.Within(u.Unit)
	case auth.Can(u, auth.PermAssessClaim):
		return auth.CanInUnit(u, auth.PermAssessClaim, unit)
	}
	return rec.Status == assess.RecordApproved && auth.CanInUnit(u, auth.PermAssessView, unit)
}

// canEnterRecord says whether u may enter a record of kind for unit: the
// office any kind, a unit only an honour of its own.
func canEnterRecord(u *auth.User, kind assess.RecordKind, unit org.Unit) bool {
	if auth.CanInUnit(u, auth.PermAssessManage, unit) {
		return true
	}
	return kind == assess.RecordBonus && auth.CanInUnit(u, auth.PermAssessClaim, unit)
}

// canEditRecord covers changing a pending record and filing its evidence.
func canEditRecord(u *auth.User, rec assess.Record) bool {
	return !rec.Decided() && canEnterRecord(u, rec.Kind, recordUnit(rec))
}

// canDecideRecord shows the approval buttons to an approver who neither
// entered nor last changed the record; the store enforces the same.
func canDecideRecord(u *auth.User, rec assess.Record) bool {
	return !rec.Decided() && auth.CanInUnit(u, auth.PermAssessApprove, recordUnit(rec)) &&
		u.ID != rec.CreatedBy && u.ID != rec.UpdatedBy
}

func canRevokeRecord(u *auth.User, rec assess.Record) bool {
	return rec.Status == assess.RecordApproved && auth.CanInUnit(u, auth.PermAssessManage, recordUnit(rec))
}

// pathYear reads the assessment year of the path; a year that cannot be
// one is answered with "not found".
func (s *Server) recordsYear(w http.ResponseWriter, r *http.Request) (int, bool) {
	year, err := strconv.Atoi(r.PathValue("year"))
	if err != nil || year < 2000 || year > 2100 {
		s.errorPage(w, r, http.StatusNotFound, "error.not_found")
		return 0, false
	}
	return year, true
}

// recordStore is the record store on gaoxin's clock.
func (s *Server) recordStore() *assess.RecordStore {
	rs := assess.NewRecordStore(s.db)
	rs.SetClock(s.reports.Now)
	return rs
}

// ratingStore is the rating store on gaoxin's clock.
func (s *Server) ratingStore() *assess.RatingStore {
	rs := assess.NewRatingStore(s.db)
	rs.SetClock(s.reports.Now)
	return rs
}
