package cli_test

import (
	"bufio"
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"gaoxin/internal/audit"
	"gaoxin/internal/auth"
	"gaoxin/internal/db"
	"gaoxin/internal/report"
	"gaoxin/internal/settings"
)

// envProcesses turns on the tests that start gaoxin as child processes
// and load or kill them. They measure the product, not the test process,
// so CI runs them in a step of their own after the race-detector run,
// on a machine that is otherwise idle.
const envProcesses = "GAOXIN_TEST_PROCESSES"

const (
	loadReporters = 200 // several to a unit, so that they edit the same figures
	loadReviewers = 5   // the assessment office, approving
	loadRounds    = 3   // drafts each reporter saves before the units submit
)

// buildGaoxin builds the binary the process tests start.
func buildGaoxin(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "gaoxin")
	build := exec.Command(filepath.Join(runtime.GOROOT(), "bin", "go"), "build", "-o", bin, "gaoxin/cmd/gaoxin")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// 200 reporters saving and submitting and 5 reviewers approving at once,
// over HTTP: on SQLite against one gaoxin, on PostgreSQL against two
// gaoxin processes sharing the database. No request fails or hangs; every
// save acknowledged is in its figure's history (no lost update); a save
// made from a figure someone changed since gets a conflict; no figure is
// stored twice; and the units' months end approved.
func TestConcurrentReportingOverHTTP(t *testing.T) {
	if os.Getenv(envProcesses) == "" {
		t.Skip("set " + envProcesses + "=1 to start gaoxin processes and send them thousands of requests (CI does, on its own)")
	}
	bin := buildGaoxin(t)
	t.Run("sqlite, one instance", func(t *testing.T) {
		t.Setenv("GAOXIN_LANG", "zh")
		runLoad(t, bin, demoDB(t), 1)
	})
	server := os.Getenv("GAOXIN_TEST_POSTGRES")
	if server == "" {
		return
	}
	t.Run("postgres, two instances", func(t *testing.T) {
		t.Setenv("GAOXIN_LANG", "zh")
		admin, err := sql.Open("pgx", server)
		if err != nil {
			t.Fatal(err)
		}
		defer admin.Close()
		name := fmt.Sprintf("gaoxin_load_%d", os.Getpid())
		admin.Exec("DROP DATABASE IF EXISTS " + name)
		if _, err := admin.Exec("CREATE DATABASE " + name); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { admin.Exec("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)") })
		u, _ := url.Parse(server)
		u.Path = "/" + name
		dsn := u.String()
		if out, err := exec.Command(bin, "demo", "--db", dsn, "--no-serve").CombinedOutput(); err != nil {
			t.Fatalf("demo on PostgreSQL: %v\n%s", err, out)
		}
		runLoad(t, bin, dsn, 2)
	})
}

// loadUnit is a unit reporting November, with its people's tokens.
type loadUnit struct {
	code      string
	reporters []string
	head      string
}

// loadResult is what the load saw.
type loadResult struct {
	mu        sync.Mutex
	saves     []time.Duration      // every save or submit's time
	acked     map[string][]float64 // unit|indicator → values acknowledged
	conflicts int
	failures  []string
}

func (r *loadResult) fail(format string, args ...any) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if len(r.failures) < 10 {
		r.failures = append(r.failures, fmt.Sprintf(format, args...))
	}
}

