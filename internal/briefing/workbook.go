package briefing

import (
	"io"
	"strconv"

	"github.com/xuri/excelize/v2"

	"gaoxin/internal/i18n"
	"gaoxin/internal/xlsx"
)

// Edition says which briefing is shown: the draft computed on a day, or a
// published version.
type Edition struct {
	AsOf        string // the China date it was computed on
	Version     int    // 0 for a draft
	PublishedOn string // the China date of a published version
}

// Subtitle is the line under the title that says which briefing it is.
func (e Edition) Subtitle(lang i18n.Lang) string {
	if e.Version == 0 {
		return i18n.T(lang, "briefing.draft_line", e.AsOf)
	}
	return i18n.T(lang, "briefing.version_line", e.Version, e.AsOf, e.PublishedOn)
}

// Title is the briefing's title, 潍坊高新区2019年11月工作通报.
func (b *Briefing) Title(lang i18n.Lang) string {
	return i18n.T(lang, "briefing.title", b.Zone, MonthLabel(lang, b.Year, b.Month))
}

// MonthLabel is 2019年11月 or Nov 2019.
func MonthLabel(lang i18n.Lang, year, month int) string {
	return i18n.T(lang, "briefing.month_label", year, i18n.T(lang, "month."+strconv.Itoa(month)))
}

// WriteXLSX writes the briefing as a workbook: one sheet per section, in
// the page's order, the title and the edition on the first. Values are
// numbers with their formats, so that the sheets sum and sort. Names and
// texts typed by users that a spreadsheet would run as formulas get the
// quote prefix (xlsx.Quoter).
func (b *Briefing) WriteXLSX(w io.Writer, lang i18n.Lang, ed Edition) error {
	f := excelize.NewFile()
	defer f.Close()
	st, err := newStyles(f)
	if err != nil {
		return err
	}
	q := xlsx.NewQuoter(f)
	t := func(key string, args ...any) string { return i18n.T(lang, key, args...) }
	sections := []struct {
		name  string
		write func(*sheet)
	}{
		{t("briefing.section.plan"), func(s *sheet) { b.planSheet(s, ed) }},
		{t("briefing.section.lagging"), b.laggingSheet},
		{t("briefing.section.rankings"), b.rankingsSheet},
		{t("briefing.section.projects"), b.projectsSheet},
		{t("briefing.section.tasks"), b.tasksSheet},
		{t("briefing.section.requests"), b.requestsSheet},
	}
	for i, sec := range sections {
		if i == 0 {
			err = f.SetSheetName("Sheet1", sec.name)
		} else {
			_, err = f.NewSheet(sec.name)
		}
		if err != nil {
			return err
		}
		sw, err := f.NewStreamWriter(sec.name)
		if err != nil {
			return err
		}
		s := &sheet{sw: sw, st: st, q: q, lang: lang}
		if err := s.widths(); err != nil {
			return err
		}
		sec.write(s)
		if s.err != nil {
			return s.err
		}
		if err := sw.Flush(); err != nil {
			return err
		}
	}
	return f.Write(w)
}

// sheet writes one section's rows in order; the first error stops it.
type sheet struct {
	sw   *excelize.StreamWriter
	st   styles
	q    *xlsx.Quoter
	lang i18n.Lang
	row  int
	err  error
}

func (s *sheet) t(key string, args ...any) string { return i18n.T(s.lang, key, args...) }

// widths gives the first column room for names and the others for figures.
func (s *sheet) widths() error {
	if err := s.sw.SetColWidth(1, 1, 34); err != nil {
		return err
	}
	if err := s.sw.SetColWidth(2, 7, 14); err != nil {
		return err
	}
	return s.sw.SetColWidth(8, 8, 60)
}

// line writes the next row; a nil value leaves its cell empty. Every row
// goes through here, so every text cell is checked for a formula.
func (s *sheet) line(values ...any) {
	if s.err != nil {
		return
	}
	s.row++
	cell, _ := excelize.CoordinatesToCellName(1, s.row)
	if values, s.err = s.q.Row(values); s.err != nil {
		return
	}
	s.err = s.sw.SetRow(cell, values)
}

// styled is a value with a style.
func styled(style int, v any) excelize.Cell { return excelize.Cell{StyleID: style, Value: v} }

// heads writes a header row of message keys.
func (s *sheet) heads(keys ...string) {
	cells := make([]any, len(keys))
	for i, k := range keys {
		cells[i] = styled(s.st.head, s.t(k))
	}
	s.line(cells...)
}

func (s *sheet) blank() { s.line() }

// num is a figure in its precision's format, an empty cell when unknown.
func (s *sheet) num(v *float64, precision int) any {
	if v == nil {
		return nil
	}
	return styled(s.st.number(precision), *v)
}

// ratio is a completion or a share (0.85) as a percentage.
func (s *sheet) ratio(v *float64) any {
	if v == nil {
		return nil
	}
	return styled(s.st.percent, *v)
}

type styles struct {
	title, bold, head, note, percent, points int
	numbers                                  []int // by precision, 0–4
}

func (st styles) number(precision int) int {
	return st.numbers[min(max(precision, 0), len(st.numbers)-1)]
}

func newStyles(f *excelize.File) (styles, error) {
	var st styles
	formats := []string{"#,##0", "#,##0.0", "#,##0.00", "#,##0.000", "#,##0.0000"}
	for _, code := range formats {
		id, err := f.NewStyle(&excelize.Style{CustomNumFmt: &code})
		if err != nil {
			return st, err
		}
		st.numbers = append(st.numbers, id)
	}
	percent, points := "0.0%", "0.00"
	list := []struct {
		to *int
		s  *excelize.Style
	}{
		{&st.title, &excelize.Style{Font: &excelize.Font{Bold: true, Size: 16}}},
		{&st.bold, &excelize.Style{Font: &excelize.Font{Bold: true}}},
		{&st.head, &excelize.Style{Font: &excelize.Font{Bold: true}, Fill: excelize.Fill{Type: "pattern", Color: []string{"E8EDF3"}, Pattern: 1}}},
		{&st.note, &excelize.Style{Font: &excelize.Font{Italic: true, Color: "667085"}}},
		{&st.percent, &excelize.Style{CustomNumFmt: &percent}},
		{&st.points, &excelize.Style{CustomNumFmt: &points}},
	}
	for _, s := range list {
		id, err := f.NewStyle(s.s)
		if err != nil {
			return st, err
		}
		*s.to = id
	}
	return st, nil
}
