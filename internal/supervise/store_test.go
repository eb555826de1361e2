package supervise_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"gaoxin/internal/audit"
	"gaoxin/internal/auth"
	"gaoxin/internal/db"
	"gaoxin/internal/db/dbtest"
	"gaoxin/internal/i18n"
	"gaoxin/internal/org"
	"gaoxin/internal/supervise"
)

var ctx = context.Background()

// world is a zone with its supervision office (督查室), a bureau and a
// street, an account in each and a leader's, and a store whose today can
// be moved.
type world struct {
	d     *db.DB
	s     *supervise.Store
	unit  map[string]int64
	actor map[string]audit.Actor
	today time.Time
}

func newWorld(t *testing.T, d *db.DB) *world {
	t.Helper()
	units := org.NewStore(d)
	zone, err := units.Create(ctx, audit.System, org.Fields{Code: "GX", Name: "高新区", Kind: org.KindZone}, 0)
	if err != nil {
		t.Fatal(err)
	}
	w := &world{d: d, s: supervise.NewStore(d), unit: map[string]int64{"GX": zone.ID}, actor: map[string]audit.Actor{},
		today: time.Date(2019, 3, 1, 2, 0, 0, 0, time.UTC)}
	for _, u := range []struct {
		code, name string
		kind       org.Kind
		class      string // the assessment's class; the office is not assessed
	}{{"DCS", "督查室", org.KindDepartment, ""}, {"JXJ", "经济发展局", org.KindDepartment, "经济部门"}, {"XCJD", "新城街道", org.KindStreet, "街道"}} {
		created, err := units.Create(ctx, audit.System, org.Fields{Code: u.code, Name: u.name, Kind: u.kind, Class: u.class}, zone.ID)
		if err != nil {
			t.Fatal(err)
		}
		w.unit[u.code] = created.ID
	}
	users := auth.NewUsers(d)
	for _, u := range []struct {
		login, unit string
		role        auth.Role
	}{{"ducha", "DCS", auth.RoleAssessor}, {"ducha2", "DCS", auth.RoleAssessor}, {"jingji.tb", "JXJ", auth.RoleReporter},
		{"lingdao", "GX", auth.RoleLeader}} {
		created, err := users.Create(ctx, audit.System, auth.NewUser{Login: u.login, DisplayName: u.login, Role: u.role,
			UnitID: w.unit[u.unit], Password: "Weifang-2019!"})
		if err != nil {
			t.Fatal(err)
		}
		w.actor[u.login] = audit.Actor{UserID: created.ID, Name: u.login, Address: "127.0.0.1"}
	}
	w.s.SetClock(func() time.Time { return w.today })
	return w
}

// on moves the store's today to a China date.
func (w *world) on(day string) {
	d, _ := time.Parse("2006-01-02", day)
	w.today = d.Add(2 * time.Hour)
}

// task is a task of 经济发展局 given on 1 March with a deadline of 30 June,
// two milestones and monthly reports, changed by change.
func (w *world) task(t *testing.T, change func(*supervise.Task)) supervise.Task {
	t.Helper()
	task := supervise.Task{SourceKind: supervise.Meeting, SourceTitle: "工作落实年推进会", SourceNumber: "〔2019〕3号", SourceOn: "2019-03-01",
		Content: "推进企业开办“一次办好”", LeadUnitID: w.unit["JXJ"], Cooperators: []int64{w.unit["XCJD"]},
		LeaderUserID: w.actor["lingdao"].UserID, LeaderName: "王主任", Deadline: "2019-06-30", Frequency: supervise.Monthly,
		Milestones: []supervise.Milestone{{Title: "制定方案", DueOn: "2019-04-15"}, {Title: "全面推开", DueOn: "2019-05-31"}}}
	if change != nil {
		change(&task)
	}
	created, err := w.s.Create(ctx, w.actor["ducha"], task)
	if err != nil {
		t.Fatalf("create: %v", err)
	}
	return created
}

func keyOf(err error) (string, string) {
	var verr *i18n.Error
	if errors.As(err, &verr) {
		return verr.Field, verr.Key
	}
	return "", ""
}

func wantKey(t *testing.T, what string, err error, key string) {
	t.Helper()
	if _, got := keyOf(err); got != key {
		t.Fatalf("%s: %v, want %s", what, err, key)
	}
}

