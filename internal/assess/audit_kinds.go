package assess

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"strconv"

	"gaoxin/internal/audit"
	"gaoxin/internal/db"
	"gaoxin/internal/i18n"
)

// The assessment's audited records, held against the trail: every entry
// on one of them states the whole record after the change, through the
// same state type the live rows are read into, so that a score, a status
// or a scheme changed in the database behind the application is named.
// The state types below are what the entries carry; adding a field to one
// adds it to every entry written from then on.

// AuditKinds are the assessment's kinds of audited record: schemes,
// bonus/deduction/veto records, rating rounds and forms, and published
// results.
func AuditKinds() []audit.Kind {
	return []audit.Kind{schemeKind(), recordKind(), roundKind(), formKind(), resultKind()}
}

// recordState is a bonus, deduction or veto record as the trail states it:
// what it does to which unit, where it stands, and who entered, last
// changed and decided it, since approval rests on those being different
// people.
type recordState struct {
	Year        int    `json:"year"`
	UnitID      int64  `json:"unit_id"`
	Kind        string `json:"kind"`
	Level       string `json:"level"`
	Veto        string `json:"veto"`
	Name        string `json:"name"`
	Type        string `json:"type"`
	Points      string `json:"points"`
	Item        string `json:"item"`
	EventOn     string `json:"event_on"`
	Description string `json:"description"`
	Status      string `json:"status"`
	Reason      string `json:"reason"`
	CreatedBy   int64  `json:"created_by"`
	UpdatedBy   int64  `json:"updated_by"`
	DecidedBy   int64  `json:"decided_by"`
}

func stateOfRecord(r Record) recordState {
	return recordState{Year: r.Year, UnitID: r.UnitID, Kind: string(r.Kind), Level: r.Level, Veto: r.Veto, Name: r.Name,
		Type: r.Type, Points: r.Points, Item: r.Item, EventOn: r.EventOn, Description: r.Description,
		Status: string(r.Status), Reason: r.Reason, CreatedBy: r.CreatedBy, UpdatedBy: r.UpdatedBy, DecidedBy: r.DecidedBy}
}

// recordKind leaves out record.attach: its entry states the evidence
// filed, not the record.
func recordKind() audit.Kind {
	return audit.Kind{
		Entity: "assessment_record",
		Except: []string{"record.attach"},
		State:  audit.StateOf[recordState](),
		Live: func(ctx context.Context, q db.Querier, each func(string, []byte) error) error {
			return audit.EachRow(ctx, q, `SELECT id, year, unit_id, kind, level, veto, name, type, points, item, event_on, description,
				status, reason, COALESCE(created_by, 0), COALESCE(updated_by, 0), COALESCE(decided_by, 0)
				FROM assessment_records ORDER BY id`, func(row audit.Scanner) (int64, []byte, error) {
				var id int64
				var s recordState
				err := row.Scan(&id, &s.Year, &s.UnitID, &s.Kind, &s.Level, &s.Veto, &s.Name, &s.Type, &s.Points, &s.Item,
					&s.EventOn, &s.Description, &s.Status, &s.Reason, &s.CreatedBy, &s.UpdatedBy, &s.DecidedBy)
				return id, audit.Encode(s), err
			}, each)
		},
		Names: recordNames,
	}
}

// recordNames names a record by its unit, kind and month, e.g.
// "经济发展局 · 扣分 · 2019-11".
func recordNames(ctx context.Context, q db.Querier, ids []string) (map[string]string, error) {
	return audit.NamesByID(ctx, q, ids, `SELECT r.id, u.name, r.kind, r.event_on FROM assessment_records r
		JOIN units u ON u.id = r.unit_id WHERE r.id IN (%s)`, func(row audit.Scanner) (int64, string, error) {
		var id int64
		var unit, kind, eventOn string
		err := row.Scan(&id, &unit, &kind, &eventOn)
		if len(eventOn) > 7 {
			eventOn = eventOn[:7]
		}
		return id, unit + " · " + i18n.T(i18n.ZH, "record.kind."+kind) + " · " + eventOn, err
	})
}

