package peers

import (
	"strings"
	"unicode/utf8"

	"gaoxin/internal/i18n"
)

// Longest texts the store keeps, in characters.
const (
	maxName   = 60
	maxCode   = 32
	maxUOM    = 16
	maxPeriod = 40
	maxSource = 200
)

// GroupFields are what creating a group takes. Zone is the name the zone
// goes by in this group ("潍坊高新区"); it becomes the first member.
type GroupFields struct {
	Year  int
	Level Level
	Name  string
	Zone  string
}

// Validate trims the fields and reports the first problem.
func (f *GroupFields) Validate() *i18n.Error {
	f.Name, f.Zone = strings.TrimSpace(f.Name), strings.TrimSpace(f.Zone)
	if f.Year < 2000 || f.Year > 2100 {
		return i18n.Invalid("year", "peers.err.year")
	}
	if f.Level.order() == len(Levels) {
		return i18n.Invalid("level", "peers.err.level", string(f.Level))
	}
	if err := text("name", f.Name, maxName, true); err != nil {
		return err
	}
	if f.Zone == "" {
		return i18n.Invalid("zone", "peers.err.zone_blank")
	}
	return text("zone", f.Zone, maxName, true)
}

// IndicatorFields are what adding or changing an indicator takes.
type IndicatorFields struct {
	Code      string
	Name      string
	UOM       string
	Direction Direction
	PlanCode  string
}

// Validate trims the fields and reports the first problem.
func (f *IndicatorFields) Validate() *i18n.Error {
	f.Code, f.Name = strings.TrimSpace(f.Code), strings.TrimSpace(f.Name)
	f.UOM, f.PlanCode = strings.TrimSpace(f.UOM), strings.TrimSpace(f.PlanCode)
	if !validCode(f.Code) {
		return i18n.Invalid("code", "peers.err.code", f.Code)
	}
	if err := text("name", f.Name, maxName, true); err != nil {
		return err
	}
	if err := text("uom", f.UOM, maxUOM, false); err != nil {
		return err
	}
	if f.Direction != Higher && f.Direction != Lower {
		return i18n.Invalid("direction", "peers.err.direction", string(f.Direction))
	}
	if f.PlanCode != "" && !validCode(f.PlanCode) {
		return i18n.Invalid("plan_code", "peers.err.code", f.PlanCode)
	}
	return nil
}

// validCode allows what plan codes use: letters, digits and _ - .
func validCode(s string) bool {
	if s == "" || len(s) > maxCode {
		return false
	}
	for _, r := range s {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '_' || r == '-' || r == '.') {
			return false
		}
	}
	return true
}

// text checks a free text for blankness and length.
func text(field, s string, most int, required bool) *i18n.Error {
	if required && s == "" {
		return i18n.Invalid(field, "peers.err.blank")
	}
	if utf8.RuneCountInString(s) > most {
		return i18n.Invalid(field, "peers.err.too_long", most)
	}
	return nil
}

// memberName checks a member's name.
func memberName(name string) (string, *i18n.Error) {
	name = strings.TrimSpace(name)
	return name, text("name", name, maxName, true)
}

// Note is what accompanies values: the period they cover and their source.
type Note struct {
	Period string
	Source string
}

// Validate trims the note and checks its length.
func (n *Note) Validate() *i18n.Error {
	n.Period, n.Source = strings.TrimSpace(n.Period), strings.TrimSpace(n.Source)
	if err := text("period", n.Period, maxPeriod, false); err != nil {
		return err
	}
	return text("source", n.Source, maxSource, false)
}
