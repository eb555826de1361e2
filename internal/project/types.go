package project

import (
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"gaoxin/internal/i18n"
)

// Level is the government level that lists a project as key: 省重点,
// 市重点 or 区重点.
type Level string

const (
	Province Level = "province"
	City     Level = "city"
	District Level = "district"
)

// Levels lists the levels, highest first.
var Levels = []Level{Province, City, District}

// Category is one entry of the configurable list of project categories.
type Category struct {
	Code, Name, NameEN string
	Order              int
}

// Label is the category's name in lang.
func (c Category) Label(lang i18n.Lang) string {
	if lang == i18n.EN && c.NameEN != "" {
		return c.NameEN
	}
	return c.Name
}

// Project is one key project, infrastructure work or livelihood piece.
// Money is in 万元.
type Project struct {
	ID              int64
	Code            string
	Name            string
	Category        string
	Cluster         string // industry cluster (产业链), free text
	LeadUnitID      int64
	Cooperators     []int64
	Leader          string // responsible leader (责任领导)
	Investor        string
	Location        string
	TotalInvestment float64
	Content         string // construction content (建设内容)
	Capacity        string // planned capacity (设计产能)
	StartYear       int
	EndYear         int
	Level           Level
	Tags            []string
	CreatedAt       time.Time
	UpdatedAt       time.Time
}

// validate checks what a user sets on a project; the unit and category
// are checked against the database by the store.
func (p *Project) validate() *i18n.Error {
	p.Code, p.Name = strings.TrimSpace(p.Code), strings.TrimSpace(p.Name)
	p.Cluster, p.Leader, p.Investor = strings.TrimSpace(p.Cluster), strings.TrimSpace(p.Leader), strings.TrimSpace(p.Investor)
	p.Location, p.Content, p.Capacity = strings.TrimSpace(p.Location), strings.TrimSpace(p.Content), strings.TrimSpace(p.Capacity)
	if p.Level == "" {
		p.Level = District
	}
	var tags []string
	for _, t := range p.Tags {
		if t = strings.TrimSpace(t); t != "" && !slices.Contains(tags, t) {
			tags = append(tags, t)
		}
	}
	p.Tags = tags
	switch {
	case p.Code == "" || utf8.RuneCountInString(p.Code) > 32:
		return i18n.Invalid("code", "project.err.code")
	case p.Name == "" || utf8.RuneCountInString(p.Name) > 200:
		return i18n.Invalid("name", "project.err.name")
	case p.LeadUnitID == 0:
		return i18n.Invalid("lead_unit", "project.err.unit")
	case p.TotalInvestment <= 0:
		return i18n.Invalid("total_investment", "project.err.total")
	case p.StartYear < 2000 || p.StartYear > 2100 || p.EndYear < p.StartYear || p.EndYear > 2100:
		return i18n.Invalid("start_year", "project.err.years")
	case !slices.Contains(Levels, p.Level):
		return i18n.Invalid("level", "project.err.level")
	}
	return nil
}

// Year is a project's plan for one year. Profile, when set, holds twelve
// cumulative monthly amounts (序时); otherwise the plan is spread evenly.
type Year struct {
	ProjectID         int64
	Year              int
	PlannedInvestment float64
	Profile           []float64
	ProgressGoal      string // 形象进度 goal
	InvestedBefore    float64
}

// ExpectedBy is the investment the plan expects by the end of month
// (1–12), year to date.
func (y Year) ExpectedBy(month int) float64 {
	if month <= 0 {
		return 0
	}
	month = min(month, 12)
	if len(y.Profile) == 12 {
		return y.Profile[month-1]
	}
	return y.PlannedInvestment * float64(month) / 12
}

// Stage is one stage node of a project.
type Stage string

// Stages are the nodes a project passes, in order.
var Stages = []Stage{"plan", "sign", "approve", "land", "planning", "permit", "start", "topped", "complete", "operate", "effect"}

// Valid reports whether s is one of Stages.
func (s Stage) Valid() bool { return slices.Contains(Stages, s) }

// StageOf reads a stage by its code or its Chinese name (开工).
func StageOf(text string) (Stage, bool) {
	text = strings.TrimSpace(text)
	for _, s := range Stages {
		if string(s) == text || i18n.T(i18n.ZH, "project.stage."+string(s)) == text {
			return s, true
		}
	}
	return "", false
}

// Node is a stage node with its planned and actual dates (2006-01-02).
type Node struct {
	ID        int64
	ProjectID int64
	Stage     Stage
	PlannedOn string
	ActualOn  string
	Owner     string
	Evidence  string
	Done      bool
}

// Problem is one entry of a project's problem list (问题清单).
type Problem struct {
	ID          int64
	ProjectID   int64
	Title       string
	OwnerUnitID int64
	Leader      string // coordinating leader (协调领导)
	Deadline    string
	Closed      bool
	Resolution  string
	RaisedOn    string
	ClosedOn    string
}

// OverdueOn reports whether the problem is open past its deadline on day.
func (p Problem) OverdueOn(day string) bool { return !p.Closed && p.Deadline < day }
