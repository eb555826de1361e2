package assess_test

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"gaoxin/internal/assess"
	"gaoxin/internal/audit"
	"gaoxin/internal/auth"
	"gaoxin/internal/db"
	"gaoxin/internal/db/dbtest"
	"gaoxin/internal/org"
)

// trailFixture is the demo year with the changes the demo itself does not
// make: a record changed before approval, one revoked, one left pending,
// and the economic class's draft scheme adopted.
type trailFixture struct {
	d                         *db.DB
	office, leader, economy   audit.Actor
	changed, revoked, pending assess.Record
	adopted                   assess.Stored
}

func newTrailFixture(t *testing.T, d *db.DB) *trailFixture {
	t.Helper()
	ctx := context.Background()
	loadDemo(t, d)
	f := &trailFixture{d: d, office: userActor(t, d, "kaohe"), leader: userActor(t, d, "lingdao"), economy: userActor(t, d, "jingji.fzr")}
	street, err := org.NewStore(d).ByCode(ctx, "XCJD")
	if err != nil {
		t.Fatal(err)
	}
	rs := assess.NewRecordStore(d)
	deduction := assess.RecordInput{UnitID: street.ID, Kind: assess.RecordDeduction, Type: "环境整治", Name: "道路扬尘治理不到位",
		Points: "1.5", EventOn: "2019-11-12"}
	f.changed = must(rs.Create(ctx, f.office, 2019, deduction))(t)
	deduction.Points = "2.5"
	must(rs.Update(ctx, f.office, f.changed.ID, deduction))(t)
	f.changed = must(rs.Approve(ctx, f.leader, f.changed.ID))(t)

	f.revoked = must(rs.Create(ctx, f.office, 2019, assess.RecordInput{UnitID: street.ID, Kind: assess.RecordBonus, Level: "city",
		Name: "潍坊市文明街道", EventOn: "2019-10-08"}))(t)
	must(rs.Approve(ctx, f.leader, f.revoked.ID))(t)
	f.revoked = must(rs.Revoke(ctx, f.office, f.revoked.ID, "表彰文件已撤回"))(t)

	f.pending = must(rs.Create(ctx, f.office, 2019, assess.RecordInput{UnitID: street.ID, Kind: assess.RecordVeto, Veto: "soft",
		Name: "信访事项逾期未办结", EventOn: "2019-12-02"}))(t)

	schemes := assess.NewStore(d)
	drafts, err := schemes.Drafts(ctx, 2019)
	if err != nil || len(drafts) != 1 {
		t.Fatalf("the demo's drafts = %d, %v; want the economic class's one", len(drafts), err)
	}
	f.adopted = must(schemes.Adopt(ctx, f.office, drafts[0].ID))(t)
	return f
}

