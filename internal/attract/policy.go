package attract

import (
	"bytes"
	"errors"
	"io"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"

	"gaoxin/internal/i18n"
)

// Policy is a year's reward policy (重奖办法) as the office writes it: rules
// that each reward the leads they select once those reach a stage in the
// year, and caps on what one person, unit or agency can receive. Amounts
// are in 万元.
//
//	name: 高新区2019年双招双引重奖办法
//	year: 2019
//	rules:
//	  - code: A1
//	    name: 到资奖励
//	    stage: funded          # 签约 signed, 到资 funded, …
//	    tiers:                 # by the amount arrived: the highest tier reached
//	      - {from: 10000, amount: 10}
//	      - {from: 50000, amount: 30}
//	    payee: person          # person, unit or agency
//	  - code: A2
//	    name: 中介机构佣金
//	    channels: [agency]
//	    stage: funded
//	    rate: 0.5              # per cent of the amount arrived
//	    cap: 50                # at most this for one lead
//	    payee: agency
//	caps: {person: 100, unit: 300}
type Policy struct {
	Name  string             `yaml:"name"`
	Year  int                `yaml:"year"`
	Rules []Rule             `yaml:"rules"`
	Caps  map[string]float64 `yaml:"caps,omitempty"`
}

// Rule is one rule of a policy. A rule pays a fixed amount, a rate of the
// investment or the amount of the highest tier the investment reaches;
// exactly one of them.
type Rule struct {
	Code     string    `yaml:"code"`
	Name     string    `yaml:"name"`
	Kinds    []Kind    `yaml:"kinds,omitempty"`
	Channels []Channel `yaml:"channels,omitempty"`
	Flags    []Flag    `yaml:"flags,omitempty"` // any of them
	Stage    Stage     `yaml:"stage"`
	Basis    string    `yaml:"basis,omitempty"` // "arrived" (default) or "expected": the investment rates and tiers read
	Amount   float64   `yaml:"amount,omitempty"`
	Rate     float64   `yaml:"rate,omitempty"` // per cent
	Tiers    []Tier    `yaml:"tiers,omitempty"`
	Cap      float64   `yaml:"cap,omitempty"`
	Payee    string    `yaml:"payee"`
}

// Tier is one step of a tiered rule: from an investment (万元) upwards,
// the amount.
type Tier struct {
	From   float64 `yaml:"from"`
	Amount float64 `yaml:"amount"`
}

// Payees a rule can pay.
const (
	PayPerson = "person"
	PayUnit   = "unit"
	PayAgency = "agency"
)

var payees = []string{PayPerson, PayUnit, PayAgency}

