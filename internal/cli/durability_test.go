package cli_test

import (
	"bufio"
	"context"
	"fmt"
	"math/rand/v2"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"gaoxin/internal/audit"
	"gaoxin/internal/db"
)

// durabilityRounds is how many times the child is killed.
const durabilityRounds = 50

// A gaoxin process killed with SIGKILL at random moments — while a
// reporter's grid is being saved through the API, or while a units file is
// being imported — loses nothing it acknowledged and leaves nothing half
// written: after every kill the database passes SQLite's integrity check
// and audit verify; the month's figures all carry the values of one
// request, the last acknowledged or the one in flight; and the imported
// units are all there or none.
func TestKilledMidWriteLosesNothing(t *testing.T) {
	if os.Getenv(envProcesses) == "" {
		t.Skip("set " + envProcesses + "=1 to build gaoxin and kill it 50 times (CI does, on its own)")
	}
	bin := buildGaoxin(t)
	path := demoDB(t)
	token, err := exec.Command(bin, "token", "create", "--user", "xincheng.tb", "--db", path).Output()
	if err != nil {
		t.Fatalf("token: %v", err)
	}
	secret := strings.TrimSpace(string(token))
	codes := gridCodes(t, path)
	rnd := rand.New(rand.NewPCG(11, 50))
	var sent int64 // the value of the last request sent; every figure of request k is k*10+i
	var imported, notImported int
	for round := 0; round < durabilityRounds; round++ {
		if round%5 == 4 {
			if killDuringImport(t, bin, path, round, rnd) {
				imported++
			} else {
				notImported++
			}
		} else {
			acked := killDuringSaves(t, bin, path, secret, codes, &sent, rnd)
			checkFigures(t, path, codes, acked, sent, round)
		}
		checkSound(t, path, round, round%10 == 9)
	}
	t.Logf("%d kills: %d saves sent, the last acknowledged each time checked; imports killed before their commit %d times, after it %d",
		durabilityRounds, sent, notImported, imported)
	if sent < durabilityRounds || notImported == 0 {
		t.Errorf("the kills did not land mid-write: %d saves in all, %d imports killed before committing", sent, notImported)
	}
}

