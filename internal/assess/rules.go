package assess

import "gaoxin/internal/score"

// rule turns the one rule an item names into the engine's.
func (r Rule) rule(i int, p *problems) score.Rule {
	var rules []score.Rule
	if x := r.Proportional; x != nil {
		rules = append(rules, score.Proportional{Cap: p.num(i, "rule.proportional.cap", x.Cap)})
	}
	if x := r.Threshold; x != nil {
		rules = append(rules, score.Threshold{Partial: p.num(i, "rule.threshold.partial", x.Partial),
			PartialFrom: p.num(i, "rule.threshold.partial_from", x.PartialFrom)})
	}
	if x := r.Linear; x != nil {
		rules = append(rules, score.Linear{Up: segments(i, "rule.linear.up", x.Up, p), Down: segments(i, "rule.linear.down", x.Down, p),
			BonusCap: p.num(i, "rule.linear.bonus_cap", x.BonusCap), DeductionCap: p.num(i, "rule.linear.deduction_cap", x.DeductionCap)})
	}
	if x := r.Efficacy; x != nil {
		rules = append(rules, score.Efficacy{Disallowed: p.num(i, "rule.efficacy.disallowed", x.Disallowed),
			Satisfactory: p.num(i, "rule.efficacy.satisfactory", x.Satisfactory), Floor: p.num(i, "rule.efficacy.floor", x.Floor)})
	}
	if x := r.Stretch; x != nil {
		rules = append(rules, score.Stretch{AtCommitted: p.num(i, "rule.stretch.at_committed", x.AtCommitted)})
	}
	if x := r.Growth; x != nil {
		rules = append(rules, score.Growth{Flat: p.num(i, "rule.growth.flat", x.Flat), Step: p.num(i, "rule.growth.step", x.Step),
			PerStep: p.num(i, "rule.growth.per_step", x.PerStep), Cap: p.num(i, "rule.growth.cap", x.Cap), Floor: p.num(i, "rule.growth.floor", x.Floor)})
	}
	if x := r.Rank; x != nil {
		rk := score.Rank{Step: p.num(i, "rule.rank.step", x.Step), ToBest: x.ToBest, Rise: p.num(i, "rule.rank.rise", x.Rise),
			Fall: p.num(i, "rule.rank.fall", x.Fall), MoveCap: p.num(i, "rule.rank.move_cap", x.MoveCap)}
		for _, b := range x.Bands {
			rk.Bands = append(rk.Bands, score.RankBand{From: b.From, To: b.To, Points: p.num(i, "rule.rank.bands.points", b.Points)})
		}
		rules = append(rules, rk)
	}
	if x := r.Count; x != nil {
		rules = append(rules, score.Count{Each: p.num(i, "rule.count.each", x.Each), Cap: p.num(i, "rule.count.cap", x.Cap)})
	}
	if x := r.Rating; x != nil {
		rt := score.Rating{Trim: x.Trim}
		for _, t := range x.Types {
			rt.Types = append(rt.Types, score.RaterType{Key: t.Key, Name: t.Name, NameEN: t.NameEN, Weight: p.num(i, "rule.rating.weight", t.Weight)})
		}
		rules = append(rules, rt)
	}
	if len(rules) != 1 {
		p.add(i, "rule", "scheme.err.one_rule", len(rules))
		return nil
	}
	return rules[0]
}

func segments(i int, field string, segs []Segment, p *problems) []score.Segment {
	var out []score.Segment
	for _, g := range segs {
		out = append(out, score.Segment{From: p.num(i, field+".from", g.From), Slope: p.num(i, field+".slope", g.Slope)})
	}
	return out
}
