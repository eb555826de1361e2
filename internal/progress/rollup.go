package progress

// Aggregate combines the figures of several units into one, as the
// indicator's aggregation says. Non-finite figures are skipped as missing.
// It is not ok for NoAggregation, when no figure is left, or when the result
// overflows: an empty roll-up must not read as a reported zero.
func Aggregate(agg Aggregation, values []float64) (float64, bool) {
	if agg >= NoAggregation {
		return 0, false
	}
	acc, n := 0.0, 0
	for _, v := range values {
		if !finite(v) {
			continue
		}
		switch {
		case n == 0:
			acc = v
		case agg == Max:
			acc = max(acc, v)
		case agg == Min:
			acc = min(acc, v)
		default:
			acc += v
		}
		n++
	}
	if n == 0 {
		return 0, false
	}
	if agg == Mean {
		acc /= float64(n)
	}
	return checked(acc)
}

// Weighted is one child of a plan node in a roll-up: its completion ratio,
// its weight, and whether it has a ratio at all.
type Weighted struct {
	Ratio  float64
	Weight float64
	OK     bool
}

// Rollup returns a node's completion ratio: the weighted mean of its
// children's ratios, each clamped to [0, MaxRatio] so that one runaway
// indicator cannot hide laggards. Children without a ratio, or with a weight
// that is not positive, take no part: missing data is shown as missing, not
// as zero. It is not ok when no child takes part. The node's status is
// StatusOf the result.
func Rollup(children []Weighted) (float64, bool) {
	var sum, weights float64
	for _, c := range children {
		if !c.OK || !finite(c.Ratio) || !(c.Weight > 0) || !finite(c.Weight) {
			continue
		}
		sum += c.Weight * min(max(c.Ratio, 0), MaxRatio)
		weights += c.Weight
	}
	if weights == 0 {
		return 0, false
	}
	return checked(sum / weights)
}
