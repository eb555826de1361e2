package briefing_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"testing"
	"time"

	"gaoxin/internal/audit"
	"gaoxin/internal/briefing"
	"gaoxin/internal/db"
	"gaoxin/internal/db/dbtest"
	"gaoxin/internal/demo/demotest"
	"gaoxin/internal/i18n"
	"gaoxin/internal/supervise"
)

// Publishing keeps a snapshot: publishing the same content again adds no
// version, a change adds the next one, audited, and the earlier version
// still reads as it was published.
func TestPublishKeepsVersions(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		demotest.Year(t, d)
		office := audit.Actor{Name: "考核办 王敏", Address: "test"}
		st := briefing.NewStore(d)
		st.SetClock(func() time.Time { return on("2019-12-09") })
		// The demo published November on the 9th. Computed again that day
		// from the same rows it is the same briefing: nothing new.
		before, err := st.Latest(ctx, 2019, 11)
		if err != nil || before.Version != 1 || before.AsOf != "2019-12-09" {
			t.Fatalf("the demo's November briefing: %s, %v", show(before), err)
		}
		b, err := st.Build(ctx, 2019, 11)
		if err != nil {
			t.Fatal(err)
		}
		pub, added, err := st.Publish(ctx, office, b)
		if err != nil || added || pub.Version != 1 || pub.ID != before.ID {
			t.Fatalf("publishing unchanged content: %s, added %v, %v", show(pub), added, err)
		}
		rows := count(t, d, "SELECT COUNT(*) FROM briefings")

		// A request logged late for November changes the month's counts.
		requests := supervise.NewStore(d)
		requests.SetClock(func() time.Time { return on("2019-12-09") })
		if _, err := requests.Log(ctx, office, supervise.Request{FirmName: "潍坊华辰制药股份有限公司", Contact: "刘经理", Phone: "0536-8888888",
			Category: "land", Content: "申请协调项目用地手续", ReceivedOn: "2019-11-28"}); err != nil {
			t.Fatal(err)
		}
		if b, err = st.Build(ctx, 2019, 11); err != nil {
			t.Fatal(err)
		}
		old, _ := before.Briefing()
		if b.Requests.Received != old.Requests.Received+1 || b.Requests.NotRouted != old.Requests.NotRouted+1 {
			t.Fatalf("the late request is not counted: %+v, was %+v", b.Requests, old.Requests)
		}
		pub, added, err = st.Publish(ctx, office, b)
		if err != nil || !added || pub.Version != 2 || pub.AsOf != "2019-12-09" || count(t, d, "SELECT COUNT(*) FROM briefings") != rows+1 {
			t.Fatalf("publishing the change: %s, added %v, %v", show(pub), added, err)
		}
		var action, after string
		if err := d.QueryRow(ctx, "SELECT action, after_json FROM audit_log WHERE entity = 'briefing' AND entity_id = $1", strconv.FormatInt(pub.ID, 10)).
			Scan(&action, &after); err != nil || action != "briefing.publish" {
			t.Fatalf("audit of version 2: %q, %v", action, err)
		}
		var logged struct {
			Version int    `json:"version"`
			SHA256  string `json:"sha256"`
		}
		if err := json.Unmarshal([]byte(after), &logged); err != nil || logged.Version != 2 || logged.SHA256 != pub.SHA256 {
			t.Errorf("the audit entry holds %s", after)
		}
		if n, brk, err := audit.Verify(ctx, d); err != nil || brk != nil || n == 0 {
			t.Errorf("audit trail: %d, %v, %v", n, brk, err)
		}

		// Version 1 reads as it was published; the latest is version 2.
		v1, err := st.Version(ctx, 2019, 11, 1)
		if err != nil || v1.SHA256 != before.SHA256 {
			t.Fatalf("version 1: %s, %v", show(v1), err)
		}
		read, _ := v1.Briefing()
		if read.Requests.Received != old.Requests.Received {
			t.Errorf("version 1 now counts %d requests, published with %d", read.Requests.Received, old.Requests.Received)
		}
		if latest, err := st.Latest(ctx, 2019, 11); err != nil || latest.Version != 2 || latest.PublishedBy != "" {
			// The actor has no account: the trail names it, the row no one.
			t.Errorf("latest: %s, %v", show(latest), err)
		}
		if sum, _ := briefing.Digest(b); sum != pub.SHA256 {
			t.Errorf("the digest of the draft %s is not the published %s", sum, pub.SHA256)
		}
		year, err := st.Year(ctx, 2019)
		if err != nil || len(year) != 3 || year[0].Month != 10 || year[1].Version != 2 || year[2].Version != 1 {
			t.Errorf("the year's versions: %d of them, %v", len(year), err)
		}
		if _, err := st.Version(ctx, 2019, 11, 3); !errors.Is(err, db.ErrNotFound) {
			t.Errorf("version 3: %v", err)
		}
	})
}

// A month is briefed once it is over; a month not begun has no briefing;
// a year without a plan none either. Nothing is written for any of them.
func TestRefusedMonths(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		demotest.Year(t, d)
		st := briefing.NewStore(d)
		st.SetClock(func() time.Time { return on("2019-12-09") })
		rows := count(t, d, "SELECT COUNT(*) FROM briefings")
		december, err := st.Build(ctx, 2019, 12)
		if err != nil || december.Plan.Indicators == 0 {
			t.Fatalf("the draft of the month under way: %v", err)
		}
		_, _, err = st.Publish(ctx, audit.System, december)
		if key := errorKey(err); key != "briefing.err.not_over" {
			t.Errorf("publishing December on 9 December: %v", err)
		}
		for _, c := range []struct {
			year, month int
			key         string
		}{{2020, 1, "briefing.err.future"}, {2019, 13, "briefing.err.month"}, {2019, 0, "briefing.err.month"}} {
			if _, err := st.Build(ctx, c.year, c.month); errorKey(err) != c.key {
				t.Errorf("%d-%d: %v, want %s", c.year, c.month, err, c.key)
			}
		}
		if _, err := st.Build(ctx, 2018, 11); !errors.Is(err, briefing.ErrNoPlan) {
			t.Errorf("2018 has no plan: %v", err)
		}
		if n := count(t, d, "SELECT COUNT(*) FROM briefings"); n != rows {
			t.Errorf("refusals wrote %d briefings", n-rows)
		}
	})
}

// show names a published version without its snapshot.
func show(p briefing.Published) string {
	return fmt.Sprintf("%d-%02d v%d (id %d, as of %s, %s, by %q)", p.Year, p.Month, p.Version, p.ID, p.AsOf, p.SHA256[:min(8, len(p.SHA256))], p.PublishedBy)
}

func errorKey(err error) string {
	var verr *i18n.Error
	if errors.As(err, &verr) {
		return verr.Key
	}
	return ""
}
