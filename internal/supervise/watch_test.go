package supervise_test

import (
	"testing"

	"gaoxin/internal/audit"
	"gaoxin/internal/db"
	"gaoxin/internal/db/dbtest"
	"gaoxin/internal/supervise"
)

// A task that turns red is told once to its lead unit, dated the day after
// its deadline; red for the escalation days it is told to its leader;
// reopened and red again, it is told again. A request routed to a unit is
// told to that unit.
func TestWatchTellsOnce(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		w := newWorld(t, d)
		task := w.task(t, func(t *supervise.Task) { t.Milestones = nil })
		notes := func(login string) int {
			t.Helper()
			return w.count(t, "SELECT COUNT(*) FROM notifications WHERE user_id = $1 AND kind = 'task.red' AND link = $2",
				w.actor[login].UserID, "/tasks/"+itoa(task.ID))
		}
		watch := func() supervise.WatchSummary {
			t.Helper()
			sum, err := w.s.Watch(ctx, audit.System)
			if err != nil {
				t.Fatal(err)
			}
			return sum
		}
		w.on("2019-06-30")
		if sum := watch(); sum.TurnedRed != 0 || notes("jingji.tb") != 0 {
			t.Fatalf("on its deadline: %+v", sum)
		}
		w.on("2019-07-02")
		if sum := watch(); sum.TurnedRed != 1 || sum.Escalated != 0 || notes("jingji.tb") != 1 || notes("lingdao") != 0 {
			t.Fatalf("two days late: %+v, unit told %d", sum, notes("jingji.tb"))
		}
		if sum := watch(); sum.TurnedRed != 0 || notes("jingji.tb") != 1 {
			t.Fatalf("told twice: %+v", sum)
		}
		events, _ := w.s.Timeline(ctx, task.ID)
		if last := events[len(events)-1]; last.Kind != supervise.TurnedRed || last.On != "2019-07-01" {
			t.Fatalf("the timeline's line: %+v", last)
		}
		w.on("2019-07-04")
		if sum := watch(); sum.Escalated != 1 || notes("lingdao") != 1 || notes("jingji.tb") != 1 {
			t.Fatalf("three days red: %+v", sum)
		}
		// Closed late, then reopened: red again, told again.
		if err := w.s.RequestClose(ctx, w.actor["jingji.tb"], task.ID, "2019-07-04", "", "验收意见"); err != nil {
			t.Fatal(err)
		}
		if err := w.s.DecideClose(ctx, w.actor["ducha"], task.ID, true, ""); err != nil {
			t.Fatal(err)
		}
		w.on("2019-07-20")
		if err := w.s.Reopen(ctx, w.actor["ducha"], task.ID, "整改不到位"); err != nil {
			t.Fatal(err)
		}
		if sum := watch(); sum.TurnedRed != 1 || sum.Escalated != 1 || notes("jingji.tb") != 2 || notes("lingdao") != 2 {
			t.Fatalf("reopened and red: %+v", sum)
		}
		// A request routed to 经济发展局 is told to its reporter.
		r := firmRequest()
		r.ReceivedOn = "2019-07-20"
		r, err := w.s.Log(ctx, w.actor["ducha"], r)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.s.Assign(ctx, w.actor["ducha"], r.ID, w.unit["JXJ"], ""); err != nil {
			t.Fatal(err)
		}
		if n := w.count(t, "SELECT COUNT(*) FROM notifications WHERE user_id = $1 AND kind = 'request.assigned' AND title LIKE '%SQ-2019-0001%'",
			w.actor["jingji.tb"].UserID); n != 1 {
			t.Fatalf("the routed request told %d times", n)
		}
	})
}
