package attract_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"gaoxin/internal/attract"
	"gaoxin/internal/audit"
	"gaoxin/internal/db"
	"gaoxin/internal/org"
)

// The benchmarks of this file share one data set, built in a temporary
// SQLite file the first time a benchmark asks for it (never by a test):
// a province's leads, 20,000 of them received over 2018 and 2019, owned
// by the 60 units of ten zones (a zone's office and its five parks), in
// every stage, channel and kind, with flags and partner agencies. The
// leads and their moves are written with multi-row INSERTs in one
// transaction, which takes well under a second.

const (
	benchLeads = 20000
	benchZones = 10
	benchParks = 5 // per zone
)

type benchSet struct {
	d      *db.DB
	s      *attract.Store
	filter attract.Filter // one zone's subtree, one channel, one year
	want   int            // the leads the filter selects, counted as they were written
}

var (
	benchOnce sync.Once
	benchData *benchSet
	benchErr  error
	benchTemp string
)

// TestMain removes the data set's folder after the run; it adds nothing
// to a run that benchmarks nothing.
func TestMain(m *testing.M) {
	code := m.Run()
	if benchData != nil {
		benchData.d.Close()
	}
	if benchTemp != "" {
		os.RemoveAll(benchTemp)
	}
	os.Exit(code)
}

func benchSetFor(b *testing.B) *benchSet {
	b.Helper()
	benchOnce.Do(func() {
		start := time.Now()
		benchData, benchErr = buildBenchSet(context.Background())
		b.Logf("built %d leads in %s", benchLeads, time.Since(start).Round(time.Millisecond))
	})
	if benchErr != nil {
		b.Fatal(benchErr)
	}
	return benchData
}

var (
	benchIndustries = []string{"新一代信息技术", "高端装备", "生物医药", "新能源", "新材料", "光电", "声学", "人工智能"}
	benchAgencies   = []string{"潍坊招商咨询有限公司", "青岛中科招商服务中心", "北京投促顾问有限公司", "上海产业对接中心", "深圳前海招商服务公司"}
	// How many leads in a hundred stand at each stage.
	benchStageWeights = []int{40, 25, 15, 8, 8, 4}
)

func buildBenchSet(ctx context.Context) (*benchSet, error) {
	dir, err := os.MkdirTemp("", "gaoxin-attract-bench-")
	if err != nil {
		return nil, err
	}
	benchTemp = dir
	d, err := db.Open(ctx, filepath.Join(dir, "leads.db"))
	if err != nil {
		return nil, err
	}
	set := &benchSet{d: d, s: attract.NewStore(d)}
	set.s.SetClock(func() time.Time { return time.Date(2019, 12, 9, 2, 0, 0, 0, time.UTC) })
	units := org.NewStore(d)
	root, err := units.Create(ctx, audit.System, org.Fields{Code: "SD", Name: "全省", Kind: org.KindOther}, 0)
	if err != nil {
		return nil, err
	}
	var owners []int64
	zoneOf := map[int64]int{}
	var zonePath string
	for z := 0; z < benchZones; z++ {
		zone, err := units.Create(ctx, audit.System, org.Fields{Code: fmt.Sprintf("Z%02d", z), Name: fmt.Sprintf("高新区%02d", z), Kind: org.KindZone}, root.ID)
		if err != nil {
			return nil, err
		}
		if z == 0 {
			zonePath = zone.Path
		}
		owners, zoneOf[zone.ID] = append(owners, zone.ID), z
		for p := 0; p < benchParks; p++ {
			park, err := units.Create(ctx, audit.System, org.Fields{Code: fmt.Sprintf("Z%02dP%d", z, p), Name: fmt.Sprintf("高新区%02d园区%d", z, p),
				Kind: org.KindPark}, zone.ID)
			if err != nil {
				return nil, err
			}
			owners, zoneOf[park.ID] = append(owners, park.ID), z
		}
	}
	set.filter = attract.Filter{Scope: zonePath, Channel: attract.ByAgency, Year: 2019}
	err = d.Write(ctx, func(tx *db.Tx) error {
		n, err := writeBenchLeads(ctx, tx, owners, func(unit int64, l attract.Lead) bool {
			return zoneOf[unit] == 0 && l.Channel == attract.ByAgency && strings.HasPrefix(l.ReceivedOn, "2019")
		})
		set.want = n
		return err
	})
	return set, err
}

