package score

// The rules are called through these switches rather than through the Rule
// interface: with every call static the compiler can keep the eval of an
// item on the worker's stack, so that setting it up for each of a
// province's million items costs neither an allocation nor a GC write
// barrier. prepare stores every rule by value, so one case per rule does.

// byValue returns the rule that r points to, or r itself.
func byValue(r Rule) Rule {
	switch r := r.(type) {
	case *Proportional:
		return *r
	case *Threshold:
		return *r
	case *Linear:
		return *r
	case *Efficacy:
		return *r
	case *Stretch:
		return *r
	case *Growth:
		return *r
	case *Rank:
		return *r
	case *Count:
		return *r
	case *Rating:
		return *r
	}
	return r
}

// known reports whether r is one of the nine rules, by value or pointer. A
// type that merely embeds one satisfies Rule but is not scored as written.
func known(r Rule) bool {
	switch byValue(r).(type) {
	case Proportional, Threshold, Linear, Efficacy, Stretch, Growth, Rank, Count, Rating:
		return true
	}
	return false
}

func needOf(r Rule, e *eval) reason {
	switch r := r.(type) {
	case Proportional:
		return r.need(e)
	case Threshold:
		return r.need(e)
	case Linear:
		return r.need(e)
	case Efficacy:
		return r.need(e)
	case Stretch:
		return r.need(e)
	case Growth:
		return r.need(e)
	case Rank:
		return r.need(e)
	case Count:
		return r.need(e)
	case Rating:
		return r.need(e)
	}
	panic("score: rule not stored by value") // prepare rules this out
}

func scoreOf(r Rule, e *eval) Num {
	switch r := r.(type) {
	case Proportional:
		return r.score(e)
	case Threshold:
		return r.score(e)
	case Linear:
		return r.score(e)
	case Efficacy:
		return r.score(e)
	case Stretch:
		return r.score(e)
	case Growth:
		return r.score(e)
	case Rank:
		return r.score(e)
	case Count:
		return r.score(e)
	case Rating:
		return r.score(e)
	}
	panic("score: rule not stored by value")
}
