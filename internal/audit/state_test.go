package audit_test

import (
	"context"
	"encoding/json"
	"strconv"
	"testing"

	"gaoxin/internal/audit"
	"gaoxin/internal/db"
	"gaoxin/internal/db/dbtest"
)

// note is a record kind made for the test: the trail states it, the
// table audit_test_notes holds it.
type note struct {
	Text  string  `json:"text"`
	Score float64 `json:"score"`
}

func noteKind() audit.Kind {
	return audit.Kind{
		Entity: "note",
		Except: []string{"note.view"},
		State:  audit.StateOf[note](),
		Live: func(ctx context.Context, q db.Querier, each func(string, []byte) error) error {
			rows, err := q.Query(ctx, "SELECT id, text, score FROM audit_test_notes ORDER BY id")
			if err != nil {
				return err
			}
			defer rows.Close()
			for rows.Next() {
				var id int64
				var n note
				if err := rows.Scan(&id, &n.Text, &n.Score); err != nil {
					return err
				}
				if err := each(strconv.FormatInt(id, 10), audit.Encode(n)); err != nil {
					return err
				}
			}
			return rows.Err()
		},
	}
}

func TestCheckState(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		exec(t, d, "CREATE TABLE audit_test_notes (id BIGINT PRIMARY KEY, text TEXT NOT NULL, score DOUBLE PRECISION NOT NULL)")
		who := audit.Actor{UserID: 3, Name: "xincheng.tb", Address: "10.0.0.9"}
		write := func(id int64, n *note, action string) {
			t.Helper()
			err := d.Write(ctx, func(tx *db.Tx) error {
				if n == nil {
					if _, err := tx.Exec(ctx, "DELETE FROM audit_test_notes WHERE id = $1", id); err != nil {
						return err
					}
					return audit.Record(ctx, tx, who, action, "note", id, nil, nil)
				}
				if _, err := tx.Exec(ctx, "DELETE FROM audit_test_notes WHERE id = $1", id); err != nil {
					return err
				}
				if _, err := tx.Exec(ctx, "INSERT INTO audit_test_notes (id, text, score) VALUES ($1, $2, $3)", id, n.Text, n.Score); err != nil {
					return err
				}
				return audit.Record(ctx, tx, who, action, "note", id, nil, n)
			})
			if err != nil {
				t.Fatal(err)
			}
		}
		write(1, &note{"一", 177.6}, "note.create")
		write(2, &note{"二", 10}, "note.create")
		write(3, &note{"三", 5}, "note.create")
		write(3, nil, "note.delete")
		write(2, &note{"二改", 12}, "note.update")
		// An action whose after-state is not the record changes nothing.
		if err := d.Write(ctx, func(tx *db.Tx) error {
			return audit.Record(ctx, tx, who, "note.view", "note", 1, nil, map[string]string{"viewer": "x"})
		}); err != nil {
			t.Fatal(err)
		}
		check := func() audit.StateReport {
			t.Helper()
			rep, err := audit.CheckState(ctx, d, []audit.Kind{noteKind()})
			if err != nil {
				t.Fatal(err)
			}
			return rep
		}
		if rep := check(); rep.Problems != 0 || rep.Records != 2 {
			t.Fatalf("clean: %+v", rep)
		}

		exec(t, d, "UPDATE audit_test_notes SET score = score * 2 WHERE id = 1")
		exec(t, d, "INSERT INTO audit_test_notes (id, text, score) VALUES (9, '九', 1)")
		exec(t, d, "DELETE FROM audit_test_notes WHERE id = 2")
		rep := check()
		if rep.Problems != 3 || len(rep.Findings) != 3 {
			t.Fatalf("tampered: %+v", rep)
		}
		byID := map[string]audit.Finding{}
		for _, f := range rep.Findings {
			byID[f.ID] = f
		}
		doubled := byID["1"]
		if doubled.Problem != audit.Differs || doubled.Seq != 1 || doubled.Actor != "xincheng.tb" || len(doubled.Fields) != 1 ||
			doubled.Fields[0] != (audit.FieldDiff{Field: "score", Live: "355.2", Trail: "177.6"}) {
			t.Errorf("doubled: %+v", doubled)
		}
		if got := doubled.String(); got != "note 1: score 355.2 in the database, 177.6 in audit entry 1 by xincheng.tb" {
			t.Errorf("doubled reads %q", got)
		}
		if f := byID["9"]; f.Problem != audit.Unrecorded {
			t.Errorf("inserted: %+v", f)
		}
		if f := byID["2"]; f.Problem != audit.Missing || f.Seq != 5 {
			t.Errorf("deleted: %+v", f)
		}

		// A baseline accepts the tables as they stand, in an entry of its
		// own, and then they verify clean.
		n, err := audit.Baseline(ctx, d, audit.System, []audit.Kind{noteKind()})
		if err != nil || n != 3 {
			t.Fatalf("baseline stated %d: %v", n, err)
		}
		if rep := check(); rep.Problems != 0 {
			t.Fatalf("after the baseline: %+v", rep)
		}
		var after string
		if err := d.QueryRow(ctx, "SELECT after_json FROM audit_log WHERE action = $1", audit.ActionBaseline).Scan(&after); err != nil {
			t.Fatal(err)
		}
		var stated map[string]json.RawMessage
		json.Unmarshal([]byte(after), &stated)
		if string(stated["1"]) != `{"text":"一","score":355.2}` || string(stated["2"]) != "null" || len(stated) != 3 {
			t.Errorf("baseline entry: %s", after)
		}
		if _, brk, err := audit.Verify(ctx, d); brk != nil || err != nil {
			t.Errorf("verify: %v %v", brk, err)
		}
	})
}
