package assess

import (
	"gaoxin/internal/i18n"
	"gaoxin/internal/score"
)

// problems collects what is wrong with a file, each tied to its item and
// field, so that every mistake is reported in one go.
type problems struct {
	list []problem
}

type problem struct {
	item  int // index into File.Items, -1 for the scheme as a whole
	field string
	msg   i18n.Msg
}

func (p *problems) add(item int, field, key string, args ...any) {
	p.list = append(p.list, problem{item: item, field: field, msg: i18n.M(key, args...)})
}

// num reads one number field, noting a problem when it is not a number.
func (p *problems) num(item int, field string, n Num) score.Num {
	v, err := n.Value()
	if err != nil {
		p.add(item, field, "scheme.err.number", string(n))
	}
	return v
}

// Scheme turns the file into the engine's scheme. It reports every
// problem it finds; the engine's own checks (caps, bands, slopes) follow
// in Check.
func (f *File) scheme(p *problems) score.Scheme {
	s := score.Scheme{TieBreak: f.TieBreak}
	s.TopQuota = p.num(-1, "top_quota", f.TopQuota)
	seen := map[string]bool{}
	for i, it := range f.Items {
		if it.Code == "" || seen[it.Code] {
			p.add(i, "code", "scheme.err.code", it.Code)
		}
		seen[it.Code] = true
		s.Items = append(s.Items, f.item(i, it, p))
	}
	if b := f.Bonus; b != nil {
		s.Bonus = score.BonusRule{City: p.num(-1, "bonus.city", b.City), Province: p.num(-1, "bonus.province", b.Province),
			National: p.num(-1, "bonus.national", b.National), Cap: p.num(-1, "bonus.cap", b.Cap)}
	}
	if d := f.Deduction; d != nil {
		s.Deduction = score.DeductionRule{Repeat: p.num(-1, "deduction.repeat", d.Repeat), Cap: p.num(-1, "deduction.cap", d.Cap)}
	}
	if v := f.Veto; v != nil {
		s.Veto = score.VetoRule{SoftPoints: p.num(-1, "veto.soft_points", v.SoftPoints)}
	}
	for _, g := range f.Grades {
		s.Grades = append(s.Grades, score.Grade{Name: g.Name, NameEN: g.NameEN, Min: p.num(-1, "grades.min", g.Min)})
	}
	return s
}

func (f *File) item(i int, it Item, p *problems) score.Item {
	out := score.Item{Code: it.Code, Name: it.Name, NameEN: it.NameEN, Points: p.num(i, "points", it.Points)}
	switch it.Direction {
	case "", "higher":
	case "lower":
		out.Direction = score.LowerBetter
	default:
		p.add(i, "direction", "scheme.err.direction", it.Direction)
	}
	switch it.Missing {
	case "", "zero":
	case "exclude":
		out.Missing = score.MissingExclude
	default:
		p.add(i, "missing", "scheme.err.missing", it.Missing)
	}
	out.Rule = it.Rule.rule(i, p)
	return out
}