// must gives back a store's value, failing the test on its error:
// must(store.Call(…))(t).
func must[T any](v T, err error) func(*testing.T) T {
	return func(t *testing.T) T {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
}

func userActor(t *testing.T, d *db.DB, login string) audit.Actor {
	t.Helper()
	u, err := auth.NewUsers(d).ByLogin(context.Background(), login)
	if err != nil {
		t.Fatal(err)
	}
	return u.Actor("test")
}

// exec runs a statement behind the application's back, as someone with
// the database's password would.
func (f *trailFixture) exec(t *testing.T, sql string, args ...any) {
	t.Helper()
	if err := f.d.Write(context.Background(), func(tx *db.Tx) error {
		_, err := tx.Exec(context.Background(), sql, args...)
		return err
	}); err != nil {
		t.Fatalf("%s: %v", sql, err)
	}
}

// insert is exec for an INSERT, giving back the new row's id.
func (f *trailFixture) insert(t *testing.T, sql string, args ...any) int64 {
	t.Helper()
	var id int64
	if err := f.d.Write(context.Background(), func(tx *db.Tx) error {
		var err error
		id, err = tx.Insert(context.Background(), sql, args...)
		return err
	}); err != nil {
		t.Fatalf("%s: %v", sql, err)
	}
	return id
}

// lastSeq is the last entry that states a record: the one a finding
// about it must name.
func (f *trailFixture) lastSeq(t *testing.T, entity string, id int64) int64 {
	t.Helper()
	var seq int64
	if err := f.d.QueryRow(context.Background(), `SELECT MAX(seq) FROM audit_log WHERE entity = $1 AND entity_id = $2
		AND action <> 'record.attach'`, entity, strconv.FormatInt(id, 10)).Scan(&seq); err != nil {
		t.Fatal(err)
	}
	return seq
}

func (f *trailFixture) round(t *testing.T, period, class string) assess.RatingRound {
	t.Helper()
	rounds, err := assess.NewRatingStore(f.d).Rounds(context.Background(), 2019)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rounds {
		if r.Period == period && r.Class == class {
			return r
		}
	}
	t.Fatalf("no %s round of %s", period, class)
	return assess.RatingRound{}
}

func (f *trailFixture) scheme(t *testing.T, class string, version int) assess.Stored {
	t.Helper()
	list, err := assess.NewStore(f.d).Versions(context.Background(), 2019, class)
	if err != nil {
		t.Fatal(err)
	}
	for _, st := range list {
		if st.Version == version {
			return st
		}
	}
	t.Fatalf("no version %d of %s's scheme", version, class)
	return assess.Stored{}
}

// wantFindings holds the replay of one kind against the findings wanted,
// by id. Every finding with an entry must name who wrote it.
func (f *trailFixture) wantFindings(t *testing.T, entity string, want ...audit.Finding) {
	t.Helper()
	var kind []audit.Kind
	for _, k := range assess.AuditKinds() {
		if k.Entity == entity {
			kind = append(kind, k)
		}
	}
	rep, err := audit.CheckState(context.Background(), f.d, kind)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]audit.Finding{}
	for _, x := range rep.Findings {
		if x.Seq != 0 && x.Actor == "" {
			t.Errorf("%s names no actor", x)
		}
		x.Actor = ""
		got[x.ID] = x
	}
	wanted := map[string]audit.Finding{}
	for _, x := range want {
		x.Entity = entity
		wanted[x.ID] = x
	}
	if !reflect.DeepEqual(got, wanted) || rep.Problems != int64(len(want)) {
		t.Fatalf("%s findings (%d problems):\n%+v\nwant\n%+v", entity, rep.Problems, got, wanted)
	}
}

func idText(n int64) string { return strconv.FormatInt(n, 10) }

func digestOf(text string) string {
	s := sha256.Sum256([]byte(text))
	return hex.EncodeToString(s[:])
}

// Everything the assessment writes through its stores, the demo year and
// the changes it does not make, agrees with the trail on both engines.
func TestAuditKindsAgreeWithTheTrail(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		newTrailFixture(t, d)
		rep, err := audit.CheckState(ctx, d, assess.AuditKinds())
		if err != nil {
			t.Fatal(err)
		}
		if rep.Problems != 0 {
			t.Fatalf("%d problems, e.g. %v", rep.Problems, rep.Findings[0])
		}
		var rows int64
		for _, table := range []string{"schemes", "assessment_records", "rating_rounds", "rating_forms", "assessment_results"} {
			var n int64
			if err := d.QueryRow(ctx, "SELECT COUNT(*) FROM "+table).Scan(&n); err != nil || n == 0 {
				t.Fatalf("%s: %d rows, %v", table, n, err)
			}
			rows += n
		}
		if rep.Records != rows {
			t.Fatalf("held %d records against the trail, want all %d", rep.Records, rows)
		}
	})
}

// A record's points changed, a record slipped in and one deleted, all in
// the database, are named.
func TestAuditKindRecords(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		f := newTrailFixture(t, d)
		f.exec(t, "UPDATE assessment_records SET points = '0.5' WHERE id = $1", f.changed.ID)
		slipped := f.insert(t, `INSERT INTO assessment_records (year, unit_id, kind, level, name, event_on, status, created_at, updated_at)
			VALUES (2019, $1, 'bonus', 'national', '国家级荣誉', '2019-12-01', 'approved', $2, $2)`, f.changed.UnitID, db.Now())
		f.exec(t, "DELETE FROM assessment_records WHERE id = $1", f.pending.ID)
		f.wantFindings(t, "assessment_record",
			audit.Finding{ID: idText(f.changed.ID), Name: "新城街道 · 扣分 · 2019-11", Problem: audit.Differs,
				Seq: f.lastSeq(t, "assessment_record", f.changed.ID), Fields: []audit.FieldDiff{{Field: "points", Live: "0.5", Trail: "2.5"}}},
			audit.Finding{ID: idText(slipped), Name: "新城街道 · 加分 · 2019-12", Problem: audit.Unrecorded},
			audit.Finding{ID: idText(f.pending.ID), Problem: audit.Missing, Seq: f.lastSeq(t, "assessment_record", f.pending.ID)})
	})
}

