package enterprise

import "time"

// Enterprise is one firm of the registry.
type Enterprise struct {
	ID         int64
	CreditCode string
	Name       string
	UnitID     int64 // the street or park it belongs to
	Industry   string
	Address    string
	CreatedAt  time.Time
	UpdatedAt  time.Time
}

// Year is what a firm reports for a year; nil where it did not say.
// Revenue and R&D spend are in 万元.
type Year struct {
	EnterpriseID int64
	Year         int
	Revenue      *float64
	Employees    *int
	RDSpend      *float64
	Patents      *int
}

// Kind is a tier a firm can hold.
type Kind string

const (
	HighTech       Kind = "hightech"        // 高新技术企业: a certificate for three years
	Gazelle        Kind = "gazelle"         // 瞪羚企业
	HiddenChampion Kind = "hidden_champion" // 隐形冠军
	ChampionPool   Kind = "champion_pool"   // 隐形冠军后备
	SingleChampion Kind = "single_champion" // 制造业单项冠军
	AboveScale     Kind = "above_scale"     // 规模以上
	OverHundredM   Kind = "over_100m"       // 主营业务收入过亿元
)

// Kinds lists the tiers in the order pages show them.
var Kinds = []Kind{HighTech, Gazelle, HiddenChampion, ChampionPool, SingleChampion, AboveScale, OverHundredM}

// Valid reports whether k is one of Kinds.
func (k Kind) Valid() bool {
	for _, v := range Kinds {
		if v == k {
			return true
		}
	}
	return false
}

// validYears is how long a grant of the tier lasts when no expiry is
// given: a 高新技术企业 certificate three years; the others until ended.
func (k Kind) validYears() int {
	if k == HighTech {
		return 3
	}
	return 0
}

// Tier is one grant of a tier to a firm. It holds from GrantedOn until
// ExpiresOn and until EndedOn, each exclusive and "" for none.
type Tier struct {
	ID           int64
	EnterpriseID int64
	Kind         Kind
	GrantedOn    string
	ExpiresOn    string
	Certificate  string
	Note         string
	EndedOn      string
	EndReason    string
	CreatedAt    time.Time
}

// HoldsOn reports whether the tier holds on day (2006-01-02).
func (t Tier) HoldsOn(day string) bool {
	return t.GrantedOn <= day && (t.ExpiresOn == "" || day < t.ExpiresOn) && (t.EndedOn == "" || day < t.EndedOn)
}
