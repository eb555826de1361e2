package project

import (
	"context"
	"errors"
	"strconv"
	"strings"
	"time"

	"gaoxin/internal/audit"
	"gaoxin/internal/db"
	"gaoxin/internal/i18n"
	"gaoxin/internal/report"
)

// Report is a lead unit's monthly report on one project: the investment
// completed in the month (万元), the 形象进度 reached, the problems met.
// It moves through the reporting workflow of internal/report.
type Report struct {
	ID          int64
	ProjectID   int64
	PeriodID    int64
	InvestMonth *float64
	Progress    string
	Problems    string
	Status      report.Status
	Reason      string
	Late        bool
	Version     int
	SubmittedAt *time.Time
	UpdatedAt   time.Time
}

// Entry is what the lead unit types for one project in a month.
type Entry struct {
	ProjectID   int64
	InvestMonth *float64
	Progress    string
	Problems    string
}

// Problems are per-project refusals of a report action.
type Problems map[int64]*i18n.Error

func (p Problems) Error() string {
	var b strings.Builder
	for id, e := range p {
		b.WriteString("project ")
		b.WriteString(amount(float64(id)))
		b.WriteString(": ")
		b.WriteString(e.In(i18n.EN))
		b.WriteString("; ")
	}
	return strings.TrimSuffix(b.String(), "; ")
}

const reportColumns = "id, project_id, period_id, invest_month, progress, problems, status, reason, late, version, submitted_at, updated_at"

func scanReport(r interface{ Scan(...any) error }) (Report, error) {
	var rp Report
	var status string
	err := r.Scan(&rp.ID, &rp.ProjectID, &rp.PeriodID, &rp.InvestMonth, &rp.Progress, &rp.Problems, &status, &rp.Reason,
		&rp.Late, &rp.Version, &rp.SubmittedAt, &rp.UpdatedAt)
	rp.Status = report.Status(status)
	return rp, err
}

// Reports returns the reports of a period for the given projects, by project.
func (s *Store) Reports(ctx context.Context, periodID int64, projectIDs []int64) (map[int64]Report, error) {
	return reportsOf(ctx, s.db, periodID, projectIDs)
}