// The approval's who is part of the record: a decided_by rewritten to
// someone else is named with both users' ids.
func TestAuditKindRecordApprover(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		f := newTrailFixture(t, d)
		f.exec(t, "UPDATE assessment_records SET decided_by = $1 WHERE id = $2", f.economy.UserID, f.revoked.ID)
		f.wantFindings(t, "assessment_record",
			audit.Finding{ID: idText(f.revoked.ID), Name: "新城街道 · 加分 · 2019-10", Problem: audit.Differs,
				Seq: f.lastSeq(t, "assessment_record", f.revoked.ID), Fields: []audit.FieldDiff{
					{Field: "decided_by", Live: idText(f.economy.UserID), Trail: idText(f.leader.UserID)}}})
	})
}

// A submitted score changed, a form slipped into a round and one deleted
// are named; the scores are the form's.
func TestAuditKindRatingForms(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		f := newTrailFixture(t, d)
		rs := assess.NewRatingStore(d)
		q1, y := f.round(t, "Q1", "街道"), f.round(t, "Y", "街道")
		form := must(rs.Form(ctx, q1.ID, f.leader.UserID))(t)
		street := must(org.NewStore(d).ByCode(ctx, "XCJD"))(t)
		trail := map[string]string{}
		for unit, score := range form.Scores {
			trail[idText(unit)] = score
		}
		live := map[string]string{}
		for k, v := range trail {
			live[k] = v
		}
		live[idText(street.ID)] = "100"
		if trail[idText(street.ID)] == "" || trail[idText(street.ID)] == "100" {
			t.Fatalf("the leader's Q1 score of 新城街道 is %q", trail[idText(street.ID)])
		}
		f.exec(t, "UPDATE rating_scores SET score = '100' WHERE form_id = $1 AND unit_id = $2", form.ID, street.ID)

		slipped := f.insert(t, `INSERT INTO rating_forms (round_id, rater_id, rater_type, status, invited_at)
			VALUES ($1, $2, 'leader', 'submitted', $3)`, q1.ID, f.office.UserID, db.Now())
		gone := must(rs.Form(ctx, y.ID, f.economy.UserID))(t)
		f.exec(t, "DELETE FROM rating_forms WHERE id = $1", gone.ID)

		f.wantFindings(t, "rating_form",
			audit.Finding{ID: idText(form.ID), Name: "管委会领导 李明 · 2019 Q1 · 街道 · MZPJ", Problem: audit.Differs,
				Seq: f.lastSeq(t, "rating_form", form.ID), Fields: []audit.FieldDiff{{Field: "scores", Live: encode(live), Trail: encode(trail)}}},
			audit.Finding{ID: idText(slipped), Name: "考核办 王敏 · 2019 Q1 · 街道 · MZPJ", Problem: audit.Unrecorded},
			audit.Finding{ID: idText(gone.ID), Problem: audit.Missing, Seq: f.lastSeq(t, "rating_form", gone.ID)})
	})
}

func encode(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}

// A closed round reopened, a round slipped in and one deleted with its
// forms are named.
func TestAuditKindRatingRounds(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		f := newTrailFixture(t, d)
		q1, gone := f.round(t, "Q1", "街道"), f.round(t, "Y", "党群类")
		f.exec(t, "UPDATE rating_rounds SET status = 'open', closed_at = NULL WHERE id = $1", q1.ID)
		slipped := f.insert(t, `INSERT INTO rating_rounds (year, period, class, item, scheme_id, status, opened_at)
			VALUES (2019, 'Q1', '街道', 'GZ99', $1, 'open', $2)`, q1.SchemeID, db.Now())
		f.exec(t, "DELETE FROM rating_scores WHERE form_id IN (SELECT id FROM rating_forms WHERE round_id = $1)", gone.ID)
		f.exec(t, "DELETE FROM rating_forms WHERE round_id = $1", gone.ID)
		f.exec(t, "DELETE FROM rating_rounds WHERE id = $1", gone.ID)
		f.wantFindings(t, "rating_round",
			audit.Finding{ID: idText(q1.ID), Name: "2019 Q1 · 街道 · MZPJ", Problem: audit.Differs, Seq: f.lastSeq(t, "rating_round", q1.ID),
				Fields: []audit.FieldDiff{{Field: "status", Live: "open", Trail: "closed"}}},
			audit.Finding{ID: idText(slipped), Name: "2019 Q1 · 街道 · GZ99", Problem: audit.Unrecorded},
			audit.Finding{ID: idText(gone.ID), Problem: audit.Missing, Seq: f.lastSeq(t, "rating_round", gone.ID)})
	})
}

