package audit

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"slices"
	"sort"
	"strings"

	"gaoxin/internal/db"
)

// The chain proves the trail was not rewritten; the replay below proves
// the live tables are what the trail says they are. Each audited kind of
// record states, for every change, the record as it stands after it.
// Replaying the trail gives what every record must be now; a record that
// differs, that no entry wrote, or that the trail has and the table lost
// was changed behind the application's back.

// A Kind is a kind of audited record, with the entries that state it and
// the live rows to hold them against.
type Kind struct {
	Entity string // the entries' entity, e.g. "figure"
	// Except are the actions on the entity whose after-state is not the
	// whole record (an attachment, a sign-in); every other action's is.
	Except []string
	// State decodes one after-state into the compared form: the fields
	// that matter, encoded the same way Live encodes them.
	State func(after json.RawMessage) ([]byte, error)
	// Live calls each with every live record, by id.
	Live func(ctx context.Context, q db.Querier, each func(id string, state []byte) error) error
	// Names says which records ids are, for people, e.g. "新城街道 · CJ03 · 2019-01".
	Names func(ctx context.Context, q db.Querier, ids []string) (map[string]string, error)
}

// StateOf makes a Kind's State and encodes Live's rows for a record type
// S: both sides go through S, so they compare field by field.
func StateOf[S any]() func(json.RawMessage) ([]byte, error) {
	return func(raw json.RawMessage) ([]byte, error) {
		var s S
		if err := json.Unmarshal(raw, &s); err != nil {
			return nil, err
		}
		return json.Marshal(s)
	}
}

// Encode is how a Live function encodes a record of its type.
func Encode[S any](s S) []byte {
	b, _ := json.Marshal(s)
	return b
}

// ActionBaseline states many records of a kind at once: an installation
// whose older entries do not carry whole records states them once, as
// they are, in entries of its own (Baseline).
const ActionBaseline = "audit.baseline"

// Problem is what is wrong with a record.
type Problem string

const (
	Differs    Problem = "differs"    // the table holds other values than the trail says
	Unrecorded Problem = "unrecorded" // in the table, but no entry wrote it
	Missing    Problem = "missing"    // the trail has it, the table does not
)

// Finding is one record the live tables and the trail disagree on.
type Finding struct {
	Entity  string
	ID      string
	Name    string // for people; may be empty
	Problem Problem
	Seq     int64  // the entry that last stated the record, when there is one
	Actor   string // who wrote that entry
	Fields  []FieldDiff
}

// FieldDiff is one field that differs: as the table holds it and as the trail.
type FieldDiff struct {
	Field string
	Live  string
	Trail string
}

func (f Finding) String() string {
	name := f.Entity + " " + f.ID
	if f.Name != "" {
		name += " (" + f.Name + ")"
	}
	switch f.Problem {
	case Unrecorded:
		return name + ": in the database, but no audit entry wrote it"
	case Missing:
		return fmt.Sprintf("%s: written by audit entry %d by %s, but not in the database", name, f.Seq, f.Actor)
	}
	parts := make([]string, len(f.Fields))
	for i, d := range f.Fields {
		parts[i] = fmt.Sprintf("%s %s in the database, %s in audit entry %d by %s", d.Field, d.Live, d.Trail, f.Seq, f.Actor)
	}
	return name + ": " + strings.Join(parts, "; ")
}

// StateReport is what a replay found.
type StateReport struct {
	Records  int64     // live records held against the trail
	Problems int64     // records that disagree, all of them
	Findings []Finding // the first MaxFindings of them, by kind and id
}

// MaxFindings bounds the findings a report names; Problems counts them all.
const MaxFindings = 1000

type claim struct {
	digest [16]byte
	seq    int64
	gone   bool
}

