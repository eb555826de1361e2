package assess

import "gaoxin/internal/score"

// Result is one class's assessment at one checkpoint: what the result
// pages, the 通报 and `gaoxin score` show, and what a publication keeps.
// It carries the figures, records and ratings it scored, so that a
// published result explains itself long after the figures have moved on.
type Result struct {
	Year   int           `json:"year"`
	Period string        `json:"period"`
	Class  string        `json:"class"`
	Month  int           `json:"month"` // figures up to and including this month
	Scheme SchemeRef     `json:"scheme"`
	Items  []ItemHead    `json:"items"`
	Grades []score.Grade `json:"grades,omitempty"`
	Units  []UnitResult  `json:"units"` // by rank
}

// SchemeRef names the scheme version a result was computed with.
type SchemeRef struct {
	ID      int64  `json:"id"`
	Version int    `json:"version"`
	Name    string `json:"name"`
	SHA256  string `json:"sha256"`
	Draft   bool   `json:"draft,omitempty"`
}

// ItemHead is one item of the scheme as the result shows it.
type ItemHead struct {
	Code          string    `json:"code"`
	Name          string    `json:"name"`
	NameEN        string    `json:"name_en,omitempty"`
	Points        score.Num `json:"points"`
	Rule          string    `json:"rule"` // proportional, threshold, …
	Indicator     string    `json:"indicator,omitempty"`
	IndicatorID   int64     `json:"indicator_id,omitempty"`
	IndicatorName string    `json:"indicator_name,omitempty"`
	UnitOfMeasure string    `json:"uom,omitempty"`
	// Raters are a rating item's rater types, to name them beside the scores.
	Raters []RaterType `json:"raters,omitempty"`
}

// UnitResult is one unit's assessment.
type UnitResult struct {
	UnitID     int64               `json:"unit_id"`
	Code       string              `json:"code"`
	Name       string              `json:"name"`
	Rank       int                 `json:"rank"`
	Grade      string              `json:"grade,omitempty"`
	GradeEN    string              `json:"grade_en,omitempty"`
	GradeLevel int                 `json:"grade_level"` // 0 is the top grade, −1 without grades
	Vetoed     bool                `json:"vetoed,omitempty"`
	Total      score.Num           `json:"total"`
	ItemsTotal score.Num           `json:"items_total"`
	Bonus      score.Num           `json:"bonus"`
	Deduction  score.Num           `json:"deduction"`
	VetoPoints score.Num           `json:"veto_points"`
	Items      []ItemScore         `json:"items"` // in the order of Result.Items
	Records    UnitRecordsView     `json:"records"`
	Notes      []score.Explanation `json:"notes"`
}

// ItemScore is one item's points for one unit, with what they came from.
type ItemScore struct {
	Code   string            `json:"code"`
	State  string            `json:"state"` // scored, zeroed, excluded, or not_assigned (another unit's task)
	Points score.Num         `json:"points"`
	Why    score.Explanation `json:"why"`
	Input  InputView         `json:"input"`
}

// InputView is what the unit's item was scored on.
type InputView struct {
	Actual   *score.Num `json:"actual,omitempty"`
	Target   *score.Num `json:"target,omitempty"`  // 确保, 序时 at the checkpoint
	Stretch  *score.Num `json:"stretch,omitempty"` // 力争, 序时 at the checkpoint
	LastYear *score.Num `json:"last_year,omitempty"`
	// LastYearFrom says where LastYear came from: "figures" (last year's
	// figures to the same month) or "baseline" (上年基数, time-proportioned).
	LastYearFrom string                 `json:"last_year_from,omitempty"`
	Count        *int                   `json:"count,omitempty"`
	Ratings      map[string][]score.Num `json:"ratings,omitempty"`
	AssignmentID int64                  `json:"assignment_id,omitempty"`
	NotAssigned  bool                   `json:"not_assigned,omitempty"`
}

// UnitRecordsView lists the approved records a unit was scored with.
type UnitRecordsView struct {
	Bonuses    []BonusView     `json:"bonuses,omitempty"`
	Deductions []DeductionView `json:"deductions,omitempty"`
	Vetoes     []VetoView      `json:"vetoes,omitempty"`
}

// BonusView is one honour.
type BonusView struct {
	Level string `json:"level"` // city, province, national
	Name  string `json:"name"`
}

// DeductionView is one negative-list event.
type DeductionView struct {
	Type   string    `json:"type"`
	Name   string    `json:"name"`
	Points score.Num `json:"points"`
	Item   string    `json:"item,omitempty"`
}

// VetoView is one veto.
type VetoView struct {
	Kind   string `json:"kind"` // hard or soft
	Reason string `json:"reason"`
}

// Unit returns the unit's result, or nil.
func (r *Result) Unit(id int64) *UnitResult {
	for i := range r.Units {
		if r.Units[i].UnitID == id {
			return &r.Units[i]
		}
	}
	return nil
}
