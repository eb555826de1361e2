package enterprise_test

import (
	"bytes"
	"context"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"gaoxin/internal/db"
	"gaoxin/internal/demo"
	"gaoxin/internal/enterprise"
	"gaoxin/internal/xlsx"
)

// The benchmarks of this package share one data set, built the first time
// a benchmark asks for it (never by a test), in about a minute:
//
//   - units.db: the province's unit tree of demo.ProvinceScale (2,000
//     units: root → 100 zones → departments, streets and parks) and
//     nothing else, the registry empty: what the import benchmarks import
//     into, a fresh copy each time;
//   - registry.db: a copy of it holding 200,000 firms with their tiers
//     and their figures of two years, written with multi-row INSERTs;
//   - register.xlsx: the same firms as an office's register, one row each
//     with the year's figures and the grant day of every tier.
//
// With GAOXIN_BENCH_ENTERPRISES_DIR set to a directory the files are kept
// there and used again by the next run, so that a run can be timed as a
// whole process without the build in it.

const (
	benchEnvDir = "GAOXIN_BENCH_ENTERPRISES_DIR"
	benchFirms  = 200000
	benchYear   = 2024
	benchDay    = "2024-12-09"
	benchSearch = "智能" // in about one firm name in twenty
)

// benchToday is 10:00 China time on benchDay, the store's clock.
var benchToday = time.Date(2024, time.December, 9, 2, 0, 0, 0, time.UTC)

// benchFirm is a generated firm: its record, its figures of benchYear and
// the year before, and the day each tier it was granted was granted.
type benchFirm struct {
	code, name, industry, address string
	unit                          int // index into the units
	revenue, rd                   float64
	staff, patents                int
	grants                        map[enterprise.Kind]string
	endedGazelle                  bool // the registry ended its 瞪羚 (only the database knows)
}

type benchUnit struct {
	id         int64
	code, path string
}

var (
	benchCities     = []string{"潍坊", "青岛", "济南", "烟台", "淄博", "临沂", "济宁", "威海", "日照", "德州"}
	benchCores      = []string{"华", "瑞", "泰", "恒", "鑫", "宏", "盛", "远", "海", "天", "金", "新", "达", "通", "博", "源", "科", "创", "德", "信"}
	benchWords      = []string{"智能", "精工", "动力", "光电", "生物", "材料", "电子", "装备", "医药", "能源", "数码", "环保", "重工", "化工", "软件", "食品", "纺织", "物流", "传动", "仪器"}
	benchIndustries = []string{"高端装备", "新一代信息技术", "生命健康", "新材料", "新能源", "现代服务业", "节能环保", "现代农业"}
	benchForms      = []string{"有限公司", "股份有限公司", "科技有限公司", "集团有限公司"}
	benchCodeChars  = "0123456789ABCDEFGHJKLMNPQRTUWXY"
)

// day draws a day between two years, first and last included.
func day(rng *rand.Rand, from, to int) string {
	start := time.Date(from, 1, 1, 0, 0, 0, 0, time.UTC)
	days := int(time.Date(to+1, 1, 1, 0, 0, 0, 0, time.UTC).Sub(start).Hours() / 24)
	d := start.AddDate(0, 0, rng.IntN(days)).Format("2006-01-02")
	return min(d, "2024-11-30") // no grant after the store's today
}