// CheckState replays the trail's statements of every kind and holds the
// live tables against them.
func CheckState(ctx context.Context, q db.Querier, kinds []Kind) (StateReport, error) {
	var rep StateReport
	for _, k := range kinds {
		claims, err := replay(ctx, q, k)
		if err != nil {
			return rep, fmt.Errorf("audit: replay %s: %w", k.Entity, err)
		}
		var found []Finding
		note := func(f Finding) {
			rep.Problems++
			if len(rep.Findings)+len(found) < MaxFindings {
				found = append(found, f)
			}
		}
		err = k.Live(ctx, q, func(id string, state []byte) error {
			rep.Records++
			c, ok := claims[id]
			delete(claims, id)
			switch {
			case !ok || c.gone:
				note(Finding{Entity: k.Entity, ID: id, Problem: Unrecorded, Seq: c.seq})
			case c.digest != digest(state):
				note(Finding{Entity: k.Entity, ID: id, Problem: Differs, Seq: c.seq, Fields: []FieldDiff{{Live: string(state)}}})
			}
			return nil
		})
		if err != nil {
			return rep, fmt.Errorf("audit: read %s: %w", k.Entity, err)
		}
		for id, c := range claims {
			if !c.gone {
				note(Finding{Entity: k.Entity, ID: id, Problem: Missing, Seq: c.seq})
			}
		}
		if err := explain(ctx, q, k, found); err != nil {
			return rep, err
		}
		sort.Slice(found, func(i, j int) bool { return lessID(found[i].ID, found[j].ID) })
		rep.Findings = append(rep.Findings, found...)
	}
	return rep, nil
}

