package peers

import (
	"strings"
	"time"
)

// Level is the tier a benchmark group compares the zone at.
type Level string

const (
	City     Level = "city"     // 市级: the city's counties, districts and zones
	Province Level = "province" // 省级: the province's zones
	National Level = "national" // 国家级: national high-tech zones
)

// Levels lists the tiers from nearest to widest, the order pages show them.
var Levels = []Level{City, Province, National}

// order is the level's place in Levels.
func (l Level) order() int {
	for i, x := range Levels {
		if x == l {
			return i
		}
	}
	return len(Levels)
}

// ParseLevel reads a level as offices write it, in Chinese or English.
func ParseLevel(s string) (Level, bool) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "city", "市级", "市", "全市", "地市级":
		return City, true
	case "province", "provincial", "省级", "省", "全省":
		return Province, true
	case "national", "nation", "国家级", "国家", "全国":
		return National, true
	}
	return "", false
}

// Direction says which way an indicator is better.
type Direction string

const (
	Higher Direction = "higher" // 越大越好
	Lower  Direction = "lower"  // 越小越好
)

// ParseDirection reads a direction as offices write it.
func ParseDirection(s string) (Direction, bool) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "higher", "high", "higher is better", "越大越好", "越高越好", "正向", "↑":
		return Higher, true
	case "lower", "low", "lower is better", "越小越好", "越低越好", "逆向", "负向", "↓":
		return Lower, true
	}
	return "", false
}

// Group is one benchmark group of a year.
type Group struct {
	ID        int64
	Year      int
	Level     Level
	Name      string
	Order     int
	CreatedAt time.Time
	UpdatedAt time.Time
}

// Member is one place compared in a group; exactly one is the zone.
type Member struct {
	ID      int64
	GroupID int64
	Name    string
	IsZone  bool
	Order   int
}

// Indicator is one zone-level measure a group compares.
type Indicator struct {
	ID        int64
	GroupID   int64
	Code      string
	Name      string
	UOM       string // unit of measure: 亿元, %, 件, 家, 个工作日 …
	Direction Direction
	PlanCode  string // the zone plan's indicator it corresponds to, "" for none
	Order     int
}

// Value is one member's value of one indicator.
type Value struct {
	ID          int64
	IndicatorID int64
	MemberID    int64
	Amount      string // an exact decimal in the indicator's unit: "1204", "7.15", "-2.3"
	Period      string // what it covers: "2019年1-9月", "2018年"
	Source      string // where it comes from
	UpdatedAt   time.Time
}

// Sheet is a group with everything in it: the table its page shows.
type Sheet struct {
	Group
	Members    []Member
	Indicators []Indicator
	Values     map[Cell]Value
}

// Cell addresses a value: indicator and member.
type Cell struct{ Indicator, Member int64 }

// Zone is the member that is the zone, or false when the group has none
// (which the store never lets happen).
func (sh *Sheet) Zone() (Member, bool) {
	for _, m := range sh.Members {
		if m.IsZone {
			return m, true
		}
	}
	return Member{}, false
}

// Value is the value of member m for indicator in, if there is one.
func (sh *Sheet) Value(in, m int64) (Value, bool) {
	v, ok := sh.Values[Cell{in, m}]
	return v, ok
}

// Indicator finds an indicator of the group by code.
func (sh *Sheet) Indicator(code string) (Indicator, bool) {
	for _, in := range sh.Indicators {
		if in.Code == code {
			return in, true
		}
	}
	return Indicator{}, false
}

// Member finds a member of the group by id.
func (sh *Sheet) Member(id int64) (Member, bool) {
	for _, m := range sh.Members {
		if m.ID == id {
			return m, true
		}
	}
	return Member{}, false
}

// Entries are the indicator's values as the ranking takes them, one per
// member in the group's order; a member without a value has a nil Value.
func (sh *Sheet) Entries(in Indicator) []Entry {
	out := make([]Entry, len(sh.Members))
	for i, m := range sh.Members {
		out[i] = Entry{Member: m.ID}
		if v, ok := sh.Value(in.ID, m.ID); ok {
			out[i].Value = Rat(v.Amount)
		}
	}
	return out
}

// Standing is where the zone stands in this group on one indicator.
func (sh *Sheet) Standing(in Indicator) Standing {
	zone, _ := sh.Zone()
	return Rank(in.Direction, sh.Entries(in), zone.ID)
}