func runLoad(t *testing.T, bin, dsn string, instances int) {
	units, office := loadPeople(t, dsn)
	var bases []string
	for i := 0; i < instances; i++ {
		bases = append(bases, startServe(t, bin, dsn))
	}
	client := &http.Client{Timeout: 30 * time.Second}
	call := func(base, token, method, path string, body any) (int, map[string]any) {
		var b []byte
		if body != nil {
			b, _ = json.Marshal(body)
		}
		req, _ := http.NewRequest(method, base+path, strings.NewReader(string(b)))
		req.Header.Set("Authorization", "Bearer "+token)
		res, err := client.Do(req)
		if err != nil {
			return 0, map[string]any{"error": err.Error()}
		}
		defer res.Body.Close()
		var out map[string]any
		json.NewDecoder(res.Body).Decode(&out)
		return res.StatusCode, out
	}
	read := func(base, token, unit string) map[string]map[string]any {
		status, out := call(base, token, http.MethodGet, "/api/v1/figures?year=2019&month=11&unit="+unit, nil)
		cells := map[string]map[string]any{}
		if status != http.StatusOK {
			return nil
		}
		for _, f := range out["figures"].([]any) {
			m := f.(map[string]any)
			cells[m["indicator"].(string)] = m
		}
		return cells
	}
	res := &loadResult{acked: map[string][]float64{}}
	start := time.Now()
	var wg sync.WaitGroup
	// Reporters: each saves drafts of its unit's month from what it read,
	// several to a unit at once; then the first of each unit submits.
	submitted := map[string]chan struct{}{}
	for _, u := range units {
		submitted[u.code] = make(chan struct{})
	}
	n := 0
	for _, u := range units {
		for i, token := range u.reporters {
			base := bases[n%len(bases)]
			who := n
			n++
			wg.Add(1)
			go func() {
				defer wg.Done()
				for round := 0; round < loadRounds; round++ {
					cells := read(base, token, u.code)
					if cells == nil {
						res.fail("%s: reading the month", u.code)
						return
					}
					var entries []map[string]any
					values := map[string]float64{}
					for code, c := range cells {
						if c["status"] != "" && c["status"] != "draft" && c["status"] != "returned" {
							continue
						}
						v := float64(who*1000 + round*10 + len(entries))
						values[code] = v
						entries = append(entries, map[string]any{"indicator": code, "value": v, "explanation": "压力测试", "version": c["version"]})
					}
					if len(entries) == 0 {
						return
					}
					t0 := time.Now()
					status, out := call(base, token, http.MethodPost, "/api/v1/figures",
						map[string]any{"year": 2019, "month": 11, "unit": u.code, "entries": entries})
					res.mu.Lock()
					res.saves = append(res.saves, time.Since(t0))
					switch {
					case status == http.StatusOK:
						for code, v := range values {
							res.acked[u.code+"|"+code] = append(res.acked[u.code+"|"+code], v)
						}
					case status == http.StatusUnprocessableEntity && strings.Contains(fmt.Sprint(out), "figure.err.conflict") ||
						status == http.StatusUnprocessableEntity && strings.Contains(fmt.Sprint(out), "已被他人修改"):
						res.conflicts++
					case status == http.StatusUnprocessableEntity && strings.Contains(fmt.Sprint(out), "已报送"):
						// submitted meanwhile by the unit: nothing to draft any more
					default:
						res.mu.Unlock()
						res.fail("%s save: %d %v", u.code, status, out)
						res.mu.Lock()
					}
					res.mu.Unlock()
				}
				if i != 0 {
					return
				}
				// The unit's first reporter submits, retrying on a conflict.
				for try := 0; try < 20; try++ {
					cells := read(base, token, u.code)
					var entries []map[string]any
					for code, c := range cells {
						entries = append(entries, map[string]any{"indicator": code, "value": c["value"], "explanation": "按计划推进", "version": c["version"]})
					}
					t0 := time.Now()
					status, out := call(base, token, http.MethodPost, "/api/v1/figures",
						map[string]any{"year": 2019, "month": 11, "unit": u.code, "submit": true, "entries": entries})
					res.mu.Lock()
					res.saves = append(res.saves, time.Since(t0))
					res.mu.Unlock()
					if status == http.StatusOK {
						close(submitted[u.code])
						return
					}
					if status != http.StatusUnprocessableEntity {
						res.fail("%s submit: %d %v", u.code, status, out)
						return
					}
				}
				res.fail("%s: no submit went through in 20 tries", u.code)
			}()
		}
	}
	// Heads confirm their unit once it is submitted; the office approves.
	for j, u := range units {
		base := bases[j%len(bases)]
		wg.Add(1)
		go func() {
			defer wg.Done()
			select {
			case <-submitted[u.code]:
			case <-time.After(2 * time.Minute):
				res.fail("%s was never submitted", u.code)
				return
			}
			if status, out := call(base, u.head, http.MethodPost, "/api/v1/figures/review",
				map[string]any{"year": 2019, "month": 11, "unit": u.code, "action": "confirm"}); status != http.StatusOK {
				res.fail("%s confirm: %d %v", u.code, status, out)
			}
		}()
	}
	for k := 0; k < loadReviewers; k++ {
		base := bases[k%len(bases)]
		token := office[k]
		wg.Add(1)
		go func() {
			defer wg.Done()
			deadline := time.Now().Add(2 * time.Minute)
			for time.Now().Before(deadline) {
				left := 0
				for _, u := range units {
					cells := read(base, token, u.code)
					if cells == nil {
						res.fail("%s: the office reading", u.code)
						return
					}
					approved := true
					for _, c := range cells {
						approved = approved && c["status"] == "approved"
					}
					if approved {
						continue
					}
					left++
					status, out := call(base, token, http.MethodPost, "/api/v1/figures/review",
						map[string]any{"year": 2019, "month": 11, "unit": u.code, "action": "approve"})
					if status != http.StatusOK && status != http.StatusUnprocessableEntity {
						res.fail("%s approve: %d %v", u.code, status, out)
					}
				}
				if left == 0 {
					return
				}
				time.Sleep(20 * time.Millisecond)
			}
			res.fail("the office did not approve every unit in two minutes")
		}()
	}
	done := make(chan struct{})
	go func() { wg.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(4 * time.Minute):
		t.Fatal("the load did not finish in four minutes: a request hangs or a lock is never released")
	}
	elapsed := time.Since(start)
	for _, f := range res.failures {
		t.Error(f)
	}
	checkLoad(t, dsn, units, res)
	slices.Sort(res.saves)
	p99 := res.saves[len(res.saves)*99/100]
	t.Logf("%d instances: %d saves and submits in %.1f s (%.0f a second), p99 %d ms, median %d ms; %d conflicts refused",
		instances, len(res.saves), elapsed.Seconds(), float64(len(res.saves))/elapsed.Seconds(), p99.Milliseconds(),
		res.saves[len(res.saves)/2].Milliseconds(), res.conflicts)
	if res.conflicts == 0 {
		t.Error("no save was refused as a conflict although several reporters edited each figure")
	}
}