// replay reads every statement of a kind, in order: the last one of each
// record is what the record must be.
func replay(ctx context.Context, q db.Querier, k Kind) (map[string]claim, error) {
	except := ""
	args := []any{k.Entity}
	for _, a := range k.Except {
		args = append(args, a)
		except += fmt.Sprintf(" AND action <> $%d", len(args))
	}
	rows, err := q.Query(ctx, `SELECT seq, action, entity_id, after_json FROM audit_log
		WHERE entity = $1`+except+` ORDER BY seq`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	claims := map[string]claim{}
	for rows.Next() {
		var seq int64
		var action, ids, after string
		if err := rows.Scan(&seq, &action, &ids, &after); err != nil {
			return nil, err
		}
		err := statements(action, ids, []byte(after), func(id string, raw json.RawMessage) error {
			if raw == nil || string(raw) == "null" {
				claims[id] = claim{seq: seq, gone: true}
				return nil
			}
			state, err := k.State(raw)
			if err != nil {
				return fmt.Errorf("entry %d: %w", seq, err)
			}
			claims[id] = claim{digest: digest(state), seq: seq}
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	return claims, rows.Err()
}

// statements splits an entry into the records it states: one record; a
// batch, whose ids are comma-separated and whose after-state is a list in
// the same order; or a baseline, an object by id.
func statements(action, ids string, after []byte, each func(id string, raw json.RawMessage) error) error {
	if action == ActionBaseline {
		var byID map[string]json.RawMessage
		if err := json.Unmarshal(after, &byID); err != nil {
			return err
		}
		for id, raw := range byID {
			if err := each(id, raw); err != nil {
				return err
			}
		}
		return nil
	}
	list := strings.Split(ids, ",")
	if len(list) == 1 {
		return each(ids, after)
	}
	var states []json.RawMessage
	if err := json.Unmarshal(after, &states); err != nil || len(states) != len(list) {
		return fmt.Errorf("a batch of %d records does not state %d", len(list), len(list))
	}
	for i, id := range list {
		if err := each(id, states[i]); err != nil {
			return err
		}
	}
	return nil
}

// explain fills in the findings' names, and for a record that differs,
// the entry that last stated it, who wrote it, and the fields that differ.
func explain(ctx context.Context, q db.Querier, k Kind, found []Finding) error {
	if len(found) == 0 {
		return nil
	}
	ids := make([]string, len(found))
	for i, f := range found {
		ids[i] = f.ID
	}
	if k.Names != nil {
		names, err := k.Names(ctx, q, ids)
		if err != nil {
			return err
		}
		for i := range found {
			found[i].Name = names[found[i].ID]
		}
	}
	for i := range found {
		f := &found[i]
		if f.Seq == 0 {
			continue
		}
		var action, entityIDs, after string
		if err := q.QueryRow(ctx, "SELECT actor, action, entity_id, after_json FROM audit_log WHERE seq = $1", f.Seq).
			Scan(&f.Actor, &action, &entityIDs, &after); err != nil {
			return err
		}
		if f.Problem != Differs {
			continue
		}
		live := []byte(f.Fields[0].Live)
		err := statements(action, entityIDs, []byte(after), func(id string, raw json.RawMessage) error {
			if id != f.ID {
				return nil
			}
			trail, err := k.State(raw)
			if err != nil {
				return err
			}
			f.Fields = fieldDiffs(live, trail)
			return nil
		})
		if err != nil {
			return err
		}
	}
	return nil
}

// fieldDiffs lists the top-level fields in which two encoded records differ.
func fieldDiffs(live, trail []byte) []FieldDiff {
	var a, b map[string]json.RawMessage
	json.Unmarshal(live, &a)
	json.Unmarshal(trail, &b)
	var names []string
	for name := range a {
		names = append(names, name)
	}
	for name := range b {
		if _, ok := a[name]; !ok {
			names = append(names, name)
		}
	}
	slices.Sort(names)
	var out []FieldDiff
	for _, name := range names {
		if !bytes.Equal(a[name], b[name]) {
			out = append(out, FieldDiff{Field: name, Live: shown(a[name]), Trail: shown(b[name])})
		}
	}
	return out
}

func shown(raw json.RawMessage) string {
	if raw == nil {
		return "nothing"
	}
	var s string
	if json.Unmarshal(raw, &s) == nil {
		return s
	}
	return string(raw)
}

func digest(state []byte) [16]byte {
	s := sha256.Sum256(state)
	return [16]byte(s[:16])
}

// lessID orders numeric ids as numbers, others as text.
func lessID(a, b string) bool {
	if len(a) != len(b) && strings.Trim(a+b, "0123456789") == "" {
		return len(a) < len(b)
	}
	return a < b
}

// baselineChunk is how many records one baseline entry states.
const baselineChunk = 2000

// Baseline states, in entries of its own, every record the trail does not
// state as it is: records written before their writes carried whole
// records, or loaded in bulk by the data-set generator. It accepts the
// tables as they are, so it is an office's deliberate act, recorded under
// its actor; it returns how many records it stated.
func Baseline(ctx context.Context, d *db.DB, who Actor, kinds []Kind) (int64, error) {
	var total int64
	for _, k := range kinds {
		claims, err := replay(ctx, d, k)
		if err != nil {
			return total, fmt.Errorf("audit: replay %s: %w", k.Entity, err)
		}
		var chunks []map[string]json.RawMessage
		add := func(id string, state json.RawMessage) {
			if len(chunks) == 0 || len(chunks[len(chunks)-1]) == baselineChunk {
				chunks = append(chunks, map[string]json.RawMessage{})
			}
			chunks[len(chunks)-1][id] = state
			total++
		}
		err = k.Live(ctx, d, func(id string, state []byte) error {
			c, ok := claims[id]
			delete(claims, id)
			if !ok || c.gone || c.digest != digest(state) {
				add(id, append(json.RawMessage(nil), state...))
			}
			return nil
		})
		if err != nil {
			return total, fmt.Errorf("audit: read %s: %w", k.Entity, err)
		}
		for id, c := range claims {
			if !c.gone {
				add(id, json.RawMessage("null"))
			}
		}
		for _, chunk := range chunks {
			err := d.Write(ctx, func(tx *db.Tx) error {
				return Record(ctx, tx, who, ActionBaseline, k.Entity, fmt.Sprintf("%d records", len(chunk)), nil, chunk)
			})
			if err != nil {
				return total, err
			}
		}
	}
	return total, nil
}