// generateFirms makes the firms, the same for the same units every time.
// The tiers come in the proportions of a province's register: 12 % 规模以上
// (a third of them 过亿), 14 % granted a 高新 certificate since 2019, about
// half of which still hold, 1.5 % 瞪羚, fewer champions.
func generateFirms(units []benchUnit) []benchFirm {
	rng := rand.New(rand.NewPCG(200000, benchYear))
	weights := make([]int, len(units)) // some units hold far more firms than others
	total := 0
	for i := range units {
		weights[i] = 1 + rng.IntN(10)
		total += weights[i]
	}
	codes := map[string]bool{}
	firms := make([]benchFirm, benchFirms)
	for i := range firms {
		f := &firms[i]
		for f.code == "" || codes[f.code] {
			b := []byte("91370700MA3")
			for len(b) < 17 {
				b = append(b, benchCodeChars[rng.IntN(len(benchCodeChars))])
			}
			f.code = string(b) + string(enterprise.CheckChar(string(b)))
		}
		codes[f.code] = true
		f.name = benchCities[rng.IntN(len(benchCities))] + benchCores[rng.IntN(len(benchCores))] + benchCores[rng.IntN(len(benchCores))] +
			benchWords[rng.IntN(len(benchWords))] + benchForms[rng.IntN(len(benchForms))]
		f.industry = benchIndustries[rng.IntN(len(benchIndustries))]
		f.address = "产业园区" + strconv.Itoa(1+rng.IntN(300)) + "号"
		for r := rng.IntN(total); ; f.unit++ {
			if r -= weights[f.unit]; r < 0 {
				break
			}
		}
		f.revenue = float64(50+rng.IntN(200000)) * 10
		f.rd = float64(rng.IntN(int(f.revenue/10) + 1))
		f.staff, f.patents = 5+rng.IntN(2000), rng.IntN(80)
		f.grants = map[enterprise.Kind]string{}
		grant := func(k enterprise.Kind, permille, from, to int) {
			if rng.IntN(1000) < permille {
				f.grants[k] = day(rng, from, to)
			}
		}
		grant(enterprise.AboveScale, 120, 2005, 2024)
		if f.grants[enterprise.AboveScale] != "" {
			grant(enterprise.OverHundredM, 333, 2010, 2024)
		}
		grant(enterprise.HighTech, 140, 2019, 2024)
		grant(enterprise.Gazelle, 15, 2016, 2024)
		grant(enterprise.HiddenChampion, 3, 2015, 2024)
		grant(enterprise.ChampionPool, 6, 2018, 2024)
		grant(enterprise.SingleChampion, 1, 2016, 2024)
		f.endedGazelle = f.grants[enterprise.Gazelle] != "" && f.grants[enterprise.Gazelle] < "2023-01-01" && rng.IntN(20) == 0
	}
	return firms
}

// buildBenchSet writes units.db, registry.db and register.xlsx into dir.
func buildBenchSet(ctx context.Context, b *testing.B, dir string) error {
	start := time.Now()
	units, err := db.Open(ctx, filepath.Join(dir, "units.db"))
	if err != nil {
		return err
	}
	defer units.Close()
	tree := demo.Scale{Units: demo.ProvinceScale.Units, Indicators: 1, Seed: demo.ProvinceScale.Seed}
	if err := demo.GenerateScale(ctx, units, tree); err != nil {
		return err
	}
	list, err := readUnits(ctx, units)
	if err != nil {
		return err
	}
	firms := generateFirms(list)
	if err := units.Backup(ctx, filepath.Join(dir, "registry.db")); err != nil {
		return err
	}
	registry, err := db.Open(ctx, filepath.Join(dir, "registry.db"))
	if err != nil {
		return err
	}
	defer registry.Close()
	if err := registry.Write(ctx, func(tx *db.Tx) error { return writeFirms(ctx, tx, list, firms) }); err != nil {
		return err
	}
	b.Logf("wrote %d firms in %s", len(firms), time.Since(start).Round(time.Millisecond))
	start = time.Now()
	var file bytes.Buffer
	if err := xlsx.WriteXLSX(&file, "企业名录", benchHeader(), benchRows(list, firms)); err != nil {
		return err
	}
	b.Logf("wrote the register file, %d bytes, in %s", file.Len(), time.Since(start).Round(time.Millisecond))
	return os.WriteFile(filepath.Join(dir, "register.xlsx"), file.Bytes(), 0o644)
}