// schemeState is a scheme version as the trail states it. The file itself
// is stated by its SHA-256: the entry stays small, and any change to the
// file's text changes the digest.
type schemeState struct {
	Year    int    `json:"year"`
	Class   string `json:"class"`
	Version int    `json:"version"`
	Name    string `json:"name"`
	SHA256  string `json:"sha256"`
	Draft   bool   `json:"draft"`
}

func stateOfScheme(st Stored) schemeState {
	return schemeState{Year: st.Year, Class: st.Class, Version: st.Version, Name: st.Name, SHA256: st.SHA256, Draft: st.Draft}
}

func schemeKind() audit.Kind {
	return audit.Kind{
		Entity: "scheme",
		State:  audit.StateOf[schemeState](),
		Live: func(ctx context.Context, q db.Querier, each func(string, []byte) error) error {
			return audit.EachRow(ctx, q, `SELECT id, year, class, version, name, body, sha256, draft FROM schemes ORDER BY id`,
				func(row audit.Scanner) (int64, []byte, error) {
					var id int64
					var s schemeState
					var body, stored string
					var draft int
					err := row.Scan(&id, &s.Year, &s.Class, &s.Version, &s.Name, &body, &stored, &draft)
					s.SHA256, s.Draft = bodyDigest(body, stored), draft != 0
					return id, audit.Encode(s), err
				}, each)
		},
		Names: func(ctx context.Context, q db.Querier, ids []string) (map[string]string, error) {
			return audit.NamesByID(ctx, q, ids, `SELECT id, CAST(year AS TEXT) || ' · ' || class || ' · v' || CAST(version AS TEXT)
				FROM schemes WHERE id IN (%s)`, audit.ScanName)
		},
	}
}

// roundState is a rating round as the trail states it.
type roundState struct {
	Year   int    `json:"year"`
	Period string `json:"period"`
	Class  string `json:"class"`
	Item   string `json:"item"`
	Scheme int64  `json:"scheme"`
	Status string `json:"status"`
}

func stateOfRound(r RatingRound) roundState {
	return roundState{Year: r.Year, Period: r.Period, Class: r.Class, Item: r.Item, Scheme: r.SchemeID, Status: string(r.Status)}
}

func roundKind() audit.Kind {
	return audit.Kind{
		Entity: "rating_round",
		State:  audit.StateOf[roundState](),
		Live: func(ctx context.Context, q db.Querier, each func(string, []byte) error) error {
			return audit.EachRow(ctx, q, `SELECT id, year, period, class, item, scheme_id, status FROM rating_rounds ORDER BY id`,
				func(row audit.Scanner) (int64, []byte, error) {
					var id int64
					var s roundState
					err := row.Scan(&id, &s.Year, &s.Period, &s.Class, &s.Item, &s.Scheme, &s.Status)
					return id, audit.Encode(s), err
				}, each)
		},
		Names: func(ctx context.Context, q db.Querier, ids []string) (map[string]string, error) {
			return audit.NamesByID(ctx, q, ids, `SELECT id, `+roundName+` FROM rating_rounds r WHERE id IN (%s)`, audit.ScanName)
		},
	}
}

// roundName names the round r, e.g. "2019 Q1 · 街道 · MZPJ".
const roundName = `CAST(r.year AS TEXT) || ' ' || r.period || ' · ' || r.class || ' · ' || r.item`

// formState is a rater's form as the trail states it: the scores are part
// of the form, by unit id, so that a score changed is the form changed.
// Scores are left out when there are none, so that a form invited (no
// scores) reads the same from the trail and the table.
type formState struct {
	Round  int64             `json:"round"`
	Rater  int64             `json:"rater"`
	Type   string            `json:"type"`
	Status string            `json:"status"`
	Scores map[string]string `json:"scores,omitempty"`
}

func stateOfForm(f RatingForm, scores map[int64]string) formState {
	return formState{Round: f.RoundID, Rater: f.RaterID, Type: f.RaterType, Status: string(f.Status), Scores: auditScores(scores)}
}

