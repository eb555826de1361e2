package score

// Unit is one assessed unit of the class with everything scored about it.
type Unit struct {
	ID   int64
	Code string
	Name string
	// Values holds the unit's figures by item code. An item without an
	// entry is missing, as is one whose entry says Missing.
	Values map[string]Input
	// LastRank holds the unit's place last period by item code, for the
	// rise and fall points of Rank rules; 0 or absent means unknown.
	LastRank   map[string]int
	Bonuses    []Bonus
	Deductions []Deduction
	Vetoes     []Veto
}

// Input holds what a unit reported for one item; each rule reads the
// fields it needs and treats a nil one as missing.
type Input struct {
	Actual   *Num
	Target   *Num // 确保, the committed target
	Stretch  *Num // 力争, the stretch target
	LastYear *Num // last year's actual, the baseline of Growth
	Count    int  // events, for Count
	// Ratings holds scores from 0 to 100 by rater type key, for Rating.
	Ratings map[string][]Num
	Missing bool
	// NotAssigned says the item is not among the unit's tasks (another
	// unit's 个性指标): it is handled as missing, and explained as not
	// applying rather than as a figure not reported.
	NotAssigned bool
}

// Level is the level of an honour.
type Level int8

const (
	City     Level = iota + 1 // 市级
	Province                  // 省级
	National                  // 国家级
)

// Bonus is one honour or award (加分项).
type Bonus struct {
	Level Level
	Name  string
}

// Deduction is one negative-list event (扣分项).
type Deduction struct {
	// Type groups repeats: the second event of a type is multiplied by the
	// rule's Repeat.
	Type   string
	Name   string
	Points Num
	// Item, when set, links the event to an item: the deduction is limited
	// to what that item still has (扣完为止), so it never takes it below 0.
	Item string
}

// VetoKind says what a veto does.
type VetoKind int8

const (
	Hard VetoKind = iota // no top grade this year
	Soft                 // a fixed deduction
)

// Veto is one veto event (一票否决).
type Veto struct {
	Kind   VetoKind
	Reason string
}