func (w *world) count(t *testing.T, q string, args ...any) int {
	t.Helper()
	var n int
	if err := w.d.QueryRow(ctx, q, args...).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// A task without its lead unit, deadline or with dates out of order is
// refused, naming the field; nothing is written.
func TestTaskRefusals(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		w := newWorld(t, d)
		for _, c := range []struct {
			name   string
			change func(*supervise.Task)
			field  string
			key    string
		}{
			{"no lead unit", func(t *supervise.Task) { t.LeadUnitID = 0 }, "lead_unit", "supervise.err.lead_unit"},
			{"no deadline", func(t *supervise.Task) { t.Deadline = " " }, "deadline", "supervise.err.deadline"},
			{"deadline before the source", func(t *supervise.Task) { t.Deadline = "2019-02-01"; t.Milestones = nil }, "deadline", "supervise.err.deadline_before"},
			{"a milestone after the deadline", func(t *supervise.Task) { t.Milestones[1].DueOn = "2019-07-31" }, "milestones", "supervise.err.milestone_range"},
			{"milestones out of order", func(t *supervise.Task) { t.Milestones[1].DueOn = "2019-04-01" }, "milestones", "supervise.err.milestone_order"},
			{"the lead unit cooperating", func(t *supervise.Task) { t.Cooperators = append(t.Cooperators, t.LeadUnitID) }, "cooperators", "supervise.err.cooperator_lead"},
			{"an unknown unit", func(t *supervise.Task) { t.Cooperators = []int64{9999} }, "cooperators", "supervise.err.unit"},
			{"no content", func(t *supervise.Task) { t.Content = "" }, "content", "supervise.err.content"},
		} {
			task := supervise.Task{SourceKind: supervise.Document, SourceTitle: "关于开展工作落实年活动的通知", SourceOn: "2019-03-01",
				Content: "任务", LeadUnitID: w.unit["JXJ"], Deadline: "2019-06-30", Frequency: supervise.Monthly,
				Milestones: []supervise.Milestone{{Title: "一", DueOn: "2019-04-15"}, {Title: "二", DueOn: "2019-05-31"}}}
			c.change(&task)
			_, err := w.s.Create(ctx, w.actor["ducha"], task)
			if field, key := keyOf(err); field != c.field || key != c.key {
				t.Errorf("%s: %s %s, want %s %s", c.name, field, key, c.field, c.key)
			}
		}
		if n := w.count(t, "SELECT COUNT(*) FROM tasks"); n != 0 {
			t.Fatalf("refused tasks wrote %d rows", n)
		}
		first := w.task(t, nil)
		second := w.task(t, func(t *supervise.Task) { t.SourceNumber = "〔2019〕4号" })
		if first.Code != "DB-2019-001" || second.Code != "DB-2019-002" || len(first.Milestones) != 2 || first.Cooperators[0] != w.unit["XCJD"] {
			t.Fatalf("created %s %s with %d milestones", first.Code, second.Code, len(first.Milestones))
		}
		_, err := w.s.Create(ctx, w.actor["ducha"], func() supervise.Task { t := first; t.ID = 0; return t }())
		wantKey(t, "a code in use", err, "supervise.err.code_taken")
	})
}