func formKind() audit.Kind {
	return audit.Kind{
		Entity: "rating_form",
		State:  audit.StateOf[formState](),
		Live:   liveForms,
		Names: func(ctx context.Context, q db.Querier, ids []string) (map[string]string, error) {
			return audit.NamesByID(ctx, q, ids, `SELECT f.id, u.display_name || ' · ' || `+roundName+` FROM rating_forms f
				JOIN users u ON u.id = f.rater_id JOIN rating_rounds r ON r.id = f.round_id WHERE f.id IN (%s)`, audit.ScanName)
		},
	}
}

// liveForms reads every form with its scores in one pass: the rows of a
// form come together, one per score (or one without a score).
func liveForms(ctx context.Context, q db.Querier, each func(string, []byte) error) error {
	rows, err := q.Query(ctx, `SELECT f.id, f.round_id, f.rater_id, f.rater_type, f.status, s.unit_id, s.score
		FROM rating_forms f LEFT JOIN rating_scores s ON s.form_id = f.id ORDER BY f.id`)
	if err != nil {
		return err
	}
	defer rows.Close()
	var id int64
	var form formState
	flush := func() error {
		if id == 0 {
			return nil
		}
		return each(strconv.FormatInt(id, 10), audit.Encode(form))
	}
	for rows.Next() {
		var rowID int64
		var f formState
		var unit *int64
		var score *string
		if err := rows.Scan(&rowID, &f.Round, &f.Rater, &f.Type, &f.Status, &unit, &score); err != nil {
			return err
		}
		if rowID != id {
			if err := flush(); err != nil {
				return err
			}
			id, form = rowID, f
		}
		if unit != nil && score != nil {
			if form.Scores == nil {
				form.Scores = map[string]string{}
			}
			form.Scores[strconv.FormatInt(*unit, 10)] = *score
		}
	}
	if err := rows.Err(); err != nil {
		return err
	}
	return flush()
}

// resultState is a published result as the trail states it. The snapshot
// (every unit's items, inputs, explanations, totals and ranks) runs to
// hundreds of kilobytes, so the entry carries its SHA-256, as the table
// does beside it: any figure, score or rank changed in the snapshot
// changes the digest.
type resultState struct {
	Year     int    `json:"year"`
	Period   string `json:"period"`
	Class    string `json:"class"`
	Version  int    `json:"version"`
	SchemeID int64  `json:"scheme_id"`
	SHA256   string `json:"sha256"`
	Note     string `json:"note"`
}

func stateOfResult(p Published) resultState {
	return resultState{Year: p.Year, Period: p.Period, Class: p.Class, Version: p.Version, SchemeID: p.SchemeID,
		SHA256: p.SHA256, Note: p.Note}
}

func resultKind() audit.Kind {
	return audit.Kind{
		Entity: "assessment_result",
		State:  audit.StateOf[resultState](),
		Live: func(ctx context.Context, q db.Querier, each func(string, []byte) error) error {
			return audit.EachRow(ctx, q, `SELECT id, year, period, class, version, scheme_id, body, sha256, note
				FROM assessment_results ORDER BY id`, func(row audit.Scanner) (int64, []byte, error) {
				var id int64
				var s resultState
				var body, stored string
				err := row.Scan(&id, &s.Year, &s.Period, &s.Class, &s.Version, &s.SchemeID, &body, &stored, &s.Note)
				s.SHA256 = bodyDigest(body, stored)
				return id, audit.Encode(s), err
			}, each)
		},
		Names: func(ctx context.Context, q db.Querier, ids []string) (map[string]string, error) {
			return audit.NamesByID(ctx, q, ids, `SELECT id, CAST(year AS TEXT) || ' ' || period || ' · ' || class || ' · v' ||
				CAST(version AS TEXT) FROM assessment_results WHERE id IN (%s)`, audit.ScanName)
		},
	}
}

// bodyDigest is the SHA-256 of a stored file or snapshot, computed from
// the text itself rather than read from the column beside it, so that a
// text changed without its digest is found. The column is what pages show
// and a second save is compared with, so when it disagrees with the text
// it is named too.
func bodyDigest(body, stored string) string {
	sum := sha256.Sum256([]byte(body))
	digest := hex.EncodeToString(sum[:])
	if stored != digest {
		return digest + " (stored as " + stored + ")"
	}
	return digest
}