// writeBenchLeads writes the leads and, for those beyond 线索, the move
// that brought them there; it counts the leads selected says yes to.
func writeBenchLeads(ctx context.Context, tx *db.Tx, owners []int64, selected func(int64, attract.Lead) bool) (int, error) {
	rng := rand.New(rand.NewPCG(20000, 2019))
	at := time.Date(2019, 12, 1, 2, 0, 0, 0, time.UTC)
	first := time.Date(2018, 1, 1, 0, 0, 0, 0, time.UTC)
	row := "(" + strings.Repeat("?, ", 21) + "?)"
	head := `INSERT INTO leads (id, code, name, kind, channel, agency, flags, industry, expected_investment, arrived_investment,
		owner_unit_id, owner_name, contact, note, stage, stage_on, received_on, responded_on, assessed_on, signed_on, created_at, updated_at) VALUES `
	const perStatement = 1000
	var args, moves []any
	rows, n := 0, 0
	flush := func() error {
		if rows == 0 {
			return nil
		}
		q := head + strings.Repeat(row+", ", rows-1) + row
		if _, err := tx.Exec(ctx, q, args...); err != nil {
			return err
		}
		args, rows = args[:0], 0
		return nil
	}
	for i := 1; i <= benchLeads; i++ {
		received := first.AddDate(0, 0, rng.IntN(700))
		st := pickStage(rng)
		l := attract.Lead{Kind: attract.Kinds[pickOf(rng, []int{80, 12, 8})], Channel: attract.Channels[rng.IntN(len(attract.Channels))],
			Industry: benchIndustries[rng.IntN(len(benchIndustries))], ReceivedOn: received.Format("2006-01-02"), Stage: st}
		if l.Channel == attract.ByAgency {
			l.Agency = benchAgencies[rng.IntN(len(benchAgencies))]
		}
		var flags []string
		for i, p := range []int{8, 10, 15} { // in a hundred, of each of attract.Flags
			if rng.IntN(100) < p {
				flags = append(flags, string(attract.Flags[i]))
			}
		}
		stageOn := received.AddDate(0, 0, 10*st.Index()+rng.IntN(10))
		if limit := time.Date(2019, 12, 9, 0, 0, 0, 0, time.UTC); stageOn.After(limit) {
			stageOn = limit
		}
		l.StageOn = stageOn.Format("2006-01-02")
		responded, signed := "", ""
		if st != attract.Clue {
			responded = l.StageOn
		}
		if st.Reached(attract.Signed) {
			signed = l.StageOn
		}
		expected := float64(1000 * (1 + rng.IntN(500)))
		arrived := 0.0
		if st.Reached(attract.Funded) {
			arrived = float64(int(expected*rng.Float64()/10) * 10)
		}
		unit := owners[rng.IntN(len(owners))]
		if selected(unit, l) {
			n++
		}
		args = append(args, i, fmt.Sprintf("ZS-%05d", i), fmt.Sprintf("%s项目%05d", l.Industry, i), string(l.Kind), string(l.Channel),
			l.Agency, strings.Join(flags, ","), l.Industry, expected, arrived, unit, fmt.Sprintf("责任人%03d", rng.IntN(600)),
			"", "", string(st), l.StageOn, l.ReceivedOn, responded, responded, signed, at, at)
		if st != attract.Clue {
			moves = append(moves, i, string(st), l.StageOn, at)
		}
		if rows++; rows == perStatement {
			if err := flush(); err != nil {
				return 0, err
			}
		}
	}
	if err := flush(); err != nil {
		return 0, err
	}
	for len(moves) > 0 {
		chunk := moves[:min(len(moves), 4*perStatement)]
		moves = moves[len(chunk):]
		q := "INSERT INTO lead_moves (lead_id, from_stage, to_stage, moved_on, actor, reason, created_at) VALUES " +
			strings.Repeat("(?, 'clue', ?, ?, 'bench', '', ?), ", len(chunk)/4-1) + "(?, 'clue', ?, ?, 'bench', '', ?)"
		if _, err := tx.Exec(ctx, q, chunk...); err != nil {
			return 0, err
		}
	}
	return n, nil
}

func pickStage(rng *rand.Rand) attract.Stage { return attract.Stages[pickOf(rng, benchStageWeights)] }

// pickOf picks an index with the given weights.
func pickOf(rng *rand.Rand, weights []int) int {
	sum := 0
	for _, w := range weights {
		sum += w
	}
	r := rng.IntN(sum)
	for i, w := range weights {
		if r < w {
			return i
		}
		r -= w
	}
	return len(weights) - 1
}

// BenchmarkPipeline20k is the pipeline page's figures over all 20,000
// leads, and over one zone's subtree: Store.Pipeline, one grouped query.
func BenchmarkPipeline20k(b *testing.B) {
	set := benchSetFor(b)
	for _, c := range []struct {
		name string
		f    attract.Filter
	}{{"all", attract.Filter{}}, {"zone", attract.Filter{Scope: set.filter.Scope}}} {
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			var p attract.Pipeline
			for b.Loop() {
				var err error
				if p, err = set.s.Pipeline(ctx, c.f); err != nil {
					b.Fatal(err)
				}
			}
			if c.f.Scope == "" && (p.Total.Leads != benchLeads || p.Reached[attract.Clue] != benchLeads) {
				b.Fatalf("pipeline of %d leads, %d reached 线索", p.Total.Leads, p.Reached[attract.Clue])
			}
			b.ReportMetric(float64(p.Total.Leads), "leads")
		})
	}
}

// BenchmarkListFiltered20k is the lead list of one zone's subtree, one
// channel and one year: Store.List, every row read.
func BenchmarkListFiltered20k(b *testing.B) {
	set := benchSetFor(b)
	b.ReportAllocs()
	var list []attract.Lead
	for b.Loop() {
		var err error
		if list, err = set.s.List(ctx, set.filter); err != nil {
			b.Fatal(err)
		}
	}
	if len(list) != set.want || set.want == 0 {
		b.Fatalf("%d leads listed, %d written", len(list), set.want)
	}
	b.ReportMetric(float64(len(list)), "rows")
}
