package planio

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"strings"

	"gaoxin/internal/i18n"
)

// Mapping says how a file that is not in gaoxin's layout feeds an import.
// The zero Mapping reads gaoxin's own layout. docs/PLAN_IMPORT.md describes
// the JSON form with examples.
type Mapping struct {
	// Columns names, for a field, the source header that feeds it, or
	// several headers whose cells are joined with "-" (PERIOD_YEAR and
	// PERIOD_MONTH give "2017-11", a month). A field not named here is
	// looked for under gaoxin's own headers.
	Columns map[string]List `json:"columns"`
	// Values translates, for a field, source values into gaoxin's: U →
	// higher. The key "*" stands for every value not listed; a value not
	// listed and without "*" passes unchanged. A translation to several
	// values makes one row of each, as when a source row is both the zone's
	// row of an indicator and its division's.
	Values map[string]map[string]List `json:"values"`
	// Filter keeps only the rows whose cell under a source header is one of
	// the listed values, e.g. {"PERIOD_YEAR": "2017"}.
	Filter map[string]List `json:"filter"`
	// Repeats says what to do when rows repeat the same key (an indicator
	// and unit; for figures also the month): "" reports each repeat as a
	// problem; "last" keeps the last such row of the file, for monthly
	// extracts that repeat an indicator's attributes on every month's row.
	Repeats string `json:"repeats"`
}

// List is one value or several; in JSON a string or an array of strings.
type List []string

// UnmarshalJSON accepts "x" as well as ["x", "y"].
func (l *List) UnmarshalJSON(b []byte) error {
	var one string
	if err := json.Unmarshal(b, &one); err == nil {
		*l = List{one}
		return nil
	}
	var many []string
	if err := json.Unmarshal(b, &many); err != nil {
		return fmt.Errorf("expected a string or a list of strings, got %s", b)
	}
	*l = many
	return nil
}

// ReadMapping reads a mapping file. Unknown keys are refused, so that a
// misspelt "colums" does not silently import nothing.
func ReadMapping(r io.Reader) (Mapping, error) {
	body, err := io.ReadAll(r)
	if err != nil {
		return Mapping{}, err
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	var m Mapping
	if err := dec.Decode(&m); err != nil {
		// The decoder's words name the key or the offset; they are kept
		// inside the message in the user's language.
		return Mapping{}, i18n.Invalid("map", "planio.map_unreadable", err.Error())
	}
	if m.Repeats != "" && m.Repeats != "last" {
		return Mapping{}, i18n.Invalid("map", "planio.map_repeats", m.Repeats)
	}
	return m, nil
}

// check refuses a mapping that names a field this import does not have:
// it was surely meant for the other import, or misspelt.
func (m Mapping) check(fields []field) error {
	known := map[string]bool{}
	var names []string
	for _, f := range fields {
		known[f.name] = true
		names = append(names, f.name)
	}
	var used []string
	for name := range m.Columns {
		used = append(used, name)
	}
	for name := range m.Values {
		used = append(used, name)
	}
	sort.Strings(used)
	for _, name := range used {
		if !known[name] {
			return i18n.Invalid("map", "planio.map_field", name, strings.Join(names, ", "))
		}
	}
	return nil
}

// translate turns a source value into gaoxin's value or values.
func (m Mapping) translate(field, v string) List {
	table, ok := m.Values[field]
	if !ok {
		return List{v}
	}
	if out, ok := table[v]; ok {
		return out
	}
	if out, ok := table["*"]; ok {
		return out
	}
	return List{v}
}
