package audit_test

import (
	"context"
	"strings"
	"testing"

	"gaoxin/internal/audit"
	"gaoxin/internal/db"
	"gaoxin/internal/db/dbtest"
)

// fill writes n entries the way the application does.
func fill(t *testing.T, d *db.DB, n int) {
	t.Helper()
	ctx := context.Background()
	for i := 1; i <= n; i++ {
		err := d.Write(ctx, func(tx *db.Tx) error {
			return audit.Record(ctx, tx, audit.Actor{UserID: 7, Name: "kaohe", Address: "10.0.0.5"},
				"unit.rename", "unit", i, map[string]string{"name": "旧名"}, map[string]string{"name": "新名"})
		})
		if err != nil {
			t.Fatal(err)
		}
	}
}

func exec(t *testing.T, d *db.DB, q string, args ...any) {
	t.Helper()
	ctx := context.Background()
	if err := d.Write(ctx, func(tx *db.Tx) error { _, err := tx.Exec(ctx, q, args...); return err }); err != nil {
		t.Fatalf("%s: %v", q, err)
	}
}

func TestVerify(t *testing.T) {
	ctx := context.Background()
	cases := []struct {
		name    string
		tamper  func(t *testing.T, d *db.DB)
		wantSeq int64
		reason  string
	}{
		{"whole", func(*testing.T, *db.DB) {}, 0, ""},
		{"edited after", func(t *testing.T, d *db.DB) {
			exec(t, d, `UPDATE audit_log SET after_json = '{"name":"伪造"}' WHERE seq = 3`)
		}, 3, "edited"},
		{"edited actor", func(t *testing.T, d *db.DB) {
			exec(t, d, `UPDATE audit_log SET actor = 'someone' WHERE seq = 2`)
		}, 2, "edited"},
		{"edited and rehashed", func(t *testing.T, d *db.DB) {
			// A forger who recomputes the hash of entry 2 still breaks the link from entry 3.
			exec(t, d, `UPDATE audit_log SET hash = 'f00d' WHERE seq = 2`)
		}, 2, "edited"},
		{"deleted in the middle", func(t *testing.T, d *db.DB) {
			exec(t, d, `DELETE FROM audit_log WHERE seq = 3`)
		}, 4, "missing"},
		{"deleted at the end", func(t *testing.T, d *db.DB) {
			exec(t, d, `DELETE FROM audit_log WHERE seq = 5`)
		}, 5, "removed from the end"},
		{"inserted", func(t *testing.T, d *db.DB) {
			exec(t, d, `UPDATE audit_log SET seq = seq + 100 WHERE seq >= 4`)
			exec(t, d, `INSERT INTO audit_log (seq, at, actor, address, action, entity, entity_id, before_json, after_json, prev_hash, hash)
				SELECT 4, at, actor, address, action, entity, entity_id, before_json, after_json, hash, hash FROM audit_log WHERE seq = 3`)
			exec(t, d, `UPDATE audit_log SET seq = seq - 99 WHERE seq >= 104`)
		}, 4, "edited"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dbtest.Each(t, func(t *testing.T, d *db.DB) {
				fill(t, d, 5)
				c.tamper(t, d)
				n, brk, err := audit.Verify(ctx, d)
				if err != nil {
					t.Fatal(err)
				}
				if c.wantSeq == 0 {
					if brk != nil || n != 5 {
						t.Fatalf("Verify = %d, %v; want 5 entries, whole", n, brk)
					}
					return
				}
				if brk == nil || brk.Seq != c.wantSeq || !strings.Contains(brk.Reason, c.reason) {
					t.Fatalf("Verify break = %+v; want entry %d (%s)", brk, c.wantSeq, c.reason)
				}
			})
		})
	}
}

func TestList(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		fill(t, d, 3)
		d.Write(ctx, func(tx *db.Tx) error {
			return audit.Record(ctx, tx, audit.System, "user.create", "user", 1, nil, map[string]string{"login": "a"})
		})
		all, err := audit.List(ctx, d, audit.Filter{})
		if err != nil || len(all) != 4 || all[0].Action != "user.create" || all[0].Before != "null" {
			t.Fatalf("List() = %+v, %v", all, err)
		}
		units, _ := audit.List(ctx, d, audit.Filter{Action: "unit.", Actor: "kaohe"})
		if len(units) != 3 || units[2].EntityID != "1" || units[0].Address != "10.0.0.5" {
			t.Fatalf("List(unit., kaohe) = %+v", units)
		}
		page, _ := audit.List(ctx, d, audit.Filter{Before: 3, Limit: 1})
		if len(page) != 1 || page[0].Seq != 2 {
			t.Fatalf("List(before 3, limit 1) = %+v", page)
		}
	})
}