func readUnits(ctx context.Context, d *db.DB) ([]benchUnit, error) {
	rows, err := d.Query(ctx, "SELECT id, code, path FROM units WHERE parent_id IS NOT NULL ORDER BY id")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var list []benchUnit
	for rows.Next() {
		var u benchUnit
		if err := rows.Scan(&u.id, &u.code, &u.path); err != nil {
			return nil, err
		}
		list = append(list, u)
	}
	return list, rows.Err()
}

// writeFirms writes the firms, their tiers (a 高新 certificate for three
// years) and their figures of benchYear and the year before.
func writeFirms(ctx context.Context, tx *db.Tx, units []benchUnit, firms []benchFirm) error {
	created := benchToday.AddDate(0, -1, 0)
	ins := db.NewInserter(ctx, tx, "INSERT INTO enterprises (credit_code, name, unit_id, industry, address, created_at, updated_at) VALUES ",
		"(?, ?, ?, ?, ?, ?, ?)")
	for _, f := range firms {
		if err := ins.Add(f.code, f.name, units[f.unit].id, f.industry, f.address, created, created); err != nil {
			return err
		}
	}
	if err := ins.Flush(); err != nil {
		return err
	}
	ids := map[string]int64{}
	rows, err := tx.Query(ctx, "SELECT id, credit_code FROM enterprises")
	if err != nil {
		return err
	}
	for rows.Next() {
		var id int64
		var code string
		if err := rows.Scan(&id, &code); err != nil {
			rows.Close()
			return err
		}
		ids[code] = id
	}
	rows.Close()
	tiers := db.NewInserter(ctx, tx, `INSERT INTO enterprise_tiers (enterprise_id, tier, granted_on, expires_on, ended_on, end_reason, created_at)
		VALUES `, "(?, ?, ?, ?, ?, ?, ?)")
	years := db.NewInserter(ctx, tx, "INSERT INTO enterprise_years (enterprise_id, year, revenue, employees, rd_spend, patents) VALUES ",
		"(?, ?, ?, ?, ?, ?)")
	for _, f := range firms {
		id := ids[f.code]
		for _, k := range enterprise.Kinds {
			on := f.grants[k]
			if on == "" {
				continue
			}
			expires, ended, reason := "", "", ""
			if k == enterprise.HighTech {
				granted, _ := time.Parse("2006-01-02", on)
				expires = granted.AddDate(3, 0, 0).Format("2006-01-02")
			}
			if k == enterprise.Gazelle && f.endedGazelle {
				ended, reason = "2023-06-30", "复核未通过"
			}
			if err := tiers.Add(id, string(k), on, expires, ended, reason, created); err != nil {
				return err
			}
		}
		if err := years.Add(id, benchYear, f.revenue, f.staff, f.rd, f.patents); err != nil {
			return err
		}
		if err := years.Add(id, benchYear-1, f.revenue*0.9, f.staff, f.rd*0.9, f.patents); err != nil {
			return err
		}
	}
	if err := tiers.Flush(); err != nil {
		return err
	}
	return years.Flush()
}

func benchHeader() []string {
	header := []string{"统一社会信用代码", "企业名称", "所属单位", "行业", "地址", "营业收入（万元）", "从业人员", "研发投入（万元）", "专利数"}
	for _, k := range enterprise.Kinds {
		header = append(header, enterprise.TierColumn(k))
	}
	return append(header, enterprise.ExpiryColumn)
}

// benchRows are the firms as the register file's rows, as an office
// writes them: the unit by its code, figures with thousands separators.
func benchRows(units []benchUnit, firms []benchFirm) [][]string {
	out := make([][]string, len(firms))
	for i, f := range firms {
		row := []string{f.code, f.name, units[f.unit].code, f.industry, f.address, thousands(f.revenue), strconv.Itoa(f.staff),
			strconv.FormatFloat(f.rd, 'f', -1, 64), strconv.Itoa(f.patents)}
		for _, k := range enterprise.Kinds {
			row = append(row, f.grants[k])
		}
		out[i] = append(row, "")
	}
	return out
}

func thousands(v float64) string {
	s := strconv.FormatFloat(v, 'f', -1, 64)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}