// gridCodes are the indicators 新城街道 reports in November.
func gridCodes(t *testing.T, path string) []string {
	d, err := db.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	rows, err := d.Query(context.Background(), `SELECT i.code FROM assignments a JOIN indicators i ON i.id = a.indicator_id
		JOIN units u ON u.id = a.unit_id JOIN plans p ON p.id = i.plan_id
		WHERE u.code = 'XCJD' AND p.year = 2019 AND i.binding = '' AND i.frequency = 'month' ORDER BY i.code`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var codes []string
	for rows.Next() {
		var c string
		rows.Scan(&c)
		codes = append(codes, c)
	}
	if len(codes) < 2 {
		t.Fatalf("新城街道 reports %d monthly indicators", len(codes))
	}
	return codes
}

var servingAt = regexp.MustCompile(`addr=(http://127\.0\.0\.1:\d+)`)

// killDuringSaves starts gaoxin, saves the grid again and again with new
// values until a random moment, kills the process with SIGKILL, and gives
// the value of the last save it acknowledged (0 for none).
func killDuringSaves(t *testing.T, bin, path, secret string, codes []string, sent *int64, rnd *rand.Rand) int64 {
	t.Helper()
	cmd := exec.Command(bin, "serve", "--db", path, "--addr", "127.0.0.1:0")
	stderr, _ := cmd.StderrPipe()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	base := ""
	lines := bufio.NewScanner(stderr)
	for lines.Scan() {
		if m := servingAt.FindStringSubmatch(lines.Text()); m != nil {
			base = m[1]
			break
		}
	}
	go func() {
		for lines.Scan() {
		}
	}()
	if base == "" {
		cmd.Process.Kill()
		cmd.Wait()
		t.Fatal("gaoxin serve did not say where it listens")
	}
	var acked atomic.Int64
	done := make(chan struct{})
	go func() {
		defer close(done)
		client := &http.Client{Timeout: 5 * time.Second}
		for {
			k := atomic.AddInt64(sent, 1)
			var entries []string
			for i, c := range codes {
				entries = append(entries, fmt.Sprintf(`{"indicator": %q, "value": %d, "explanation": "第%d次"}`, c, k*10+int64(i), k))
			}
			body := fmt.Sprintf(`{"year": 2019, "month": 11, "unit": "XCJD", "entries": [%s]}`, strings.Join(entries, ", "))
			req, _ := http.NewRequest(http.MethodPost, base+"/api/v1/figures", strings.NewReader(body))
			req.Header.Set("Authorization", "Bearer "+secret)
			res, err := client.Do(req)
			if err != nil {
				return // killed
			}
			res.Body.Close()
			if res.StatusCode != http.StatusOK {
				t.Errorf("save %d: %d", k, res.StatusCode)
				return
			}
			acked.Store(k)
		}
	}()
	time.Sleep(time.Duration(20+rnd.IntN(300)) * time.Millisecond)
	cmd.Process.Signal(syscall.SIGKILL)
	cmd.Wait()
	<-done
	return acked.Load()
}

// killDuringImport kills a units import at a random moment: afterwards
// the file's units are all in the tree or none. It reports whether they
// are in.
func killDuringImport(t *testing.T, bin, path string, round int, rnd *rand.Rand) bool {
	t.Helper()
	var b strings.Builder
	b.WriteString("编码,名称,类型,考核类别,上级编码,排序,启用\r\n")
	const n = 400
	for i := 0; i < n; i++ {
		fmt.Fprintf(&b, "K%02d%03d,园区%d-%d,park,,WFGX,%d,是\r\n", round, i, round, i, 100+i)
	}
	file := filepath.Join(t.TempDir(), "units.csv")
	os.WriteFile(file, []byte(b.String()), 0o644)
	cmd := exec.Command(bin, "import", "units", file, "--db", path)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	time.Sleep(time.Duration(rnd.IntN(400)) * time.Millisecond)
	cmd.Process.Signal(syscall.SIGKILL)
	cmd.Wait()
	d, err := db.Open(context.Background(), path)
	if err != nil {
		t.Fatalf("round %d: reopen after a killed import: %v", round, err)
	}
	defer d.Close()
	var got int
	d.QueryRow(context.Background(), "SELECT COUNT(*) FROM units WHERE code LIKE $1", fmt.Sprintf("K%02d%%", round)).Scan(&got)
	if got != 0 && got != n {
		t.Fatalf("round %d: %d of the file's %d units after a killed import", round, got, n)
	}
	return got == n
}

// checkFigures holds the month to one request's values: the last one
// acknowledged, or one sent after it that committed before the kill.
func checkFigures(t *testing.T, path string, codes []string, acked, sent int64, round int) {
	t.Helper()
	d, err := db.Open(context.Background(), path)
	if err != nil {
		t.Fatalf("round %d: reopen: %v", round, err)
	}
	defer d.Close()
	var request int64 = -1
	for i, c := range codes {
		var v *float64
		err := d.QueryRow(context.Background(), `SELECT f.value FROM figures f JOIN assignments a ON a.id = f.assignment_id
			JOIN indicators i ON i.id = a.indicator_id JOIN units u ON u.id = a.unit_id JOIN periods p ON p.id = f.period_id
			WHERE u.code = 'XCJD' AND i.code = $1 AND p.year = 2019 AND p.month = 11`, c).Scan(&v)
		if acked == 0 && (err != nil || v == nil) {
			continue // nothing saved yet in this database
		}
		if err != nil || v == nil {
			t.Fatalf("round %d: %s has no figure after save %d was acknowledged", round, c, acked)
		}
		k := (int64(*v) - int64(i)) / 10
		if request == -1 {
			request = k
		} else if k != request {
			t.Fatalf("round %d: the month holds values of requests %d and %d: a save was half written", round, request, k)
		}
	}
	if acked > 0 && (request < acked || request > sent) {
		t.Fatalf("round %d: the figures are request %d's; %d was acknowledged and %d the last sent", round, request, acked, sent)
	}
}

// checkSound runs SQLite's integrity check and, when trail is set (every
// tenth round: walking the demo's whole trail under the race detector
// takes seconds), verifies the audit trail.
func checkSound(t *testing.T, path string, round int, trail bool) {
	t.Helper()
	d, err := db.Open(context.Background(), path)
	if err != nil {
		t.Fatalf("round %d: reopen: %v", round, err)
	}
	defer d.Close()
	if problems, err := d.IntegrityCheck(context.Background()); err != nil || problems != "" {
		t.Fatalf("round %d: integrity check: %q %v", round, problems, err)
	}
	if !trail {
		return
	}
	if _, brk, err := audit.Verify(context.Background(), d); err != nil || brk != nil {
		t.Fatalf("round %d: audit verify: %v %v", round, brk, err)
	}
}
