package web

import (
	"net/http"
	"strconv"
	"strings"

	"gaoxin/internal/audit"
	"gaoxin/internal/auditcheck"
	"gaoxin/internal/auth"
	"gaoxin/internal/db"
	"gaoxin/internal/i18n"
	"gaoxin/internal/notify"
)

// AuditAlarm is the last verification when it failed and was not
// resolved, for the office (who may see the trail) on every page; nil
// otherwise. One indexed read of the latest row.
func (p *page) AuditAlarm() *auditcheck.Check {
	if p.User == nil || !auth.Can(p.User, auth.PermAuditView) {
		return nil
	}
	c, failing, err := auditcheck.Failing(p.ctx, p.server.db)
	if err != nil || !failing {
		return nil
	}
	return &c
}

// auditVerify runs a verification from the page; the result is kept and
// the audit page shows it.
func (s *Server) auditVerify(w http.ResponseWriter, r *http.Request) {
	u := current(r).user
	if _, err := auditcheck.Run(r.Context(), s.db, u.Login, nil); err != nil {
		s.serverError(w, r, err)
		return
	}
	http.Redirect(w, r, "/audit?done=audit_verified", http.StatusSeeOther)
}

// auditResolve marks the failed check resolved, with the reason, audited.
func (s *Server) auditResolve(w http.ResponseWriter, r *http.Request) {
	v := current(r)
	id, _ := strconv.ParseInt(r.PathValue("id"), 10, 64)
	reason := strings.TrimSpace(r.PostFormValue("reason"))
	if reason == "" {
		s.renderAudit(w, r, http.StatusUnprocessableEntity, map[string]string{"reason": i18n.T(current(r).lang, "audit.err.reason")})
		return
	}
	if err := auditcheck.Resolve(r.Context(), s.db, v.user.Actor(v.address), id, reason); err != nil {
		s.notFoundOr(w, r, err)
		return
	}
	http.Redirect(w, r, "/audit?done=audit_resolved", http.StatusSeeOther)
}

// auditSendAnchor sends the trail's head to the chat groups' webhooks
// that take anchors, so that a copy lives outside the database.
func (s *Server) auditSendAnchor(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	head, err := audit.Head(ctx, s.db)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	err = s.db.Write(ctx, func(tx *db.Tx) error {
		return notify.Enqueue(ctx, tx, notify.Message{Kind: notify.AuditAnchor, Users: []int64{current(r).user.ID},
			Title: i18n.M("notify.audit_anchor.title"), Body: i18n.M("notify.audit_anchor.body", head.String()), Link: "/audit"})
	})
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	http.Redirect(w, r, "/audit?done=audit_anchor_sent", http.StatusSeeOther)
}
