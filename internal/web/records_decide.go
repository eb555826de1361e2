package web

import (
	"net/http"

	"gaoxin/internal/assess"
	"gaoxin/internal/auth"
)

func (s *Server) approveRecord(w http.ResponseWriter, r *http.Request) {
	s.decideRecord(w, r, auth.PermAssessApprove, "record_approved", func(rs *assess.RecordStore, rec assess.Record) error {
		v := current(r)
		_, err := rs.Approve(r.Context(), v.user.Actor(v.address), rec.ID)
		return err
	})
}

func (s *Server) rejectRecord(w http.ResponseWriter, r *http.Request) {
	s.decideRecord(w, r, auth.PermAssessApprove, "record_rejected", func(rs *assess.RecordStore, rec assess.Record) error {
		v := current(r)
		_, err := rs.Reject(r.Context(), v.user.Actor(v.address), rec.ID, r.PostFormValue("reason"))
		return err
	})
}

func (s *Server) revokeRecord(w http.ResponseWriter, r *http.Request) {
	s.decideRecord(w, r, auth.PermAssessManage, "record_revoked", func(rs *assess.RecordStore, rec assess.Record) error {
		v := current(r)
		_, err := rs.Revoke(r.Context(), v.user.Actor(v.address), rec.ID, r.PostFormValue("reason"))
		return err
	})
}

// decideRecord checks the user may perm the record's unit, runs the
// decision and shows the record again, with the problem when refused (the
// same person approving what they entered, a record already decided).
func (s *Server) decideRecord(w http.ResponseWriter, r *http.Request, perm auth.Permission, done string,
	decide func(*assess.RecordStore, assess.Record) error) {
	rec, ok := s.recordFromPath(w, r)
	if !ok {
		return
	}
	if !auth.CanInUnit(current(r).user, perm, recordUnit(rec)) {
		s.errorPage(w, r, http.StatusForbidden, "error.forbidden")
		return
	}
	if err := decide(s.recordStore(), rec); err != nil {
		s.showRecord(w, r, rec, err)
		return
	}
	http.Redirect(w, r, recordPath(rec)+"?done="+done, http.StatusSeeOther)
}
