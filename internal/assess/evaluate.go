package assess

import (
	"cmp"
	"slices"

	"gaoxin/internal/score"
)

// Evaluate scores a class's scheme version on a checkpoint's inputs and
// explains every point.
func Evaluate(in *Inputs, st Stored) (*Result, error) {
	f, scheme, err := Parse(st.Class+".yaml", st.Body)
	if err != nil {
		return nil, err
	}
	units, views, err := in.engineUnits(f, in.ClassUnits(f.Class))
	if err != nil {
		return nil, err
	}
	results, err := score.Score(scheme, units)
	if err != nil {
		return nil, err
	}
	if err := score.ExplainAll(results); err != nil {
		return nil, err
	}
	out := &Result{Year: in.Year, Period: in.Period, Class: f.Class, Month: in.Month, Grades: scheme.Grades,
		Scheme: SchemeRef{ID: st.ID, Version: st.Version, Name: st.Name, SHA256: st.SHA256, Draft: st.Draft},
		Items:  in.itemHeads(f)}
	for i, r := range results {
		out.Units = append(out.Units, unitResult(r, views[i], units[i], scheme))
	}
	slices.SortFunc(out.Units, func(a, b UnitResult) int { return cmp.Compare(a.Rank, b.Rank) })
	return out, nil
}

func (in *Inputs) itemHeads(f *File) []ItemHead {
	heads := make([]ItemHead, len(f.Items))
	for k, it := range f.Items {
		h := ItemHead{Code: it.Code, Name: it.Name, NameEN: it.NameEN, Rule: it.Rule.kind(), Indicator: it.Indicator}
		h.Points, _ = it.Points.Value()
		if it.Rule.Rating != nil {
			h.Raters = it.Rule.Rating.Types
		}
		if it.Indicator != "" {
			for _, row := range in.Board.Indicators {
				if row.Code == it.Indicator {
					h.IndicatorID, h.IndicatorName, h.UnitOfMeasure = row.ID, row.Name, row.UOM
				}
			}
		}
		heads[k] = h
	}
	return heads
}

func unitResult(r score.Result, views []InputView, u score.Unit, s score.Scheme) UnitResult {
	out := UnitResult{UnitID: r.UnitID, Code: r.Code, Name: r.Name, Rank: r.Rank, Grade: r.Grade, GradeLevel: r.GradeLevel,
		Vetoed: r.Vetoed, Total: r.Total, ItemsTotal: r.ItemsTotal, Bonus: r.Bonus, Deduction: r.Deduction,
		VetoPoints: r.VetoPoints, Notes: r.Notes}
	if r.GradeLevel >= 0 && r.GradeLevel < len(s.Grades) {
		out.GradeEN = s.Grades[r.GradeLevel].NameEN
	}
	out.Items = make([]ItemScore, 0, len(r.Items)) // sized once: an ItemScore is large
	for k, ir := range r.Items {
		state := stateName(ir.State)
		if views[k].NotAssigned {
			state = "not_assigned"
		}
		out.Items = append(out.Items, ItemScore{Code: ir.Code, State: state, Points: ir.Points, Why: ir.Why, Input: views[k]})
	}
	for _, b := range u.Bonuses {
		out.Records.Bonuses = append(out.Records.Bonuses, BonusView{Level: levelName(b.Level), Name: b.Name})
	}
	for _, d := range u.Deductions {
		out.Records.Deductions = append(out.Records.Deductions, DeductionView{Type: d.Type, Name: d.Name, Points: d.Points, Item: d.Item})
	}
	for _, v := range u.Vetoes {
		kind := "hard"
		if v.Kind == score.Soft {
			kind = "soft"
		}
		out.Records.Vetoes = append(out.Records.Vetoes, VetoView{Kind: kind, Reason: v.Reason})
	}
	return out
}

func stateName(s score.ItemState) string {
	switch s {
	case score.Zeroed:
		return "zeroed"
	case score.Excluded:
		return "excluded"
	}
	return "scored"
}

func levelName(l score.Level) string {
	switch l {
	case score.City:
		return "city"
	case score.Province:
		return "province"
	case score.National:
		return "national"
	}
	return ""
}

// kind names the rule an item uses, as the scheme file spells it.
func (r Rule) kind() string {
	switch {
	case r.Proportional != nil:
		return "proportional"
	case r.Threshold != nil:
		return "threshold"
	case r.Linear != nil:
		return "linear"
	case r.Efficacy != nil:
		return "efficacy"
	case r.Stretch != nil:
		return "stretch"
	case r.Growth != nil:
		return "growth"
	case r.Rank != nil:
		return "rank"
	case r.Count != nil:
		return "count"
	case r.Rating != nil:
		return "rating"
	}
	return ""
}