func reportsOf(ctx context.Context, q db.Querier, periodID int64, projectIDs []int64) (map[int64]Report, error) {
	out := map[int64]Report{}
	for len(projectIDs) > 0 {
		ids := projectIDs[:min(len(projectIDs), 500)]
		projectIDs = projectIDs[len(ids):]
		args := []any{periodID}
		marks := make([]string, len(ids))
		for i, id := range ids {
			args = append(args, id)
			marks[i] = "$" + strconv.Itoa(i+2)
		}
		rows, err := q.Query(ctx, "SELECT "+reportColumns+" FROM project_reports WHERE period_id = $1 AND project_id IN ("+
			strings.Join(marks, ", ")+")", args...)
		if err != nil {
			return nil, err
		}
		for rows.Next() {
			rp, err := scanReport(rows)
			if err != nil {
				rows.Close()
				return nil, err
			}
			out[rp.ProjectID] = rp
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// History is a project's reports of a year, by month (index 0 is January).
func (s *Store) History(ctx context.Context, projectID int64, year int) ([12]*Report, error) {
	var out [12]*Report
	rows, err := s.db.Query(ctx, `SELECT r.id, r.project_id, r.period_id, r.invest_month, r.progress, r.problems, r.status, r.reason,
		r.late, r.version, r.submitted_at, r.updated_at, p.month FROM project_reports r JOIN periods p ON p.id = r.period_id
		WHERE r.project_id = $1 AND p.year = $2`, projectID, year)
	if err != nil {
		return out, err
	}
	defer rows.Close()
	for rows.Next() {
		var rp Report
		var status string
		var month int
		if err := rows.Scan(&rp.ID, &rp.ProjectID, &rp.PeriodID, &rp.InvestMonth, &rp.Progress, &rp.Problems, &status,
			&rp.Reason, &rp.Late, &rp.Version, &rp.SubmittedAt, &rp.UpdatedAt, &month); err != nil {
			return out, err
		}
		rp.Status = report.Status(status)
		if month >= 1 && month <= 12 {
			out[month-1] = &rp
		}
	}
	return out, rows.Err()
}

// Counted is the investment that counts for each month of a history: a
// report submitted, confirmed or approved, with a value.
func Counted(h [12]*Report) (months [12]float64, has [12]bool) {
	for m, r := range h {
		if r != nil && r.Status.Counts() && r.InvestMonth != nil {
			months[m], has[m] = *r.InvestMonth, true
		}
	}
	return months, has
}

// SaveDrafts stores what the lead unit typed, all or nothing. A report
// already submitted cannot change; a negative month would make the year to
// date go down, which only the office's correction may do.
func (s *Store) SaveDrafts(ctx context.Context, who audit.Actor, p report.Period, entries []Entry) error {
	if err := report.CheckEdit(p, s.now()); err != nil {
		return err
	}
	return s.db.Write(ctx, func(tx *db.Tx) error {
		_, err := s.saveDrafts(ctx, tx, who, p, entries)
		if err != nil {
			return err
		}
		return s.refreshReports(ctx, tx, who, p, entryProjects(entries))
	})
}

func entryProjects(entries []Entry) []int64 {
	ids := make([]int64, len(entries))
	for i, e := range entries {
		ids[i] = e.ProjectID
	}
	return ids
}

func (s *Store) saveDrafts(ctx context.Context, tx *db.Tx, who audit.Actor, p report.Period, entries []Entry) (map[int64]Report, error) {
	current, err := reportsOf(ctx, tx, p.ID, entryProjects(entries))
	if err != nil {
		return nil, err
	}
	problems := Problems{}
	for _, e := range entries {
		e.Progress, e.Problems = strings.TrimSpace(e.Progress), strings.TrimSpace(e.Problems)
		r, exists := current[e.ProjectID]
		if e.InvestMonth != nil && *e.InvestMonth < 0 {
			problems[e.ProjectID] = i18n.Invalid("invest_month", "project.err.ytd_down")
			continue
		}
		if exists && !r.Status.Editable() {
			if !sameAmount(r.InvestMonth, e.InvestMonth) || r.Progress != e.Progress || r.Problems != e.Problems {
				problems[e.ProjectID] = i18n.Invalid("", "figure.err.not_editable")
			}
			continue
		}
		if exists && sameAmount(r.InvestMonth, e.InvestMonth) && r.Progress == e.Progress && r.Problems == e.Problems {
			continue
		}
		if !exists && e.InvestMonth == nil && e.Progress == "" && e.Problems == "" {
			continue
		}
		next := Report{ProjectID: e.ProjectID, PeriodID: p.ID, InvestMonth: e.InvestMonth, Progress: e.Progress,
			Problems: e.Problems, Status: report.Draft}
		var before *Report
		if exists {
			before = &r
			next.Status, next.Reason = r.Status, r.Reason
		}
		saved, err := s.writeReport(ctx, tx, who, before, next, "edit")
		if err != nil {
			return nil, err
		}
		current[e.ProjectID] = saved
	}
	if len(problems) > 0 {
		return nil, problems
	}
	return current, nil
}

func sameAmount(a, b *float64) bool {
	if a == nil || b == nil {
		return a == nil && b == nil
	}
	return *a == *b
}

// Submit stores what was typed and submits the reports of the given
// projects in one transaction. Each needs its month's investment and its
// 形象进度; one behind its 序时 plan needs its problems explained. After the
// deadline, within the grace window, it is marked late.
func (s *Store) Submit(ctx context.Context, who audit.Actor, p report.Period, entries []Entry, due []int64) error {
	w, err := report.StepSubmit.Check(p, s.now(), "")
	if err != nil {
		return err
	}
	return s.db.Write(ctx, func(tx *db.Tx) error {
		current, err := s.saveDrafts(ctx, tx, who, p, entries)
		if err != nil {
			return err
		}
		more, err := reportsOf(ctx, tx, p.ID, due)
		if err != nil {
			return err
		}
		for id, r := range more {
			if _, ok := current[id]; !ok {
				current[id] = r
			}
		}
		behind, err := s.behindPlan(ctx, tx, p, due, current)
		if err != nil {
			return err
		}
		problems := Problems{}
		for _, id := range due {
			r, ok := current[id]
			switch {
			case ok && !report.StepSubmit.Allows(r.Status):
				continue
			case !ok || r.InvestMonth == nil:
				problems[id] = i18n.Invalid("invest_month", "project.err.invest_missing")
			case r.Progress == "":
				problems[id] = i18n.Invalid("progress", "project.err.progress_missing")
			case behind[id] && r.Problems == "":
				problems[id] = i18n.Invalid("problems", "project.err.explain")
			}
		}
		if len(problems) > 0 {
			return problems
		}
		now := s.now()
		submitted := 0
		for _, id := range due {
			r := current[id]
			if !report.StepSubmit.Allows(r.Status) {
				continue
			}
			next := r
			next.Status, next.Reason, next.Late, next.SubmittedAt = report.StepSubmit.To, "", w == report.Grace, &now
			if _, err := s.writeReport(ctx, tx, who, &r, next, report.StepSubmit.Action); err != nil {
				return err
			}
			submitted++
		}
		if submitted == 0 {
			return i18n.Invalid("", "figure.err.nothing_to_submit")
		}
		return s.refreshReports(ctx, tx, who, p, due)
	})
}

// behindPlan tells which projects' year to date, with this month as it
// stands, would be behind the 序时 plan.
func (s *Store) behindPlan(ctx context.Context, q db.Querier, p report.Period, ids []int64, current map[int64]Report) (map[int64]bool, error) {
	out := map[int64]bool{}
	th, err := loadRules(ctx, q)
	if err != nil {
		return nil, err
	}
	for _, id := range ids {
		y, err := yearOf(ctx, q, id, p.Year)
		if errors.Is(err, db.ErrNotFound) {
			continue
		} else if err != nil {
			return nil, err
		}
		ytd, err := investedBefore(ctx, q, id, p.Year, p.Month)
		if err != nil {
			return nil, err
		}
		if r, ok := current[id]; ok && r.InvestMonth != nil {
			ytd += *r.InvestMonth
		}
		if exp := y.ExpectedBy(p.Month); exp > 0 && ytd/exp < th.OnTrack {
			out[id] = true
		}
	}
	return out, nil
}

// investedBefore is the counted investment of the months of year before month.
func investedBefore(ctx context.Context, q db.Querier, projectID int64, year, month int) (float64, error) {
	var v *float64
	err := q.QueryRow(ctx, `SELECT SUM(r.invest_month) FROM project_reports r JOIN periods p ON p.id = r.period_id
		WHERE r.project_id = $1 AND p.year = $2 AND p.month < $3 AND r.status IN ('submitted', 'confirmed', 'approved')`,
		projectID, year, month).Scan(&v)
	if v == nil {
		return 0, err
	}
	return *v, err
}

// Move takes a workflow step — confirm, approve or return — on the
// reports of the given projects; reports in another status are left alone,
// and none moving is an error. Who may take which step is the caller's.
func (s *Store) Move(ctx context.Context, who audit.Actor, p report.Period, ids []int64, step report.Step, reason string) error {
	if step.Action == report.StepSubmit.Action {
		return i18n.Invalid("", "figure.err.nothing_to_submit")
	}
	if _, err := step.Check(p, s.now(), reason); err != nil {
		return err
	}
	reason = strings.TrimSpace(reason)
	return s.db.Write(ctx, func(tx *db.Tx) error {
		current, err := reportsOf(ctx, tx, p.ID, ids)
		if err != nil {
			return err
		}
		moved := 0
		for _, id := range ids {
			r, ok := current[id]
			if !ok || !step.Allows(r.Status) {
				continue
			}
			next := r
			next.Status, next.Reason = step.To, reason
			if _, err := s.writeReport(ctx, tx, who, &r, next, step.Action); err != nil {
				return err
			}
			moved++
		}
		if moved == 0 {
			return i18n.Invalid("", "figure.err.nothing_to_"+step.Action)
		}
		return s.refreshReports(ctx, tx, who, p, ids)
	})
}

// Correct changes an approved report's investment, keeping the old one as
// a version with who, when and why: the only way a year to date goes down.
func (s *Store) Correct(ctx context.Context, who audit.Actor, p report.Period, projectID int64, investMonth float64, reason string) error {
	reason = strings.TrimSpace(reason)
	switch {
	case reason == "":
		return i18n.Invalid("reason", "figure.err.reason")
	case investMonth < 0:
		return i18n.Invalid("invest_month", "project.err.negative")
	case p.Locked:
		return i18n.Invalid("", "figure.err.window_closed")
	}
	return s.db.Write(ctx, func(tx *db.Tx) error {
		current, err := reportsOf(ctx, tx, p.ID, []int64{projectID})
		if err != nil {
			return err
		}
		r, ok := current[projectID]
		if !ok || r.Status != report.Approved {
			return i18n.Invalid("", "figure.err.not_approved")
		}
		next := r
		next.InvestMonth, next.Reason = &investMonth, reason
		if _, err := s.writeReport(ctx, tx, who, &r, next, "correct"); err != nil {
			return err
		}
		return s.refreshReports(ctx, tx, who, p, []int64{projectID})
	})
}

// reportView is a report as the audit trail records it.
type reportView struct {
	InvestMonth *float64      `json:"invest_month"`
	Late        bool          `json:"late"`
	PeriodID    int64         `json:"period_id"`
	Problems    string        `json:"problems"`
	Progress    string        `json:"progress"`
	ProjectID   int64         `json:"project_id"`
	Reason      string        `json:"reason"`
	Status      report.Status `json:"status"`
}

func viewOf(r Report) reportView {
	return reportView{InvestMonth: r.InvestMonth, Late: r.Late, PeriodID: r.PeriodID, Problems: r.Problems,
		Progress: r.Progress, ProjectID: r.ProjectID, Reason: r.Reason, Status: r.Status}
}

// writeReport stores a report's new state, a version of it and an audit entry.
func (s *Store) writeReport(ctx context.Context, tx *db.Tx, who audit.Actor, before *Report, after Report, action string) (Report, error) {
	now := s.now()
	after.UpdatedAt = now
	var by any
	if who.UserID != 0 {
		by = who.UserID
	}
	var err error
	if before == nil {
		after.Version = 1
		after.ID, err = tx.Insert(ctx, `INSERT INTO project_reports (project_id, period_id, invest_month, progress, problems, status,
			reason, late, version, submitted_at, updated_at, updated_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
			after.ProjectID, after.PeriodID, after.InvestMonth, after.Progress, after.Problems, string(after.Status), after.Reason,
			after.Late, after.Version, after.SubmittedAt, now, by)
	} else {
		after.ID, after.Version = before.ID, before.Version+1
		_, err = tx.Exec(ctx, `UPDATE project_reports SET invest_month = $1, progress = $2, problems = $3, status = $4, reason = $5,
			late = $6, version = $7, submitted_at = $8, updated_at = $9, updated_by = $10 WHERE id = $11`,
			after.InvestMonth, after.Progress, after.Problems, string(after.Status), after.Reason, after.Late, after.Version,
			after.SubmittedAt, now, by, after.ID)
	}
	if err != nil {
		return Report{}, err
	}
	if _, err := tx.Exec(ctx, `INSERT INTO project_report_versions (report_id, version, invest_month, progress, problems, status,
		action, reason, at, by_user) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`, after.ID, after.Version, after.InvestMonth,
		after.Progress, after.Problems, string(after.Status), action, after.Reason, now, by); err != nil {
		return Report{}, err
	}
	var old any
	if before != nil {
		old = viewOf(*before)
	}
	return after, audit.Record(ctx, tx, who, "project_report."+action, "project_report", after.ID, old, viewOf(after))
}

// Version is one state a report was in.
type Version struct {
	Version     int
	InvestMonth *float64
	Progress    string
	Problems    string
	Status      report.Status
	Action      string
	Reason      string
	At          time.Time
	By          string
}

// Versions lists every state of a report, oldest first.
func (s *Store) Versions(ctx context.Context, reportID int64) ([]Version, error) {
	rows, err := s.db.Query(ctx, `SELECT v.version, v.invest_month, v.progress, v.problems, v.status, v.action, v.reason, v.at,
		COALESCE(u.display_name, '') FROM project_report_versions v LEFT JOIN users u ON u.id = v.by_user
		WHERE v.report_id = $1 ORDER BY v.version`, reportID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var list []Version
	for rows.Next() {
		var v Version
		var status string
		if err := rows.Scan(&v.Version, &v.InvestMonth, &v.Progress, &v.Problems, &status, &v.Action, &v.Reason, &v.At, &v.By); err != nil {
			return nil, err
		}
		v.Status = report.Status(status)
		list = append(list, v)
	}
	return list, rows.Err()
}
