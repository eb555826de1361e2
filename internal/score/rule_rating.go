package score

// RaterType is one kind of rater of a Rating: leaders, peer units, the
// public survey.
type RaterType struct {
	Key    string // the key of Input.Ratings
	Name   string
	NameEN string
	Weight Num
}

// Rating scores qualitative ratings (评议). Each rater type's scores (0 to
// 100; a score outside is taken at the nearer end) are averaged, with the
// highest and the lowest dropped when Trim is set and there are at least
// three; the type averages are weighted and S = W × weighted mean / 100. A
// type without scores drops out and the other weights count in proportion.
type Rating struct {
	Types []RaterType
	Trim  bool
}

func (r Rating) check(it *Item, c *checker) {
	if len(r.Types) == 0 {
		c.add("评议至少要有一类评议人", "a rating needs at least one rater type")
	}
	seen := map[string]bool{}
	for _, t := range r.Types {
		if t.Key == "" || seen[t.Key] {
			c.add("评议人类别的键为空或重复："+t.Key, "rater type key empty or repeated: "+t.Key)
		}
		seen[t.Key] = true
		if t.Weight.Sign() <= 0 {
			c.add("评议权重必须大于 0："+t.Key, "rater weight must be above 0: "+t.Key)
		}
	}
}

func (r Rating) need(e *eval) reason {
	for _, t := range r.Types {
		if len(e.in.Ratings[t.Key]) > 0 {
			return ok
		}
	}
	return noRatings
}

func (r Rating) score(e *eval) Num {
	w := e.w
	w.lit("评议：", "ratings: ")
	// Σ weight × mean is kept as the exact fraction num/den, so that the
	// weighted mean below is the rule's one division.
	num, den, weights := Num{}, one, Num{}
	for i, t := range r.Types {
		if i > 0 {
			w.lit("，", ", ")
		}
		w.lit(nameOr(t.Name, t.Key), nameOr(t.NameEN, t.Key))
		scores := e.in.Ratings[t.Key]
		if len(scores) == 0 {
			w.lit(" 无评分，不计入", " none, left out")
			continue
		}
		sum, n, trimmed := typeSum(scores, r.Trim)
		w.both(" ")
		w.ptsOf(sum, Int(int64(n)))
		if trimmed {
			w.lit("（去掉最高、最低分）", " (highest and lowest dropped)")
		}
		w.lit(" × 权重 ", " × weight ")
		w.fig(t.Weight)
		num = num.Mul(Int(int64(n))).Add(t.Weight.Mul(sum).Mul(den))
		den = den.Mul(Int(int64(n)))
		weights = weights.Add(t.Weight)
	}
	mean := num.Quo(den.Mul(weights))
	w.lit("；加权平均 ", "; weighted mean ")
	w.pts(mean)
	return clampShare(w, e.it.Points, mean.Mul(percent), Num{}, one)
}

// typeSum returns the sum and the number of the scores that count.
func typeSum(scores []Num, trim bool) (sum Num, n int, trimmed bool) {
	var lo, hi Num
	for i, s := range scores {
		if s.Sign() < 0 {
			s = Num{}
		} else if s.Cmp(hundred) > 0 {
			s = hundred
		}
		if i == 0 || s.Cmp(lo) < 0 {
			lo = s
		}
		if i == 0 || s.Cmp(hi) > 0 {
			hi = s
		}
		sum = sum.Add(s)
	}
	if trim && len(scores) >= 3 {
		return sum.Sub(lo).Sub(hi), len(scores) - 2, true
	}
	return sum, len(scores), false
}

func nameOr(name, fallback string) string {
	if name == "" {
		return fallback
	}
	return name
}
