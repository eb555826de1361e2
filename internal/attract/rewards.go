package attract

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"gaoxin/internal/audit"
	"gaoxin/internal/db"
	"gaoxin/internal/i18n"
)

// Payee is who a reward goes to: the person who works a lead, its owner
// unit, or the partner agency that brought it.
type Payee struct {
	Kind   string // PayPerson, PayUnit or PayAgency
	UnitID int64  // the owner unit (of the person, for a person)
	UserID int64  // for a person with an account
	Name   string // the person's or agency's name; "" for a unit
}

// key identifies the payee a cap applies to: a person with an account is
// that account, whichever unit owns the leads it works.
func (p Payee) key() string {
	if p.Kind == PayPerson && p.UserID != 0 {
		return p.Kind + "|user|" + strconv.FormatInt(p.UserID, 10)
	}
	return p.Kind + "|" + strconv.FormatInt(p.UnitID, 10) + "|" + strconv.FormatInt(p.UserID, 10) + "|" + p.Name
}

// Award is what one rule gives for one lead, and why.
type Award struct {
	Lead      Lead
	Rule      Rule
	Payee     Payee
	ReachedOn string   // the day the lead reached the rule's stage
	Basis     float64  // the investment the rule read, 万元
	Amount    float64  // after the rule's cap, 万元
	Explain   i18n.Msg // in both languages
}

// PayeeReward is one payee's awards, their sum and what is paid after the
// policy's cap for that kind of payee.
type PayeeReward struct {
	Payee  Payee
	Awards []Award
	Sum    float64
	Paid   float64
	Capped bool
}

// Rewards is a policy applied to the leads: every payee's reward.
type Rewards struct {
	Policy *Policy
	Payees []PayeeReward // largest paid first
	Total  float64       // paid in all
}

// SavePolicy stores a year's policy file after checking it through.
func (s *Store) SavePolicy(ctx context.Context, who audit.Actor, name string, body []byte) (*Policy, error) {
	p, err := ParsePolicy(name, body)
	if err != nil {
		return nil, err
	}
	return p, s.db.Write(ctx, func(tx *db.Tx) error {
		if _, err := tx.Exec(ctx, "DELETE FROM reward_policies WHERE year = $1", p.Year); err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, `INSERT INTO reward_policies (year, name, body, uploaded_by, uploaded_at)
			VALUES ($1, $2, $3, $4, $5)`, p.Year, p.Name, string(body), who.Name, s.now()); err != nil {
			return err
		}
		return audit.Record(ctx, tx, who, "lead.policy", "reward_policy", p.Year, nil, map[string]any{"name": p.Name, "file": name, "body": string(body)})
	})
}

// PolicyOf is the stored policy of a year and its file; nil when the year
// has none.
func (s *Store) PolicyOf(ctx context.Context, year int) (*Policy, string, error) {
	var body string
	err := s.db.QueryRow(ctx, "SELECT body FROM reward_policies WHERE year = $1", year).Scan(&body)
	if errors.Is(err, db.ErrNotFound) {
		return nil, "", nil
	} else if err != nil {
		return nil, "", err
	}
	p, err := ParsePolicy(strconv.Itoa(year)+".yaml", []byte(body))
	return p, body, err
}

// Rewards applies a policy to every lead: a rule rewards a lead that
// stands at its stage or beyond and first reached that stage in the
// policy's year. Leads outside scope (a unit path, "" for all) are left
// out.
func (s *Store) Rewards(ctx context.Context, p *Policy, scope string) (Rewards, error) {
	leads, err := s.List(ctx, Filter{Scope: scope})
	if err != nil {
		return Rewards{}, err
	}
	reached, err := s.reachedDays(ctx)
	if err != nil {
		return Rewards{}, err
	}
	return computeRewards(p, leads, reached), nil
}

// reachedDays is, for every lead, the first day it reached each stage.
func (s *Store) reachedDays(ctx context.Context) (map[int64]map[Stage]string, error) {
	out := map[int64]map[Stage]string{}
	rows, err := s.db.Query(ctx, "SELECT lead_id, to_stage, moved_on FROM lead_moves ORDER BY moved_on, id")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var to Stage
		var on string
		if err := rows.Scan(&id, &to, &on); err != nil {
			return nil, err
		}
		if out[id] == nil {
			out[id] = map[Stage]string{}
		}
		for _, st := range Stages[:to.Index()+1] {
			if _, ok := out[id][st]; !ok {
				out[id][st] = on
			}
		}
	}
	return out, rows.Err()
}

