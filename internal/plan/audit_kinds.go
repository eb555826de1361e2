package plan

import (
	"context"
	"fmt"

	"gaoxin/internal/audit"
	"gaoxin/internal/db"
	"gaoxin/internal/i18n"
)

// AuditKinds holds the plan's targets and its sharing against the trail:
// a committed target raised in the database, or an indicator shared out
// to a unit behind the application's back, is named.
func AuditKinds() []audit.Kind {
	return []audit.Kind{targetKind(), assignmentKind()}
}

// targetView is a target as the trail states it: what a unit is measured
// against. Its names are Target's own, because target.set records the
// whole Target; the note and who set it when do not change a score.
type targetView struct {
	IndicatorID int64
	UnitID      int64 // 0 for the zone's own target
	ValidFrom   int
	Committed   *float64
	Stretch     *float64
	Baseline    *float64
	Profile     Profile
	// Left out when empty, so that no values and an empty list, which the
	// table cannot tell apart, state the same target.
	ProfileValues []float64 `json:",omitempty"`
	TargetYear    int
}

func targetKind() audit.Kind {
	return audit.Kind{
		Entity: "target",
		State:  audit.StateOf[targetView](),
		Live:   liveTargets,
		Names:  targetNames,
	}
}

func liveTargets(ctx context.Context, q db.Querier, each func(string, []byte) error) error {
	return audit.EachRow(ctx, q, `SELECT id, indicator_id, COALESCE(unit_id, 0), valid_from, committed, stretch, baseline,
		profile, profile_values, target_year FROM targets ORDER BY id`, func(r audit.Scanner) (int64, []byte, error) {
		var id int64
		var v targetView
		var profile, values string
		err := r.Scan(&id, &v.IndicatorID, &v.UnitID, &v.ValidFrom, &v.Committed, &v.Stretch, &v.Baseline,
			&profile, &values, &v.TargetYear)
		v.Profile, v.ProfileValues = Profile(profile), splitValues(values)
		return id, audit.Encode(v), err
	}, each)
}

// targetNames names a target by its indicator, the plan's year, its unit
// and the month it governs from, e.g. "CJ03 · 新城街道 · 2019 from month 4":
// one indicator and unit may have several targets, and codes repeat from
// year to year.
func targetNames(ctx context.Context, q db.Querier, ids []string) (map[string]string, error) {
	return audit.NamesByID(ctx, q, ids, `SELECT t.id, i.code, p.year, COALESCE(u.name, ''), t.valid_from
		FROM targets t JOIN indicators i ON i.id = t.indicator_id JOIN plans p ON p.id = i.plan_id
		LEFT JOIN units u ON u.id = t.unit_id WHERE t.id IN (%s)`,
		func(r audit.Scanner) (int64, string, error) {
			var id int64
			var code, unit string
			var year, from int
			err := r.Scan(&id, &code, &year, &unit, &from)
			if unit == "" {
				unit = i18n.T(i18n.ZH, "target.zone")
			}
			return id, fmt.Sprintf("%s · %s · %d from month %d", code, unit, year, from), err
		})
}

// assignmentView is an assignment as assignment.create records it.
type assignmentView struct {
	IndicatorID int64
	UnitID      int64
}

func assignmentKind() audit.Kind {
	return audit.Kind{
		Entity: "assignment",
		State:  audit.StateOf[assignmentView](),
		Live:   liveAssignments,
		Names:  assignmentNames,
	}
}

func liveAssignments(ctx context.Context, q db.Querier, each func(string, []byte) error) error {
	return audit.EachRow(ctx, q, `SELECT id, indicator_id, unit_id FROM assignments ORDER BY id`,
		func(r audit.Scanner) (int64, []byte, error) {
			var id int64
			var v assignmentView
			err := r.Scan(&id, &v.IndicatorID, &v.UnitID)
			return id, audit.Encode(v), err
		}, each)
}

// assignmentNames names an assignment by its unit, indicator and the
// plan's year, e.g. "新城街道 · CJ03 · 2019".
func assignmentNames(ctx context.Context, q db.Querier, ids []string) (map[string]string, error) {
	return audit.NamesByID(ctx, q, ids, `SELECT a.id, u.name, i.code, p.year
		FROM assignments a JOIN units u ON u.id = a.unit_id JOIN indicators i ON i.id = a.indicator_id
		JOIN plans p ON p.id = i.plan_id WHERE a.id IN (%s)`,
		func(r audit.Scanner) (int64, string, error) {
			var id int64
			var unit, code string
			var year int
			err := r.Scan(&id, &unit, &code, &year)
			return id, fmt.Sprintf("%s · %s · %d", unit, code, year), err
		})
}
