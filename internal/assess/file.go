package assess

// File is a scheme file, field for field as the office writes it. Numbers
// are written as YAML scalars — 10, 0.2, "120%" — and kept as the text
// written, so that an export gives back exactly what was imported.
type File struct {
	Year        int          `yaml:"year"`
	Class       string       `yaml:"class"`
	Name        string       `yaml:"name"`
	Checkpoints []Checkpoint `yaml:"checkpoints,omitempty"`
	Items       []Item       `yaml:"items"`
	Bonus       *Bonus       `yaml:"bonus,omitempty"`
	Deduction   *Deduction   `yaml:"deduction,omitempty"`
	Veto        *Veto        `yaml:"veto,omitempty"`
	Grades      []Grade      `yaml:"grades,omitempty"`
	TopQuota    Num          `yaml:"top_quota,omitempty"`
	TieBreak    []string     `yaml:"tie_break,omitempty"`
}

// Checkpoint is one checkpoint of process assessment and its weight.
type Checkpoint struct {
	Period string `yaml:"period"` // Q1, H1, Q3, Y
	Name   string `yaml:"name,omitempty"`
	Weight Num    `yaml:"weight"`
}

// Item is one assessed item.
type Item struct {
	Code      string `yaml:"code"`
	Name      string `yaml:"name"`
	NameEN    string `yaml:"name_en,omitempty"`
	Indicator string `yaml:"indicator,omitempty"` // the plan indicator whose figures it scores
	Points    Num    `yaml:"points"`
	Direction string `yaml:"direction,omitempty"` // higher (default) or lower
	Missing   string `yaml:"missing,omitempty"`   // zero (default) or exclude
	Rule      Rule   `yaml:"rule"`
}

// Rule names exactly one of the scoring rules with its parameters.
type Rule struct {
	Proportional *Proportional `yaml:"proportional,omitempty"`
	Threshold    *Threshold    `yaml:"threshold,omitempty"`
	Linear       *Linear       `yaml:"linear,omitempty"`
	Efficacy     *Efficacy     `yaml:"efficacy,omitempty"`
	Stretch      *Stretch      `yaml:"stretch,omitempty"`
	Growth       *Growth       `yaml:"growth,omitempty"`
	Rank         *Rank         `yaml:"rank,omitempty"`
	Count        *Count        `yaml:"count,omitempty"`
	Rating       *Rating       `yaml:"rating,omitempty"`
}

// Proportional: S = W × completion, capped at Cap × W.
type Proportional struct {
	Cap Num `yaml:"cap,omitempty"`
}

// Threshold: W when met, else Partial × W from PartialFrom completion on.
type Threshold struct {
	Partial     Num `yaml:"partial,omitempty"`
	PartialFrom Num `yaml:"partial_from,omitempty"`
}

// Segment is one slope: from From points beyond (or short of) the target,
// Slope points per percentage point.
type Segment struct {
	From  Num `yaml:"from"`
	Slope Num `yaml:"slope"`
}

// Linear: base ± points per percentage point, piecewise, capped.
type Linear struct {
	Up           []Segment `yaml:"up,omitempty"`
	Down         []Segment `yaml:"down,omitempty"`
	BonusCap     Num       `yaml:"bonus_cap,omitempty"`
	DeductionCap Num       `yaml:"deduction_cap,omitempty"`
}

// Efficacy: the efficacy coefficient method between 不允许值 and 满意值.
type Efficacy struct {
	Disallowed   Num `yaml:"disallowed"`
	Satisfactory Num `yaml:"satisfactory"`
	Floor        Num `yaml:"floor,omitempty"`
}

// Stretch: linear between the 确保 and 力争 targets.
type Stretch struct {
	AtCommitted Num `yaml:"at_committed"`
}

// Growth: growth over last year's actual.
type Growth struct {
	Flat    Num `yaml:"flat"`
	Step    Num `yaml:"step"`
	PerStep Num `yaml:"per_step"`
	Cap     Num `yaml:"cap,omitempty"`
	Floor   Num `yaml:"floor,omitempty"`
}

// RankBand gives points to places From to To.
type RankBand struct {
	From   int `yaml:"from"`
	To     int `yaml:"to"`
	Points Num `yaml:"points"`
}

// Rank: by place among the class.
type Rank struct {
	Step    Num        `yaml:"step,omitempty"`
	Bands   []RankBand `yaml:"bands,omitempty"`
	ToBest  bool       `yaml:"to_best,omitempty"`
	Rise    Num        `yaml:"rise,omitempty"`
	Fall    Num        `yaml:"fall,omitempty"`
	MoveCap Num        `yaml:"move_cap,omitempty"`
}

// Count: points per counted event, capped.
type Count struct {
	Each Num `yaml:"each"`
	Cap  Num `yaml:"cap,omitempty"`
}

// RaterType is one kind of rater with its weight.
type RaterType struct {
	Key    string `yaml:"key"`
	Name   string `yaml:"name"`
	NameEN string `yaml:"name_en,omitempty"`
	Weight Num    `yaml:"weight"`
}

// Rating: qualitative ratings by rater type.
type Rating struct {
	Types []RaterType `yaml:"types"`
	Trim  bool        `yaml:"trim,omitempty"`
}

// Bonus: points per honour level and a cap.
type Bonus struct {
	City     Num `yaml:"city"`
	Province Num `yaml:"province"`
	National Num `yaml:"national"`
	Cap      Num `yaml:"cap,omitempty"`
}

// Deduction: repeats multiplied, a cap.
type Deduction struct {
	Repeat Num `yaml:"repeat,omitempty"`
	Cap    Num `yaml:"cap,omitempty"`
}

// Veto: the points of a soft veto.
type Veto struct {
	SoftPoints Num `yaml:"soft_points,omitempty"`
}

// Grade is a grade band.
type Grade struct {
	Name   string `yaml:"name"`
	NameEN string `yaml:"name_en,omitempty"`
	Min    Num    `yaml:"min"`
}