func computeRewards(p *Policy, leads []Lead, reached map[int64]map[Stage]string) Rewards {
	year := strconv.Itoa(p.Year)
	byPayee := map[string]*PayeeReward{}
	var order []string
	for _, l := range leads {
		for _, r := range p.Rules {
			if !r.selects(l) {
				continue
			}
			on := reached[l.ID][r.Stage]
			if r.Stage == Clue {
				on = l.ReceivedOn
			}
			if on == "" || !strings.HasPrefix(on, year) {
				continue
			}
			payee, ok := r.payee(l)
			if !ok {
				continue
			}
			a := r.award(l, on)
			a.Payee = payee
			if a.Amount <= 0 {
				continue
			}
			k := payee.key()
			if byPayee[k] == nil {
				byPayee[k] = &PayeeReward{Payee: payee}
				order = append(order, k)
			}
			byPayee[k].Awards = append(byPayee[k].Awards, a)
			byPayee[k].Sum += a.Amount
		}
	}
	out := Rewards{Policy: p}
	for _, k := range order {
		pr := byPayee[k]
		pr.Paid = pr.Sum
		if c, ok := p.Caps[pr.Payee.Kind]; ok && pr.Sum > c {
			pr.Paid, pr.Capped = c, true
		}
		out.Total += pr.Paid
		out.Payees = append(out.Payees, *pr)
	}
	slices.SortStableFunc(out.Payees, func(a, b PayeeReward) int {
		switch {
		case a.Paid > b.Paid:
			return -1
		case a.Paid < b.Paid:
			return 1
		}
		return strings.Compare(a.Payee.key(), b.Payee.key())
	})
	return out
}

func (r Rule) selects(l Lead) bool {
	if len(r.Kinds) > 0 && !slices.Contains(r.Kinds, l.Kind) || len(r.Channels) > 0 && !slices.Contains(r.Channels, l.Channel) {
		return false
	}
	if len(r.Flags) > 0 && !slices.ContainsFunc(r.Flags, l.Has) {
		return false
	}
	return l.Stage.Reached(r.Stage)
}

func (r Rule) payee(l Lead) (Payee, bool) {
	switch r.Payee {
	case PayUnit:
		return Payee{Kind: PayUnit, UnitID: l.OwnerUnitID}, true
	case PayAgency:
		return Payee{Kind: PayAgency, Name: l.Agency}, l.Agency != ""
	}
	return Payee{Kind: PayPerson, UnitID: l.OwnerUnitID, UserID: l.OwnerUserID, Name: l.OwnerName}, l.OwnerName != "" || l.OwnerUserID != 0
}

// award computes one rule for one lead and says how, in both languages.
func (r Rule) award(l Lead, on string) Award {
	a := Award{Lead: l, Rule: r, ReachedOn: on}
	a.Basis = l.ArrivedInvestment
	basisZH, basisEN := "到资", "arrived"
	if r.Basis == "expected" {
		a.Basis, basisZH, basisEN = l.ExpectedInvestment, "预计投资", "expected investment"
	}
	stZH, stEN := i18n.T(i18n.ZH, "attract.stage."+string(r.Stage)), i18n.T(i18n.EN, "attract.stage."+string(r.Stage))
	var zh, en string
	switch {
	case r.Rate > 0:
		a.Amount = a.Basis * r.Rate / 100
		zh = fmt.Sprintf("%s %s 万元 × %s%%", basisZH, num(a.Basis), num(r.Rate))
		en = fmt.Sprintf("%s %s × %s%%", basisEN, num(a.Basis), num(r.Rate))
	case len(r.Tiers) > 0:
		tier := -1
		for i, t := range r.Tiers {
			if a.Basis >= t.From {
				tier = i
			}
		}
		if tier < 0 {
			zh = fmt.Sprintf("%s %s 万元，未达最低档 %s 万元", basisZH, num(a.Basis), num(r.Tiers[0].From))
			en = fmt.Sprintf("%s %s below the lowest tier %s", basisEN, num(a.Basis), num(r.Tiers[0].From))
		} else {
			a.Amount = r.Tiers[tier].Amount
			zh = fmt.Sprintf("%s %s 万元，达到 %s 万元档", basisZH, num(a.Basis), num(r.Tiers[tier].From))
			en = fmt.Sprintf("%s %s reaches the %s tier", basisEN, num(a.Basis), num(r.Tiers[tier].From))
		}
	default:
		a.Amount = r.Amount
		zh, en = "定额", "fixed amount"
	}
	if r.Cap > 0 && a.Amount > r.Cap {
		zh += fmt.Sprintf("，计 %s 万元，按单项封顶 %s 万元", num(a.Amount), num(r.Cap))
		en += fmt.Sprintf(", %s capped at %s", num(a.Amount), num(r.Cap))
		a.Amount = r.Cap
	}
	a.Explain = i18n.Text(
		fmt.Sprintf("%s %s：%s于 %s 达到“%s”；%s → %s 万元", r.Code, r.Name, l.Name, on, stZH, zh, num(a.Amount)),
		fmt.Sprintf("%s %s: %s reached “%s” on %s; %s → %s (10k yuan)", r.Code, r.Name, l.Name, stEN, on, en, num(a.Amount)))
	return a
}

// num writes an amount the way an office does: no trailing zeros.
func num(v float64) string { return strconv.FormatFloat(float64(int64(v*100+0.5))/100, 'f', -1, 64) }
