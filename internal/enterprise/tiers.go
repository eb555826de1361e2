package enterprise

import (
	"context"
	"errors"
	"strings"
	"time"

	"gaoxin/internal/audit"
	"gaoxin/internal/db"
	"gaoxin/internal/i18n"
)

// Grant gives a firm a tier from a day. Without an expiry a 高新技术企业
// certificate lasts three years from its grant; the other tiers stand
// until ended. A firm cannot hold the same tier twice at once.
func (s *Store) Grant(ctx context.Context, who audit.Actor, t Tier) (Tier, error) {
	err := s.db.Write(ctx, func(tx *db.Tx) error {
		var err error
		if t, err = s.grant(ctx, tx, who, t); err != nil {
			return err
		}
		return s.refresh(ctx, tx, who)
	})
	return t, err
}

func (s *Store) grant(ctx context.Context, tx *db.Tx, who audit.Actor, t Tier) (Tier, error) {
	t.GrantedOn, t.ExpiresOn = strings.TrimSpace(t.GrantedOn), strings.TrimSpace(t.ExpiresOn)
	t.Certificate, t.Note = strings.TrimSpace(t.Certificate), strings.TrimSpace(t.Note)
	t.EndedOn, t.EndReason = "", ""
	switch {
	case !t.Kind.Valid():
		return Tier{}, i18n.Invalid("tier", "enterprise.err.tier", string(t.Kind))
	case !isDate(t.GrantedOn):
		return Tier{}, i18n.Invalid("granted_on", "enterprise.err.date", t.GrantedOn)
	case t.GrantedOn > s.Today():
		return Tier{}, i18n.Invalid("granted_on", "enterprise.err.future", t.GrantedOn, s.Today())
	case t.ExpiresOn != "" && (!isDate(t.ExpiresOn) || t.ExpiresOn <= t.GrantedOn):
		return Tier{}, i18n.Invalid("expires_on", "enterprise.err.expiry", t.ExpiresOn, t.GrantedOn)
	}
	if t.ExpiresOn == "" && t.Kind.validYears() > 0 {
		granted, _ := time.Parse(dateLayout, t.GrantedOn)
		t.ExpiresOn = granted.AddDate(t.Kind.validYears(), 0, 0).Format(dateLayout)
	}
	list, err := tiersOf(ctx, tx, t.EnterpriseID)
	if err != nil {
		return Tier{}, err
	}
	for _, old := range list {
		if old.Kind == t.Kind && overlap(old, t) {
			return Tier{}, i18n.Invalid("granted_on", "enterprise.err.tier_held", old.GrantedOn)
		}
	}
	t.CreatedAt = s.now()
	t.ID, err = tx.Insert(ctx, `INSERT INTO enterprise_tiers (enterprise_id, tier, granted_on, expires_on, certificate, note, created_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7)`, t.EnterpriseID, string(t.Kind), t.GrantedOn, t.ExpiresOn, t.Certificate, t.Note, t.CreatedAt)
	if errors.Is(err, db.ErrConstraint) {
		return Tier{}, i18n.Invalid("", "enterprise.err.unknown")
	} else if err != nil {
		return Tier{}, err
	}
	return t, audit.Record(ctx, tx, who, "enterprise.tier_grant", "enterprise_tier", t.ID, nil, t)
}

// overlap reports whether a new grant would hold on some day an old one
// holds.
func overlap(old, t Tier) bool {
	oldEnd := earliest(old.ExpiresOn, old.EndedOn)
	return (oldEnd == "" || t.GrantedOn < oldEnd) && (t.ExpiresOn == "" || old.GrantedOn < t.ExpiresOn)
}

// earliest is the earlier of two end dates, "" meaning none.
func earliest(a, b string) string {
	switch {
	case a == "":
		return b
	case b == "" || a < b:
		return a
	}
	return b
}

// End ends a tier on a day (a certificate revoked, a firm leaving the
// pool), with its reason; the grant stays in the history.
func (s *Store) End(ctx context.Context, who audit.Actor, tierID int64, on, reason string) error {
	on, reason = strings.TrimSpace(on), strings.TrimSpace(reason)
	return s.db.Write(ctx, func(tx *db.Tx) error {
		before, err := scanTier(tx.QueryRow(ctx, "SELECT "+tierColumns+" FROM enterprise_tiers WHERE id = $1", tierID))
		if err != nil {
			return err
		}
		switch {
		case before.EndedOn != "":
			return i18n.Invalid("", "enterprise.err.tier_ended", before.EndedOn)
		case reason == "":
			return i18n.Invalid("reason", "enterprise.err.reason")
		case !isDate(on) || on <= before.GrantedOn:
			return i18n.Invalid("ended_on", "enterprise.err.end", on, before.GrantedOn)
		case on > s.Today():
			return i18n.Invalid("ended_on", "enterprise.err.future", on, s.Today())
		}
		after := before
		after.EndedOn, after.EndReason = on, reason
		if _, err := tx.Exec(ctx, "UPDATE enterprise_tiers SET ended_on = $1, end_reason = $2 WHERE id = $3", on, reason, tierID); err != nil {
			return err
		}
		if err := audit.Record(ctx, tx, who, "enterprise.tier_end", "enterprise_tier", tierID, before, after); err != nil {
			return err
		}
		return s.refresh(ctx, tx, who)
	})
}

const tierColumns = "id, enterprise_id, tier, granted_on, expires_on, certificate, note, ended_on, end_reason, created_at"

func scanTier(r interface{ Scan(...any) error }) (Tier, error) {
	var t Tier
	var kind string
	err := r.Scan(&t.ID, &t.EnterpriseID, &kind, &t.GrantedOn, &t.ExpiresOn, &t.Certificate, &t.Note, &t.EndedOn, &t.EndReason, &t.CreatedAt)
	t.Kind = Kind(kind)
	return t, err
}

func tiersOf(ctx context.Context, q db.Querier, id int64) ([]Tier, error) {
	rows, err := q.Query(ctx, "SELECT "+tierColumns+" FROM enterprise_tiers WHERE enterprise_id = $1 ORDER BY granted_on, id", id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Tier
	for rows.Next() {
		t, err := scanTier(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, t)
	}
	return out, rows.Err()
}

// Tiers is a firm's history of tiers, oldest first.
func (s *Store) Tiers(ctx context.Context, id int64) ([]Tier, error) { return tiersOf(ctx, s.db, id) }

func isDate(s string) bool {
	_, err := time.Parse(dateLayout, s)
	return err == nil
}
