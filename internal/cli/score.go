package cli

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"unicode"

	"gaoxin/internal/assess"
	"gaoxin/internal/db"
	"gaoxin/internal/i18n"
	"gaoxin/internal/score"
)

func runScore(e *env) error {
	cfg := defaultConfig()
	fs := e.flags("score", "score --year Y [--period Q1|H1|Q3|Y] [--class C] [--scheme FILE] [--published] [--format table|json] [--db DSN]",
		"Score the units of a year at a checkpoint under the adopted schemes, from the figures,\n"+
			"records and ratings as they stand now, and print every unit's total, grade, rank and\n"+
			"items with their explanations. --scheme tries a scheme file instead of its class's\n"+
			"adopted one (nothing is saved); --published prints the latest published results.")
	cfg.DBFlag(fs)
	year := fs.Int("year", 0, "the year (required)")
	period := fs.String("period", "Y", "the checkpoint: Q1, H1, Q3 or Y")
	class := fs.String("class", "", "only this class")
	schemeFile := fs.String("scheme", "", "a scheme file to score with instead of the adopted one")
	published := fs.Bool("published", false, "print the published results instead of computing them")
	format := fs.String("format", "table", "table or json")
	if _, err := e.parse(fs, e.args); err != nil {
		return err
	}
	if *year == 0 {
		return usagef("--year is required")
	}
	if _, ok := assess.PeriodMonth(*period); !ok {
		return usagef("--period must be Q1, H1, Q3 or Y, not %q", *period)
	}
	if *format != "table" && *format != "json" {
		return usagef("--format must be table or json, not %q", *format)
	}
	if *published && *schemeFile != "" {
		return usagef("--published and --scheme do not go together")
	}
	d, err := e.open(cfg.DB)
	if err != nil {
		return err
	}
	defer d.Close()
	var results []*assess.Result
	switch {
	case *published:
		results, err = publishedResults(e, d, *year, *period, *class)
	case *schemeFile != "":
		results, err = tryScheme(e, d, *year, *period, *schemeFile)
	default:
		results, err = assess.Compute(e.ctx, d, *year, *period, *class)
	}
	if errors.Is(err, assess.ErrNoScheme) {
		return fmt.Errorf("no adopted scheme scores %d %s%s", *year, *period, forClass(*class))
	} else if err != nil {
		return err
	}
	if *format == "json" {
		return writeScoreJSON(e.stdout, *year, *period, results)
	}
	writeScoreTable(e.stdout, e.lang, results)
	return nil
}

func forClass(class string) string {
	if class == "" {
		return ""
	}
	return " for " + class
}

func publishedResults(e *env, d *db.DB, year int, period, class string) ([]*assess.Result, error) {
	list, err := assess.NewResultStore(d).Year(e.ctx, year)
	if err != nil {
		return nil, err
	}
	var out []*assess.Result
	for _, p := range list {
		if p.Period != period || (class != "" && p.Class != class) {
			continue
		}
		full, err := assess.NewResultStore(d).Version(e.ctx, year, period, p.Class, p.Version)
		if err != nil {
			return nil, err
		}
		r, err := full.Result()
		if err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("nothing published for %d %s%s", year, period, forClass(class))
	}
	return out, nil
}

func tryScheme(e *env, d *db.DB, year int, period, file string) ([]*assess.Result, error) {
	body, err := os.ReadFile(file)
	if err != nil {
		return nil, err
	}
	f, _, err := assess.Parse(file, body)
	if err != nil {
		return nil, err
	}
	if f.Year != year {
		return nil, fmt.Errorf("%s is the scheme of %d, not %d", file, f.Year, year)
	}
	in, err := assess.LoadInputs(e.ctx, d, year, period)
	if err != nil {
		return nil, err
	}
	r, err := assess.Evaluate(in, assess.Stored{Year: f.Year, Class: f.Class, Name: f.Name, Body: body, Draft: true})
	if err != nil {
		return nil, err
	}
	return []*assess.Result{r}, nil
}

// The JSON gives points rounded to two places, as the pages and the 通报
// show them, and the exact total beside, so that a script can check sums.
type scoreJSON struct {
	Year   int             `json:"year"`
	Period string          `json:"period"`
	Units  []scoreUnitJSON `json:"units"`
}