// loadPeople makes the reporters, a head for each unit and the office's
// reviewers, and gives each an API token.
func loadPeople(t *testing.T, dsn string) ([]*loadUnit, []string) {
	t.Helper()
	ctx := context.Background()
	d, err := db.Open(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	rows, err := d.Query(ctx, `SELECT DISTINCT u.id, u.code FROM assignments a JOIN indicators i ON i.id = a.indicator_id
		JOIN units u ON u.id = a.unit_id JOIN plans p ON p.id = i.plan_id
		WHERE p.year = 2019 AND i.binding = '' AND i.frequency = 'month' ORDER BY u.code`)
	if err != nil {
		t.Fatal(err)
	}
	type ref struct {
		id   int64
		code string
	}
	var refs []ref
	for rows.Next() {
		var r ref
		rows.Scan(&r.id, &r.code)
		refs = append(refs, r)
	}
	rows.Close()
	users := auth.NewUsers(d)
	token := func(login, name string, role auth.Role, unit int64) string {
		u, err := users.Create(ctx, audit.System, auth.NewUser{Login: login, DisplayName: name, Role: role, UnitID: unit, Password: "Load-test-2019!"})
		if err != nil {
			t.Fatal(err)
		}
		secret, _, err := users.CreateToken(ctx, audit.System, u.ID, "load")
		if err != nil {
			t.Fatal(err)
		}
		return secret
	}
	// The demo's November is partly submitted and confirmed: the office
	// returns it, so that every unit reports it again under load. Units
	// with figures approved already are left out.
	rs := report.NewStore(d)
	clock, err := settings.Clock(ctx, d)
	if err != nil {
		t.Fatal(err)
	}
	rs.SetClock(clock)
	nov, err := rs.PeriodOf(ctx, 2019, 11)
	if err != nil {
		t.Fatal(err)
	}
	var units []*loadUnit
	for i, r := range refs {
		var ids []int64
		idRows, err := d.Query(ctx, `SELECT f.assignment_id FROM figures f JOIN assignments a ON a.id = f.assignment_id
			WHERE a.unit_id = $1 AND f.period_id = $2 AND f.status IN ('submitted', 'confirmed')`, r.id, nov.ID)
		if err != nil {
			t.Fatal(err)
		}
		for idRows.Next() {
			var id int64
			idRows.Scan(&id)
			ids = append(ids, id)
		}
		idRows.Close()
		if len(ids) > 0 {
			if err := rs.Return(ctx, audit.System, nov, ids, []report.Status{report.Submitted, report.Confirmed}, "压力测试：重新填报"); err != nil {
				t.Fatal(err)
			}
		}
		var approved int
		d.QueryRow(ctx, `SELECT COUNT(*) FROM figures f JOIN assignments a ON a.id = f.assignment_id
			WHERE a.unit_id = $1 AND f.period_id = $2 AND f.status = 'approved'`, r.id, nov.ID).Scan(&approved)
		if approved > 0 {
			continue
		}
		units = append(units, &loadUnit{code: r.code, head: token(fmt.Sprintf("load.head%d", i), "负责人", auth.RoleHead, r.id)})
	}
	if len(units) < 5 {
		t.Fatalf("only %d units have November open to report", len(units))
	}
	for i := 0; i < loadReporters; i++ {
		u := units[i%len(units)]
		u.reporters = append(u.reporters, token(fmt.Sprintf("load.tb%d", i), "填报员", auth.RoleReporter, mustUnitID(t, d, u.code)))
	}
	var office []string
	var zone int64
	d.QueryRow(ctx, "SELECT id FROM units WHERE parent_id IS NULL ORDER BY id LIMIT 1").Scan(&zone)
	for k := 0; k < loadReviewers; k++ {
		office = append(office, token(fmt.Sprintf("load.office%d", k), "考核办", auth.RoleAssessor, zone))
	}
	return units, office
}

func mustUnitID(t *testing.T, d *db.DB, code string) int64 {
	var id int64
	if err := d.QueryRow(context.Background(), "SELECT id FROM units WHERE code = $1", code).Scan(&id); err != nil {
		t.Fatal(err)
	}
	return id
}

// startServe starts gaoxin serve on a free port and gives its address.
func startServe(t *testing.T, bin, dsn string) string {
	t.Helper()
	cmd := exec.Command(bin, "serve", "--db", dsn, "--addr", "127.0.0.1:0")
	stderr, _ := cmd.StderrPipe()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	lines := bufio.NewScanner(stderr)
	for lines.Scan() {
		if m := servingAt.FindStringSubmatch(lines.Text()); m != nil {
			go func() {
				for lines.Scan() {
				}
			}()
			return m[1]
		}
	}
	t.Fatal("gaoxin serve did not say where it listens")
	return ""
}

// checkLoad holds the database to the load: one row a figure, every
// acknowledged value in its figure's history, the months approved.
func checkLoad(t *testing.T, dsn string, units []*loadUnit, res *loadResult) {
	t.Helper()
	ctx := context.Background()
	d, err := db.Open(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	var twice int
	d.QueryRow(ctx, "SELECT COUNT(*) FROM (SELECT assignment_id, period_id FROM figures GROUP BY assignment_id, period_id HAVING COUNT(*) > 1) x").Scan(&twice)
	if twice > 0 {
		t.Errorf("%d figures are stored twice", twice)
	}
	var gaps int
	d.QueryRow(ctx, `SELECT COUNT(*) FROM figures f WHERE f.version <> (SELECT COUNT(*) FROM figure_versions v WHERE v.figure_id = f.id)`).Scan(&gaps)
	if gaps > 0 {
		t.Errorf("%d figures' histories do not count up to their version", gaps)
	}
	lost := 0
	for key, values := range res.acked {
		unit, code, _ := strings.Cut(key, "|")
		rows, err := d.Query(ctx, `SELECT v.value FROM figure_versions v JOIN figures f ON f.id = v.figure_id JOIN assignments a ON a.id = f.assignment_id
			JOIN indicators i ON i.id = a.indicator_id JOIN units u ON u.id = a.unit_id JOIN periods p ON p.id = f.period_id
			WHERE u.code = $1 AND i.code = $2 AND p.year = 2019 AND p.month = 11`, unit, code)
		if err != nil {
			t.Fatal(err)
		}
		history := map[float64]bool{}
		for rows.Next() {
			var v *float64
			rows.Scan(&v)
			if v != nil {
				history[*v] = true
			}
		}
		rows.Close()
		for _, v := range values {
			if !history[v] {
				lost++
			}
		}
	}
	if lost > 0 {
		t.Errorf("%d acknowledged saves are not in their figures' history: lost updates", lost)
	}
	for _, u := range units {
		var open int
		d.QueryRow(ctx, `SELECT COUNT(*) FROM figures f JOIN periods p ON p.id = f.period_id JOIN assignments a ON a.id = f.assignment_id
			JOIN units n ON n.id = a.unit_id WHERE n.code = $1 AND p.year = 2019 AND p.month = 11 AND f.status <> 'approved'`, u.code).Scan(&open)
		if open > 0 {
			t.Errorf("%s: %d figures not approved at the end", u.code, open)
		}
	}
}
