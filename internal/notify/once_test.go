package notify_test

import (
	"testing"

	"gaoxin/internal/db"
	"gaoxin/internal/db/dbtest"
	"gaoxin/internal/notify"
)

// A key is told once; a rolled-back transaction leaves it free.
func TestOnce(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		once := func(key string, fail bool) bool {
			t.Helper()
			var first bool
			err := d.Write(t.Context(), func(tx *db.Tx) error {
				var err error
				if first, err = notify.Once(t.Context(), tx, key); err != nil || !fail {
					return err
				}
				return errRollback
			})
			if err != nil && err != errRollback {
				t.Fatal(err)
			}
			return first
		}
		if !once("period.opened:2019-11:XCJD", true) {
			t.Fatal("a new key is not first")
		}
		if !once("period.opened:2019-11:XCJD", false) {
			t.Fatal("a key whose transaction rolled back is not free again")
		}
		if once("period.opened:2019-11:XCJD", false) {
			t.Fatal("a key told twice")
		}
		if !once("period.opened:2019-11:QCJD", false) {
			t.Fatal("another key is not first")
		}
	})
}

type rollback struct{}

func (rollback) Error() string { return "rolled back" }

var errRollback error = rollback{}