// The whole life of a task: reports that clear a late milestone, a
// closing without evidence refused, the requester unable to approve
// their own closing, another approving it, a reopening that needs its
// reason, and the colours and the trail along the way.
func TestTaskWorkflow(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		w := newWorld(t, d)
		task := w.task(t, nil)
		colour := func() supervise.Light {
			t.Helper()
			rows, _, err := w.s.List(ctx, supervise.Filter{Search: task.Code})
			if err != nil || len(rows) != 1 {
				t.Fatalf("list: %d rows, %v", len(rows), err)
			}
			return rows[0].Light
		}
		unit := w.actor["jingji.tb"]
		w.on("2019-04-20")
		if l := colour(); l.Colour != supervise.Yellow || len(l.Reasons) != 2 {
			t.Fatalf("behind its first milestone and without a report: %s with %d reasons", l.Colour, len(l.Reasons))
		}
		err := w.s.Report(ctx, unit, task.ID, supervise.Progress{On: "2019-04-21", Note: "方案已印发"})
		wantKey(t, "a report dated tomorrow", err, "supervise.err.future")
		err = w.s.Report(ctx, unit, task.ID, supervise.Progress{On: "2019-04-20", Note: " "})
		wantKey(t, "a report without its text", err, "supervise.err.note")
		if err := w.s.Report(ctx, unit, task.ID, supervise.Progress{On: "2019-04-20", Note: "方案已印发", Milestones: []int64{task.Milestones[0].ID}}); err != nil {
			t.Fatal(err)
		}
		if l := colour(); l.Colour != supervise.Green {
			t.Fatalf("after the report: %s %v", l.Colour, l.Reasons)
		}
		w.on("2019-06-26")
		if err := w.s.Report(ctx, unit, task.ID, supervise.Progress{On: "2019-06-26", Note: "已全面推开", Milestones: []int64{task.Milestones[1].ID}}); err != nil {
			t.Fatal(err)
		}
		if l := colour(); l.Colour != supervise.Blue {
			t.Fatalf("four days before the deadline: %s", l.Colour)
		}
		err = w.s.RequestClose(ctx, unit, task.ID, "2019-06-26", "已办结", "")
		wantKey(t, "a closing without evidence", err, "supervise.err.evidence")
		if err := w.s.RequestClose(ctx, unit, task.ID, "2019-06-26", "已办结", "《企业开办一次办好实施方案》潍高管发〔2019〕21号"); err != nil {
			t.Fatal(err)
		}
		w.on("2019-07-03") // the office takes a week: not the unit's delay
		if l := colour(); l.Colour != supervise.Blue || l.RedDays != 0 {
			t.Fatalf("closing asked before the deadline, judged after it: %s", l.Colour)
		}
		err = w.s.DecideClose(ctx, unit, task.ID, true, "")
		wantKey(t, "the requester approving", err, "supervise.err.four_eyes")
		err = w.s.DecideClose(ctx, w.actor["ducha"], task.ID, false, "")
		wantKey(t, "a refusal without its reason", err, "supervise.err.reason")
		if err := w.s.DecideClose(ctx, w.actor["ducha"], task.ID, true, ""); err != nil {
			t.Fatal(err)
		}
		got, _ := w.s.Task(ctx, task.ID)
		if got.Status != supervise.Closed || got.ClosingOn != "2019-06-26" || got.ClosedOn != "2019-07-03" {
			t.Fatalf("closed: %s closing %s closed %s", got.Status, got.ClosingOn, got.ClosedOn)
		}
		if l := colour(); l.Colour != supervise.Done {
			t.Fatalf("closed task: %s", l.Colour)
		}
		_, err = w.s.ProposeDeduction(ctx, w.actor["ducha"], task.ID, "0.5", "")
		wantKey(t, "a deduction for a task closed on time", err, "supervise.err.no_deduction")
		err = w.s.Reopen(ctx, w.actor["ducha2"], task.ID, "")
		wantKey(t, "a reopening without its reason", err, "supervise.err.reason")
		if err := w.s.Reopen(ctx, w.actor["ducha2"], task.ID, "群众反映仍需多次跑腿"); err != nil {
			t.Fatal(err)
		}
		if l := colour(); l.Colour != supervise.Red || l.RedDays != 3 || !l.Escalated {
			t.Fatalf("reopened after its deadline: %s %d days, escalated %v", l.Colour, l.RedDays, l.Escalated)
		}
		// The leader's list holds it, escalated.
		rows, c, err := w.s.List(ctx, supervise.Filter{LeaderUserID: w.actor["lingdao"].UserID, Escalated: true})
		if err != nil || len(rows) != 1 || c.ByColour[supervise.Red] != 1 {
			t.Fatalf("the leader's list: %d rows, %v", len(rows), err)
		}
		events, err := w.s.Timeline(ctx, task.ID)
		if err != nil {
			t.Fatal(err)
		}
		var kinds []supervise.EventKind
		for _, e := range events {
			kinds = append(kinds, e.Kind)
		}
		want := []supervise.EventKind{supervise.Created, supervise.Reported, supervise.Reported, supervise.CloseRequested, supervise.CloseApproved, supervise.Reopened}
		if len(kinds) != len(want) {
			t.Fatalf("timeline %v, want %v", kinds, want)
		}
		for i := range want {
			if kinds[i] != want[i] {
				t.Fatalf("timeline %v, want %v", kinds, want)
			}
		}
		if n := w.count(t, "SELECT COUNT(*) FROM audit_log WHERE entity = 'task' AND entity_id = $1", itoa(task.ID)); n != 6 {
			t.Errorf("the trail holds %d entries of the task, want 6 (created, two reports, closing asked and approved, reopened)", n)
		}
	})
}