// A scheme's file edited in place, a version slipped in and the adopted
// draft deleted are named; the file is compared by its SHA-256.
func TestAuditKindSchemes(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		f := newTrailFixture(t, d)
		v1 := f.scheme(t, "经济发展类", 1)
		edited := string(v1.Body) + "# 权重已调整\n"
		f.exec(t, "UPDATE schemes SET body = $1 WHERE id = $2", edited, v1.ID)
		slipped := f.insert(t, `INSERT INTO schemes (year, class, version, name, body, sha256, draft, created_at)
			VALUES (2019, '街道', 9, '街道考核方案', 'year: 2019', $1, 0, $2)`, digestOf("year: 2019"), db.Now())
		f.exec(t, "DELETE FROM schemes WHERE id = $1", f.adopted.ID)
		f.wantFindings(t, "scheme",
			audit.Finding{ID: idText(v1.ID), Name: "2019 · 经济发展类 · v1", Problem: audit.Differs, Seq: f.lastSeq(t, "scheme", v1.ID),
				Fields: []audit.FieldDiff{{Field: "sha256", Live: digestOf(edited) + " (stored as " + v1.SHA256 + ")", Trail: v1.SHA256}}},
			audit.Finding{ID: idText(slipped), Name: "2019 · 街道 · v9", Problem: audit.Unrecorded},
			audit.Finding{ID: idText(f.adopted.ID), Problem: audit.Missing, Seq: f.lastSeq(t, "scheme", f.adopted.ID)})
	})
}

// A draft flag turned back on behind the application is named: only an
// adopted version computes results.
func TestAuditKindSchemeDraft(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		f := newTrailFixture(t, d)
		f.exec(t, "UPDATE schemes SET draft = 1 WHERE id = $1", f.adopted.ID)
		f.wantFindings(t, "scheme",
			audit.Finding{ID: idText(f.adopted.ID), Name: "2019 · 经济发展类 · v2", Problem: audit.Differs, Seq: f.lastSeq(t, "scheme", f.adopted.ID),
				Fields: []audit.FieldDiff{{Field: "draft", Live: "true", Trail: "false"}}})
	})
}

// A published result's ranks rewritten, a version slipped in and one
// deleted are named; the snapshot is compared by its SHA-256.
func TestAuditKindResults(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		f := newTrailFixture(t, d)
		results := assess.NewResultStore(d)
		q3 := must(results.Latest(ctx, 2019, "Q3", "街道"))(t)
		gone := must(results.Latest(ctx, 2019, "Q1", "街道"))(t)
		var body string
		if err := d.QueryRow(ctx, "SELECT body FROM assessment_results WHERE id = $1", q3.ID).Scan(&body); err != nil {
			t.Fatal(err)
		}
		reranked := strings.Replace(body, `"rank":1,`, `"rank":2,`, 1)
		if reranked == body {
			t.Fatal("the Q3 result ranks nobody first")
		}
		f.exec(t, "UPDATE assessment_results SET body = $1 WHERE id = $2", reranked, q3.ID)
		slipped := f.insert(t, `INSERT INTO assessment_results (year, period, class, version, scheme_id, body, sha256, published_at)
			VALUES (2019, 'Q3', '街道', 9, $1, '{}', $2, $3)`, q3.SchemeID, digestOf("{}"), db.Now())
		f.exec(t, "DELETE FROM assessment_results WHERE id = $1", gone.ID)
		f.wantFindings(t, "assessment_result",
			audit.Finding{ID: idText(q3.ID), Name: fmt.Sprintf("2019 Q3 · 街道 · v%d", q3.Version), Problem: audit.Differs,
				Seq:    f.lastSeq(t, "assessment_result", q3.ID),
				Fields: []audit.FieldDiff{{Field: "sha256", Live: digestOf(reranked) + " (stored as " + q3.SHA256 + ")", Trail: q3.SHA256}}},
			audit.Finding{ID: idText(slipped), Name: "2019 Q3 · 街道 · v9", Problem: audit.Unrecorded},
			audit.Finding{ID: idText(gone.ID), Problem: audit.Missing, Seq: f.lastSeq(t, "assessment_result", gone.ID)})
	})
}
