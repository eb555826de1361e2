package attract

import (
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"gaoxin/internal/i18n"
)

// Kind is what a lead brings: a company, a talent or a team.
type Kind string

const (
	Company Kind = "company"
	Talent  Kind = "talent"
	Team    Kind = "team"
)

// Kinds lists the kinds in the order pages offer them.
var Kinds = []Kind{Company, Talent, Team}

// Channel is how a lead came: the four channels of the seed.
type Channel string

const (
	ByBusiness Channel = "business" // 以商招商: through firms already here
	ByPark     Channel = "park"     // 园区招商: through the parks
	ByCapital  Channel = "capital"  // 资本招商: through funds and investors
	ByAgency   Channel = "agency"   // 中介招商: through a partner agency
)

// Channels lists the channels in the order pages offer them.
var Channels = []Channel{ByBusiness, ByPark, ByCapital, ByAgency}

// Flag marks a lead worth more attention (and more reward).
type Flag string

const (
	Fortune500     Flag = "fortune500"      // 世界500强
	China500       Flag = "china500"        // 中国500强
	IndustryLeader Flag = "industry_leader" // 行业领军
)

// Flags lists the flags in the order pages show them.
var Flags = []Flag{Fortune500, China500, IndustryLeader}

// Stage is where a lead stands. Stages run in the order of Stages; a lead
// moves forwards as it progresses and back only with a reason.
type Stage string

const (
	Clue      Stage = "clue"      // 线索
	Talks     Stage = "talks"     // 在谈
	Signed    Stage = "signed"    // 签约
	Starting  Stage = "starting"  // 拟开工
	Funded    Stage = "funded"    // 到资
	Producing Stage = "producing" // 竣工投产
)

// Stages lists the stages in their order.
var Stages = []Stage{Clue, Talks, Signed, Starting, Funded, Producing}

// Index is the stage's place in Stages, -1 for an unknown one.
func (s Stage) Index() int { return slices.Index(Stages, s) }

// Valid reports whether s is a stage.
func (s Stage) Valid() bool { return s.Index() >= 0 }

// Reached reports whether a lead at s has reached stage t.
func (s Stage) Reached(t Stage) bool { return s.Index() >= t.Index() && t.Valid() }

// Lead is one lead of the pipeline. Money is in 万元, dates are China
// dates written 2006-01-02.
type Lead struct {
	ID                 int64
	Code               string
	Name               string
	Kind               Kind
	Channel            Channel
	Agency             string // the partner agency of 中介招商
	Flags              []Flag // in the order of Flags
	Industry           string
	ExpectedInvestment float64
	ArrivedInvestment  float64 // 到资 so far
	OwnerUnitID        int64
	OwnerUserID        int64  // the user who works the lead, 0 for none
	OwnerName          string // the person's name as the office writes it
	Contact            string
	Note               string
	Stage              Stage
	StageOn            string // the day it reached its stage
	ReceivedOn         string // the day the lead came in
	RespondedOn        string // the first response, "" for none yet
	AssessedOn         string // the first assessment (研判), "" for none yet
	SignedOn           string // the day it reached 签约, "" while it has not
	ProjectID          int64  // the key project it became, 0 for none
	CreatedAt          time.Time
	UpdatedAt          time.Time
}

// Has reports whether the lead carries a flag.
func (l Lead) Has(f Flag) bool { return slices.Contains(l.Flags, f) }

// validate tidies what a user sets on a lead and says what is wrong with
// it; the units and users are checked against the database by the store.
func (l *Lead) validate() *i18n.Error {
	l.Code, l.Name = strings.TrimSpace(l.Code), strings.TrimSpace(l.Name)
	l.Agency, l.Industry = strings.TrimSpace(l.Agency), strings.TrimSpace(l.Industry)
	l.OwnerName, l.Contact, l.Note = strings.TrimSpace(l.OwnerName), strings.TrimSpace(l.Contact), strings.TrimSpace(l.Note)
	var flags []Flag
	for _, f := range Flags {
		if slices.Contains(l.Flags, f) {
			flags = append(flags, f)
		}
	}
	for _, f := range l.Flags {
		if !slices.Contains(Flags, f) {
			return i18n.Invalid("flags", "attract.err.flag", string(f))
		}
	}
	l.Flags = flags
	switch {
	case l.Code == "" || utf8.RuneCountInString(l.Code) > 32:
		return i18n.Invalid("code", "attract.err.code")
	case l.Name == "" || utf8.RuneCountInString(l.Name) > 200:
		return i18n.Invalid("name", "attract.err.name")
	case !slices.Contains(Kinds, l.Kind):
		return i18n.Invalid("kind", "attract.err.kind", string(l.Kind))
	case !slices.Contains(Channels, l.Channel):
		return i18n.Invalid("channel", "attract.err.channel", string(l.Channel))
	case l.Channel == ByAgency && l.Agency == "":
		return i18n.Invalid("agency", "attract.err.agency")
	case l.ExpectedInvestment < 0 || l.ArrivedInvestment < 0:
		return i18n.Invalid("expected_investment", "attract.err.negative")
	case l.OwnerUnitID == 0:
		return i18n.Invalid("owner_unit", "attract.err.unit")
	case !validDate(l.ReceivedOn):
		return i18n.Invalid("received_on", "attract.err.date", l.ReceivedOn)
	}
	if l.Channel != ByAgency {
		l.Agency = ""
	}
	return nil
}

const dateLayout = "2006-01-02"

func validDate(s string) bool {
	_, err := time.Parse(dateLayout, s)
	return err == nil
}

// addDays is day plus n days.
func addDays(day string, n int) string {
	t, err := time.Parse(dateLayout, day)
	if err != nil {
		return day
	}
	return t.AddDate(0, 0, n).Format(dateLayout)
}

// Move is one move of a lead between stages.
type Move struct {
	ID        int64
	LeadID    int64
	From, To  Stage
	On        string
	Actor     string
	Reason    string
	CreatedAt time.Time
}

// Backward reports whether the move went back.
func (m Move) Backward() bool { return m.To.Index() < m.From.Index() }

// ActivityKind is what was done for a lead.
type ActivityKind string

const (
	Visit      ActivityKind = "visit"      // 走访
	Meeting    ActivityKind = "meeting"    // 洽谈
	Call       ActivityKind = "call"       // 电话联系
	Assessment ActivityKind = "assessment" // 研判
	OtherWork  ActivityKind = "other"      // 其他
)

// ActivityKinds lists the kinds in the order pages offer them.
var ActivityKinds = []ActivityKind{Visit, Meeting, Call, Assessment, OtherWork}

// Activity is one visit, meeting, call or assessment logged on a lead.
type Activity struct {
	ID        int64
	LeadID    int64
	On        string
	Kind      ActivityKind
	Note      string
	Actor     string
	CreatedAt time.Time
}