// An overdue task's deduction is proposed to the assessment as a record
// waiting for approval, linked from the timeline; a second proposal while
// it waits is refused.
func TestProposeDeduction(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		w := newWorld(t, d)
		task := w.task(t, nil)
		w.on("2019-05-01")
		_, err := w.s.ProposeDeduction(ctx, w.actor["ducha"], task.ID, "0.5", "")
		wantKey(t, "a deduction for a task not yet due", err, "supervise.err.no_deduction")
		w.on("2019-07-10")
		_, err = w.s.ProposeDeduction(ctx, w.actor["ducha"], task.ID, "二分", "")
		wantKey(t, "points that are not a number", err, "record.err.points")
		rec, err := w.s.ProposeDeduction(ctx, w.actor["ducha"], task.ID, "0.5", "经两次催办仍未办结")
		if err != nil {
			t.Fatal(err)
		}
		if rec.Status != "pending" || rec.Points != "0.5" || rec.UnitID != w.unit["JXJ"] || rec.Kind != "deduction" || rec.Year != 2019 ||
			rec.EventOn != "2019-07-10" || rec.Type != supervise.DeductionType {
			t.Fatalf("the proposed record: %+v", rec)
		}
		events, _ := w.s.Timeline(ctx, task.ID)
		if last := events[len(events)-1]; last.Kind != supervise.Deduction || last.RecordID != rec.ID {
			t.Fatalf("the timeline's last line: %+v", last)
		}
		_, err = w.s.ProposeDeduction(ctx, w.actor["ducha"], task.ID, "0.5", "")
		wantKey(t, "a second proposal", err, "supervise.err.deduction_pending")
		if n := w.count(t, "SELECT COUNT(*) FROM assessment_records"); n != 1 {
			t.Fatalf("%d records written", n)
		}
	})
}

// Lists select by unit (leading or cooperating), scope and colour, and
// count every colour of the selection.
func TestListFilters(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		w := newWorld(t, d)
		w.task(t, nil)                                                                           // red on 1 July
		w.task(t, func(t *supervise.Task) { t.Deadline, t.Milestones = "2019-07-05", nil })      // blue
		w.task(t, func(t *supervise.Task) { t.LeadUnitID, t.Cooperators = w.unit["XCJD"], nil }) // the street's, red
		w.task(t, func(t *supervise.Task) {
			t.LeadUnitID, t.Cooperators, t.Deadline, t.Milestones, t.Frequency = w.unit["DCS"], nil, "2019-12-31", nil, supervise.Once
		}) // green
		w.on("2019-07-01")
		for _, c := range []struct {
			name  string
			f     supervise.Filter
			rows  int
			red   int
			total int
		}{
			{"all", supervise.Filter{}, 4, 2, 4},
			{"红色 only", supervise.Filter{Colour: supervise.Red}, 2, 2, 4},
			{"新城街道, leading or cooperating", supervise.Filter{UnitID: w.unit["XCJD"]}, 3, 2, 3},
			{"经济发展局", supervise.Filter{UnitID: w.unit["JXJ"]}, 2, 1, 2},
			{"the street's scope", supervise.Filter{Scope: "/" + itoa(w.unit["GX"]) + "/" + itoa(w.unit["XCJD"]) + "/"}, 3, 2, 3},
			{"a search", supervise.Filter{Search: "〔2019〕3号"}, 4, 2, 4},
		} {
			rows, counts, err := w.s.List(ctx, c.f)
			if err != nil {
				t.Fatal(err)
			}
			if len(rows) != c.rows || counts.ByColour[supervise.Red] != c.red || counts.Tasks != c.total {
				t.Errorf("%s: %d rows, %d red of %d; want %d, %d of %d", c.name, len(rows), counts.ByColour[supervise.Red], counts.Tasks, c.rows, c.red, c.total)
			}
			for i := 1; i < len(rows); i++ {
				if rows[i-1].Light.Colour == supervise.Green && rows[i].Light.Colour == supervise.Red {
					t.Errorf("%s: a red task listed after a green one", c.name)
				}
			}
		}
	})
}

func itoa(n int64) string {
	b := []byte{}
	for n > 0 || len(b) == 0 {
		b = append([]byte{byte('0' + n%10)}, b...)
		n /= 10
	}
	return string(b)
}
