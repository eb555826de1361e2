package plan

// SharingGap is an indicator whose unit targets do not add up to the zone's.
type SharingGap struct {
	IndicatorID int64
	Zone        float64 // the zone's committed target
	Units       float64 // the unit targets aggregated as the indicator says
	Shortfall   float64 // how far Units falls short of Zone, in the better direction
	Untargeted  []int64 // units assigned the indicator without a target of their own
}

// CheckSharing compares, for every indicator with a zone target and
// assignments, the unit targets (aggregated by the indicator's rule) with
// the zone target, at month's targets. Indicators that aggregate by None
// or are not scored are left out.
func CheckSharing(indicators []Indicator, assignments []Assignment, book TargetBook, month int) []SharingGap {
	byIndicator := map[int64][]int64{}
	for _, a := range assignments {
		byIndicator[a.IndicatorID] = append(byIndicator[a.IndicatorID], a.UnitID)
	}
	var gaps []SharingGap
	for _, in := range indicators {
		units := byIndicator[in.ID]
		zone, ok := book.At(in.ID, 0, month)
		if len(units) == 0 || !ok || !zone.HasTarget() || in.Aggregation == None || in.Direction == NotScored {
			continue
		}
		g := SharingGap{IndicatorID: in.ID, Zone: *zone.Committed}
		var values []float64
		for _, u := range units {
			t, ok := book.At(in.ID, u, month)
			if !ok || t.Committed == nil {
				g.Untargeted = append(g.Untargeted, u)
				continue
			}
			values = append(values, *t.Committed)
		}
		g.Units = aggregate(in.Aggregation, values)
		switch in.Direction {
		case Lower:
			g.Shortfall = g.Units - g.Zone
		case Band:
			if in.BandLow != nil && g.Units < *in.BandLow {
				g.Shortfall = *in.BandLow - g.Units
			}
		default:
			g.Shortfall = g.Zone - g.Units
		}
		if g.Shortfall > 1e-9*max(1, abs(g.Zone)) || len(g.Untargeted) > 0 {
			gaps = append(gaps, g)
		}
	}
	return gaps
}

func aggregate(a Aggregation, v []float64) float64 {
	if len(v) == 0 {
		return 0
	}
	out := v[0]
	sum := 0.0
	for _, x := range v {
		sum += x
		switch a {
		case Max:
			out = max(out, x)
		case Min:
			out = min(out, x)
		}
	}
	switch a {
	case Sum:
		return sum
	case Mean:
		return sum / float64(len(v))
	}
	return out
}

func abs(x float64) float64 {
	if x < 0 {
		return -x
	}
	return x
}
