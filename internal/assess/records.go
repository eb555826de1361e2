package assess

import (
	"strings"
	"time"
	"unicode/utf8"

	"gaoxin/internal/i18n"
	"gaoxin/internal/score"
)

// RecordKind says what a record does to a unit's assessment.
type RecordKind string

const (
	RecordBonus     RecordKind = "bonus"     // 加分: an honour at city, province or national level
	RecordDeduction RecordKind = "deduction" // 扣分: a negative-list event
	RecordVeto      RecordKind = "veto"      // 一票否决
)

// RecordKinds lists the kinds in the order pages show them.
var RecordKinds = []RecordKind{RecordBonus, RecordDeduction, RecordVeto}

// RecordStatus is where a record stands in its approval.
type RecordStatus string

const (
	RecordPending  RecordStatus = "pending"  // entered, waiting for approval
	RecordApproved RecordStatus = "approved" // counts in the results
	RecordRejected RecordStatus = "rejected" // refused, with a reason
	RecordRevoked  RecordStatus = "revoked"  // approved, later withdrawn with a reason
)

// RecordStatuses lists the statuses in the order pages show them.
var RecordStatuses = []RecordStatus{RecordPending, RecordApproved, RecordRejected, RecordRevoked}

// Honour levels and veto kinds as records store them.
var (
	HonourLevels = []string{"city", "province", "national"}
	VetoKinds    = []string{"hard", "soft"}
)

var levelOf = map[string]score.Level{"city": score.City, "province": score.Province, "national": score.National}

// Record is one bonus, deduction or veto of a unit in a year.
type Record struct {
	ID          int64
	Year        int
	UnitID      int64
	UnitCode    string
	UnitName    string
	UnitPath    string
	Kind        RecordKind
	Level       string // bonus: city, province, national
	Veto        string // veto: hard, soft
	Name        string // the honour, the event, or the veto's reason
	Type        string // deduction: events of one type are repeats
	Points      string // deduction: exact decimal text
	Item        string // deduction: the item it is limited to (扣完为止), optional
	EventOn     string // YYYY-MM-DD: counted at every checkpoint ending on or after it
	Description string
	Status      RecordStatus
	Reason      string // why it was rejected or revoked
	CreatedAt   time.Time
	CreatedBy   int64
	CreatedName string
	UpdatedBy   int64
	DecidedAt   time.Time
	DecidedBy   int64
	DecidedName string
	RevokedAt   time.Time
	RevokedName string
}

// Decided reports whether the record is past approval and so unchangeable.
func (r Record) Decided() bool { return r.Status != RecordPending }

// RecordInput is what a person enters for a record.
type RecordInput struct {
	UnitID      int64
	Kind        RecordKind
	Level       string
	Veto        string
	Name        string
	Type        string
	Points      string
	Item        string
	EventOn     string
	Description string
}

// normalise trims the input, clears fields that do not belong to its kind
// and checks it for year. Points are kept as their exact decimal text.
func (in *RecordInput) normalise(year int) *i18n.Error {
	for _, f := range []*string{&in.Level, &in.Veto, &in.Name, &in.Type, &in.Points, &in.Item, &in.EventOn, &in.Description} {
		*f = strings.TrimSpace(*f)
	}
	switch in.Kind {
	case RecordBonus:
		in.Veto, in.Type, in.Points, in.Item = "", "", "", ""
	case RecordDeduction:
		in.Level, in.Veto = "", ""
	case RecordVeto:
		in.Level, in.Type, in.Points, in.Item = "", "", "", ""
	default:
		return i18n.Invalid("kind", "record.err.kind")
	}
	if in.UnitID == 0 {
		return i18n.Invalid("unit", "record.err.unit")
	}
	if in.Name == "" || utf8.RuneCountInString(in.Name) > 200 {
		return i18n.Invalid("name", "record.err.name")
	}
	if d, err := time.Parse("2006-01-02", in.EventOn); err != nil || d.Year() != year {
		return i18n.Invalid("event_on", "record.err.date", year)
	}
	if utf8.RuneCountInString(in.Description) > 2000 {
		return i18n.Invalid("description", "record.err.description")
	}
	return in.kindFields()
}

func (in *RecordInput) kindFields() *i18n.Error {
	switch in.Kind {
	case RecordBonus:
		if _, ok := levelOf[in.Level]; !ok {
			return i18n.Invalid("level", "record.err.level")
		}
	case RecordVeto:
		if in.Veto != "hard" && in.Veto != "soft" {
			return i18n.Invalid("veto", "record.err.veto")
		}
	case RecordDeduction:
		p, err := score.Dec(in.Points)
		if err != nil || p.Sign() <= 0 || p.Cmp(score.Int(100)) > 0 {
			return i18n.Invalid("points", "record.err.points", in.Points)
		}
		in.Points = p.String()
		if utf8.RuneCountInString(in.Type) > 100 {
			return i18n.Invalid("type", "record.err.type")
		}
		if utf8.RuneCountInString(in.Item) > 32 {
			return i18n.Invalid("item", "record.err.item")
		}
	}
	return nil
}
