package assess

import (
	"fmt"
	"io"
	"strconv"

	"github.com/xuri/excelize/v2"

	"gaoxin/internal/i18n"
	"gaoxin/internal/score"
	"gaoxin/internal/xlsx"
)

// Bulletin is a checkpoint's results laid out as a 通报: a title, each
// class in turn with its units ranked and graded, and the rule by which
// totals are made; a second sheet gives every unit's points item by item.
type Bulletin struct {
	Zone    string // 潍坊高新区
	Year    int
	Period  string
	Results []*Result
	Lang    i18n.Lang
}

// gradeFills colour the grade cells as the result pages do.
var gradeFills = []string{"D7F0DF", "DCE8F7", "FCE9D2", "F9D9D6"}

// WriteXLSX writes the bulletin as an Excel workbook. Points are numbers
// rounded to two places, as the 通报 prints them, so that the sheet sums.
func (b *Bulletin) WriteXLSX(w io.Writer) error {
	f := excelize.NewFile()
	defer f.Close()
	t := func(key string, args ...any) string { return i18n.T(b.Lang, key, args...) }
	main := t("bulletin.sheet")
	if err := f.SetSheetName("Sheet1", main); err != nil {
		return err
	}
	st, err := newBulletinStyles(f)
	if err != nil {
		return err
	}
	period := PeriodName(b.Period, string(b.Lang))
	row := 1
	set := func(col int, v any, style int) {
		cell, _ := excelize.CoordinatesToCellName(col, row)
		f.SetCellValue(main, cell, v)
		if style != 0 {
			f.SetCellStyle(main, cell, cell, style)
		}
	}
	set(1, t("bulletin.title", b.Zone, b.Year, period), st.title)
	f.MergeCell(main, "A1", "H1")
	row += 2
	heads := []string{"score.col.rank", "score.col.unit", "score.col.items", "score.col.bonus", "score.col.deduction", "score.col.veto", "score.col.total", "score.col.grade"}
	for i, r := range b.Results {
		set(1, t("bulletin.class", i+1, r.Class, len(r.Units), r.Scheme.Version), st.bold)
		row++
		for k, h := range heads {
			set(k+1, t(h), st.head)
		}
		row++
		for _, u := range r.Units {
			grade := u.GradeIn(b.Lang)
			if u.Vetoed {
				grade += " " + t("bulletin.vetoed")
			}
			set(1, u.Rank, 0)
			set(2, u.Name, 0)
			for k, n := range []score.Num{u.ItemsTotal, u.Bonus, u.Deduction, u.VetoPoints, u.Total} {
				set(k+3, points(n), st.points)
			}
			style := 0
			if u.GradeLevel >= 0 {
				style = st.grades[min(u.GradeLevel, len(st.grades)-1)]
			}
			set(8, grade, style)
			row++
		}
		row++
	}
	set(1, t("bulletin.note"), st.note)
	f.MergeCell(main, "A"+strconv.Itoa(row), "H"+strconv.Itoa(row))
	f.SetColWidth(main, "A", "A", 8)
	f.SetColWidth(main, "B", "B", 26)
	f.SetColWidth(main, "C", "H", 12)
	items := t("bulletin.items_sheet")
	if err := b.itemsSheet(f, items, st); err != nil {
		return err
	}
	// Unit and class names are typed by users; none may run as a formula.
	if err := xlsx.NewQuoter(f).Sheets(main, items); err != nil {
		return err
	}
	return f.Write(w)
}

// itemsSheet lists every unit's points item by item, one block per class.
func (b *Bulletin) itemsSheet(f *excelize.File, name string, st bulletinStyles) error {
	if _, err := f.NewSheet(name); err != nil {
		return err
	}
	row := 1
	for _, r := range b.Results {
		cell := func(col int) string { c, _ := excelize.CoordinatesToCellName(col, row); return c }
		f.SetCellValue(name, cell(1), r.Class)
		f.SetCellStyle(name, cell(1), cell(1), st.bold)
		row++
		f.SetCellValue(name, cell(1), i18n.T(b.Lang, "score.col.unit"))
		f.SetCellStyle(name, cell(1), cell(1), st.head)
		for k, it := range r.Items {
			f.SetCellValue(name, cell(k+2), fmt.Sprintf("%s (%s)", it.NameIn(b.Lang), score.FormatPoints(it.Points)))
			f.SetCellStyle(name, cell(k+2), cell(k+2), st.head)
		}
		row++
		for _, u := range r.Units {
			f.SetCellValue(name, cell(1), u.Name)
			for k, it := range u.Items {
				if it.State == "excluded" || it.State == "not_assigned" {
					f.SetCellValue(name, cell(k+2), "—")
					continue
				}
				f.SetCellValue(name, cell(k+2), points(it.Points))
				f.SetCellStyle(name, cell(k+2), cell(k+2), st.points)
			}
			row++
		}
		row++
	}
	f.SetColWidth(name, "A", "A", 26)
	return f.SetColWidth(name, "B", "Z", 16)
}

// points is a total as the 通报 prints it: two places, as a number.
func points(n score.Num) float64 {
	v, _ := strconv.ParseFloat(score.Round(n, 2).String(), 64)
	return v
}

type bulletinStyles struct {
	title, bold, head, points, note int
	grades                          []int
}

func newBulletinStyles(f *excelize.File) (bulletinStyles, error) {
	var st bulletinStyles
	var err error
	styles := []struct {
		to *int
		s  *excelize.Style
	}{
		{&st.title, &excelize.Style{Font: &excelize.Font{Bold: true, Size: 16}, Alignment: &excelize.Alignment{Horizontal: "center"}}},
		{&st.bold, &excelize.Style{Font: &excelize.Font{Bold: true, Size: 12}}},
		{&st.head, &excelize.Style{Font: &excelize.Font{Bold: true}, Fill: excelize.Fill{Type: "pattern", Color: []string{"E8EDF3"}, Pattern: 1}}},
		{&st.points, &excelize.Style{NumFmt: 2}}, // 0.00
		{&st.note, &excelize.Style{Font: &excelize.Font{Italic: true, Color: "667085"}, Alignment: &excelize.Alignment{WrapText: true}}},
	}
	for _, s := range styles {
		if *s.to, err = f.NewStyle(s.s); err != nil {
			return st, err
		}
	}
	for _, c := range gradeFills {
		id, err := f.NewStyle(&excelize.Style{Fill: excelize.Fill{Type: "pattern", Color: []string{c}, Pattern: 1}})
		if err != nil {
			return st, err
		}
		st.grades = append(st.grades, id)
	}
	return st, nil
}