type scoreUnitJSON struct {
	Class      string          `json:"class"`
	Scheme     int             `json:"scheme_version"`
	Code       string          `json:"code"`
	Name       string          `json:"name"`
	Rank       int             `json:"rank"`
	Grade      string          `json:"grade"`
	Total      json.Number     `json:"total"`
	TotalExact string          `json:"total_exact"`
	ItemsTotal json.Number     `json:"items_total"`
	Bonus      json.Number     `json:"bonus"`
	Deduction  json.Number     `json:"deduction"`
	VetoPoints json.Number     `json:"veto_points"`
	Vetoed     bool            `json:"vetoed"`
	Items      []scoreItemJSON `json:"items"`
	Notes      []string        `json:"notes"`
}

type scoreItemJSON struct {
	Code        string      `json:"code"`
	Name        string      `json:"name"`
	Points      json.Number `json:"points"`
	State       string      `json:"state"`
	Explanation string      `json:"explanation"`
}

func pts(x score.Num) json.Number { return json.Number(score.Round(x, 2).String()) }

func writeScoreJSON(w io.Writer, year int, period string, results []*assess.Result) error {
	out := scoreJSON{Year: year, Period: period, Units: []scoreUnitJSON{}}
	for _, r := range results {
		for _, u := range r.Units {
			j := scoreUnitJSON{Class: r.Class, Scheme: r.Scheme.Version, Code: u.Code, Name: u.Name, Rank: u.Rank, Grade: u.Grade,
				Total: pts(u.Total), TotalExact: u.Total.String(), ItemsTotal: pts(u.ItemsTotal), Bonus: pts(u.Bonus),
				Deduction: pts(u.Deduction), VetoPoints: pts(u.VetoPoints), Vetoed: u.Vetoed, Notes: []string{}}
			for k, it := range u.Items {
				j.Items = append(j.Items, scoreItemJSON{Code: it.Code, Name: r.Items[k].Name, Points: pts(it.Points),
					State: it.State, Explanation: it.Why.ZH})
			}
			for _, n := range u.Notes {
				j.Notes = append(j.Notes, n.ZH)
			}
			out.Units = append(out.Units, j)
		}
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(out)
}

// writeScoreTable prints each class as a table in the user's language,
// padded by display width so that Chinese names line up.
func writeScoreTable(w io.Writer, lang i18n.Lang, results []*assess.Result) {
	for i, r := range results {
		if i > 0 {
			fmt.Fprintln(w)
		}
		fmt.Fprintf(w, "%s · %s · %s (v%d)\n", r.Class, assess.PeriodName(r.Period, string(lang)), r.Scheme.Name, r.Scheme.Version)
		head := []string{"score.col.rank", "score.col.code", "score.col.unit", "score.col.total", "score.col.grade",
			"score.col.items", "score.col.bonus", "score.col.deduction", "score.col.veto"}
		rows := [][]string{make([]string, len(head))}
		for k, key := range head {
			rows[0][k] = i18n.T(lang, key)
		}
		for _, u := range r.Units {
			rows = append(rows, []string{strconv.Itoa(u.Rank), u.Code, u.Name, score.FormatPoints(u.Total), u.GradeIn(lang),
				score.FormatPoints(u.ItemsTotal), score.FormatPoints(u.Bonus), score.FormatPoints(u.Deduction),
				score.FormatPoints(u.VetoPoints)})
		}
		printColumns(w, rows, map[int]bool{0: true, 3: true, 5: true, 6: true, 7: true, 8: true})
	}
}

// printColumns pads each column to its widest cell; the columns marked
// right (numbers) are right-aligned.
func printColumns(w io.Writer, rows [][]string, right map[int]bool) {
	widths := make([]int, len(rows[0]))
	for _, row := range rows {
		for k, cell := range row {
			widths[k] = max(widths[k], displayWidth(cell))
		}
	}
	for _, row := range rows {
		var b strings.Builder
		for k, cell := range row {
			pad := strings.Repeat(" ", widths[k]-displayWidth(cell))
			if k > 0 {
				b.WriteString("  ")
			}
			if right[k] {
				b.WriteString(pad + cell)
			} else {
				b.WriteString(cell + pad)
			}
		}
		fmt.Fprintln(w, strings.TrimRight(b.String(), " "))
	}
}

// displayWidth counts a Chinese character as two columns, as terminals
// draw it.
func displayWidth(s string) int {
	n := 0
	for _, r := range s {
		if unicode.Is(unicode.Han, r) || (r >= 0xFF00 && r <= 0xFFEF) || (r >= 0x3000 && r <= 0x303F) {
			n += 2
		} else {
			n++
		}
	}
	return n
}