// ParsePolicy reads a policy file and checks it through; every problem
// comes back at once in an *i18n.ImportError whose rows are the file's
// line numbers.
func ParsePolicy(name string, data []byte) (*Policy, error) {
	var p Policy
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(&p); err != nil && !errors.Is(err, io.EOF) {
		return nil, yamlError(name, err)
	}
	var root yaml.Node
	if err := yaml.Unmarshal(data, &root); err != nil {
		return nil, yamlError(name, err)
	}
	lines := ruleLines(&root)
	var rows []i18n.RowError
	bad := func(rule int, field, key string, args ...any) {
		line := 1
		if rule >= 0 && rule < len(lines) {
			line = lines[rule]
		} else if k, _ := topLevel(&root, field); rule < 0 && k != nil {
			line = k.Line
		}
		rows = append(rows, i18n.RowError{Row: line, Column: field, Msg: i18n.M(key, args...)})
	}
	if strings.TrimSpace(p.Name) == "" {
		bad(-1, "name", "attract.policy.err.name")
	}
	if p.Year < 2000 || p.Year > 2100 {
		bad(-1, "year", "attract.policy.err.year")
	}
	if len(p.Rules) == 0 {
		bad(-1, "rules", "attract.policy.err.no_rules")
	}
	if _, caps := topLevel(&root, "caps"); caps != nil { // in the file's order, each on its line
		for i := 0; i+1 < len(caps.Content); i += 2 {
			who := caps.Content[i].Value
			if c := p.Caps[who]; !slices.Contains(payees, who) || c <= 0 {
				rows = append(rows, i18n.RowError{Row: caps.Content[i].Line, Column: "caps", Msg: i18n.M("attract.policy.err.cap_payee", who)})
			}
		}
	}
	seen := map[string]bool{}
	for i := range p.Rules {
		r := &p.Rules[i]
		r.Code, r.Name = strings.TrimSpace(r.Code), strings.TrimSpace(r.Name)
		if r.Code == "" || seen[r.Code] {
			bad(i, "code", "attract.policy.err.code", r.Code)
		}
		seen[r.Code] = true
		if r.Name == "" {
			bad(i, "name", "attract.policy.err.rule_name", r.Code)
		}
		if !r.Stage.Valid() {
			bad(i, "stage", "attract.policy.err.stage", r.Code, string(r.Stage))
		}
		for _, k := range r.Kinds {
			if !slices.Contains(Kinds, k) {
				bad(i, "kinds", "attract.err.kind", string(k))
			}
		}
		for _, c := range r.Channels {
			if !slices.Contains(Channels, c) {
				bad(i, "channels", "attract.err.channel", string(c))
			}
		}
		for _, f := range r.Flags {
			if !slices.Contains(Flags, f) {
				bad(i, "flags", "attract.err.flag", string(f))
			}
		}
		if r.Basis == "" {
			r.Basis = "arrived"
		}
		if r.Basis != "arrived" && r.Basis != "expected" {
			bad(i, "basis", "attract.policy.err.basis", r.Code, r.Basis)
		}
		ways := 0
		for _, set := range []bool{r.Amount != 0, r.Rate != 0, len(r.Tiers) > 0} {
			if set {
				ways++
			}
		}
		if ways != 1 {
			bad(i, "amount", "attract.policy.err.one_way", r.Code)
		}
		if r.Amount < 0 || r.Rate < 0 || r.Rate > 100 || r.Cap < 0 {
			bad(i, "amount", "attract.policy.err.negative", r.Code)
		}
		for j, t := range r.Tiers {
			if t.From < 0 || t.Amount <= 0 || j > 0 && (t.From <= r.Tiers[j-1].From || t.Amount < r.Tiers[j-1].Amount) {
				bad(i, "tiers", "attract.policy.err.tiers", r.Code)
				break
			}
		}
		if !slices.Contains(payees, r.Payee) {
			bad(i, "payee", "attract.policy.err.payee", r.Code, r.Payee)
		}
	}
	if len(rows) > 0 {
		return nil, &i18n.ImportError{File: name, Rows: rows}
	}
	return &p, nil
}

var unknownField = regexp.MustCompile(`line (\d+): field (\S+) not found`)

// yamlError puts a YAML problem on its line, in the user's language where
// its kind is known (a field the policy has not got).
func yamlError(name string, err error) *i18n.ImportError {
	var rows []i18n.RowError
	for _, m := range unknownField.FindAllStringSubmatch(err.Error(), -1) {
		line, _ := strconv.Atoi(m[1])
		rows = append(rows, i18n.RowError{Row: line, Column: m[2], Msg: i18n.M("attract.policy.err.field", m[2])})
	}
	if len(rows) == 0 {
		line := 1
		if m := regexp.MustCompile(`line (\d+)`).FindStringSubmatch(err.Error()); m != nil {
			line, _ = strconv.Atoi(m[1])
		}
		rows = append(rows, i18n.RowError{Row: line, Msg: i18n.M("attract.policy.err.yaml")})
	}
	return &i18n.ImportError{File: name, Rows: rows}
}

// topLevel is the key and the value of one of the file's top-level
// fields; nil when the file has not got it.
func topLevel(root *yaml.Node, field string) (key, value *yaml.Node) {
	if root == nil || len(root.Content) == 0 {
		return nil, nil
	}
	doc := root.Content[0]
	for i := 0; i+1 < len(doc.Content); i += 2 {
		if doc.Content[i].Value == field {
			return doc.Content[i], doc.Content[i+1]
		}
	}
	return nil, nil
}

// ruleLines is the line of each entry of the rules list.
func ruleLines(root *yaml.Node) []int {
	_, rules := topLevel(root, "rules")
	if rules == nil {
		return nil
	}
	var lines []int
	for _, r := range rules.Content {
		lines = append(lines, r.Line)
	}
	return lines
}
