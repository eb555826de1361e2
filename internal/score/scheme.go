package score

// Scheme is the assessment scheme (考核方案) of one unit class at one
// checkpoint: the items and their rules, the bonus, deduction and veto
// rules, the grade bands, the quota of the top grade and the tie-break.
type Scheme struct {
	Items     []Item
	Bonus     BonusRule
	Deduction DeductionRule
	Veto      VetoRule
	// Grades are the grade bands from the top down (优秀, 良好, 一般, 较差);
	// none means units are ranked but not graded.
	Grades []Grade
	// TopQuota is the largest share of the class that may take the top grade
	// (0.3 for 30%); the number of places is rounded down. 0 means no quota.
	TopQuota Num
	// TieBreak lists item codes: units with equal totals are ordered by
	// their points on these items in turn, higher first, then by unit code
	// and ID, so that ranks never depend on input order.
	TieBreak []string
}

// Item is one assessed indicator of a scheme.
type Item struct {
	Code   string
	Name   string // Chinese, as the 考核办法 writes it
	NameEN string // for English explanations; the code when empty
	// Points is the item's full points W (分值), above 0.
	Points    Num
	Direction Direction
	Missing   MissingPolicy
	Rule      Rule
}

// Direction says which way an item's figure is better.
type Direction int8

const (
	HigherBetter Direction = iota
	LowerBetter            // r = T/A instead of A/T
)

// MissingPolicy says how an item without a usable figure scores. The
// engine never guesses: a missing figure, target or baseline is named in
// the explanation with the policy applied.
type MissingPolicy int8

const (
	// MissingZero scores the item 0.
	MissingZero MissingPolicy = iota
	// MissingExclude leaves the item out and shares its full points among
	// the unit's other items in proportion to theirs: every other item's
	// points are multiplied by ΣW / (ΣW − W of the excluded items).
	MissingExclude
)

// Grade is one grade band: a total at or above Min earns it, unless a band
// above it applies. The last band takes every total below the one above.
type Grade struct {
	Name   string // 优秀
	NameEN string // Excellent
	Min    Num
}

// Rule is one of the scoring rules of the product's §2: Proportional,
// Threshold, Linear, Efficacy, Stretch, Growth, Rank, Count or Rating. Its
// methods are unexported so that a scheme can hold only rules the engine
// knows how to score and to explain.
type Rule interface {
	check(it *Item, c *checker)
	// need says whether the unit's input can be scored, before anything is
	// written; score then scores it and writes how.
	need(e *eval) reason
	score(e *eval) Num
}

// BonusRule gives points per honour level (加分), e.g. 1, 2 and 3.
type BonusRule struct {
	City, Province, National Num
	Cap                      Num // most bonus points a unit gets; 0 = none
}

// DeductionRule governs negative-list events (扣分).
type DeductionRule struct {
	// Repeat multiplies the points of the second and every later event of
	// the same type (2 doubles them); 0 means 1, no escalation.
	Repeat Num
	Cap    Num // most points deducted in all; 0 = none
}

// VetoRule governs vetoes (一票否决). A hard veto keeps the unit out of
// the top grade: it is ranked as its total says but graded at most in the
// second band. A soft veto deducts SoftPoints.
type VetoRule struct {
	SoftPoints Num
}
