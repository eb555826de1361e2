package notify_test

import (
	"bytes"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"gaoxin/internal/db"
	"gaoxin/internal/notify"
)

// childDB names the database file of TestDelivererChild.
const childDB = "GAOXIN_NOTIFY_CHILD_DB"

// A deliverer killed in the middle of a batch (SIGKILL, no clean stop)
// loses nothing either: the rows it held wait for their lease, then go
// out; the message in flight when it died arrives twice with one id.
func TestKilledDelivererLosesNothing(t *testing.T) {
	const n, killAt, workers = 40, 15, 4
	path := filepath.Join(t.TempDir(), "gaoxin.db")
	d, err := db.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	var child *exec.Cmd
	started, exited := make(chan struct{}), make(chan struct{})
	rc := newReceiver(t, func(k int, _ call) (int, string) {
		if k == killAt {
			<-started
			child.Process.Kill()
		}
		if k >= killAt {
			// Answer only once the child is dead: what it sent last
			// reached us, but it never learns so.
			<-exited
		}
		return http.StatusOK, "{}"
	})
	hookWorld(t, d, rc)
	redTasks(t, d, n)
	d.Close()

	child = exec.Command(os.Args[0], "-test.run=^TestDelivererChild$", "-test.count=1")
	child.Env = append(os.Environ(), childDB+"="+path)
	var out bytes.Buffer
	child.Stdout, child.Stderr = &out, &out
	if err := child.Start(); err != nil {
		t.Fatal(err)
	}
	close(started)
	waitErr := make(chan error, 1)
	go func() {
		waitErr <- child.Wait()
		close(exited)
	}()
	select {
	case err := <-waitErr:
		if err == nil || len(rc.received()) < killAt {
			t.Fatalf("the child was not killed (%v) after %d calls:\n%s", err, len(rc.received()), out.String())
		}
	case <-time.After(time.Minute):
		child.Process.Kill()
		t.Fatalf("the child never got to call %d:\n%s", killAt, out.String())
	}

	d, err = db.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	held := count(t, d, "SELECT COUNT(*) FROM notify_outbox WHERE state = 'pending' AND claim_token <> ''")
	if held == 0 {
		t.Fatal("the killed child held no rows")
	}
	dl := notify.NewDeliverer(d)
	dl.Log = quiet
	now := db.Now()
	dl.SetClock(func() time.Time { return now })
	if _, err := dl.DeliverDue(ctx); err != nil {
		t.Fatal(err)
	}
	if left := count(t, d, "SELECT COUNT(*) FROM notify_outbox WHERE state = 'pending'"); left != held {
		t.Fatalf("%d rows pending before the lease ends, want the %d the child held", left, held)
	}
	dl.SetClock(func() time.Time { return now.Add(dl.Lease + time.Second) })
	if _, err := dl.DeliverDue(ctx); err != nil {
		t.Fatal(err)
	}
	repeats := checkExactlyOnce(t, d, rc, n, workers)
	if repeats < 1 {
		t.Fatal("the message in flight at the kill did not come again")
	}
	t.Logf("killed at call %d holding %d rows; %d calls for %d messages", killAt, held, len(rc.received()), n)
}

// TestDelivererChild is the process TestKilledDelivererLosesNothing
// kills: it delivers the outbox of the database it is given.
func TestDelivererChild(t *testing.T) {
	path := os.Getenv(childDB)
	if path == "" {
		t.Skip("run by TestKilledDelivererLosesNothing")
	}
	d, err := db.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	dl := notify.NewDeliverer(d)
	dl.Log, dl.Batch, dl.Workers = quiet, 10, 4
	n, err := dl.DeliverDue(ctx)
	t.Fatalf("delivered %d, %v, and was not killed", n, err)
}
