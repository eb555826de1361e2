package attract

import (
	"cmp"
	"context"
	"errors"
	"strconv"
	"strings"

	"gaoxin/internal/audit"
	"gaoxin/internal/db"
	"gaoxin/internal/i18n"
	"gaoxin/internal/xlsx"
)

// ImportSummary says what an import did.
type ImportSummary struct {
	Created, Updated, Moved int
}

// leadFile is an import being checked: the table, where its columns are,
// every problem found so far, and the codes its rows have given.
type leadFile struct {
	t        *xlsx.Table
	col      map[string]int
	problems i18n.ProblemList
	seen     map[string]int // the line a code was last seen on
	unseen   bool           // a code went unrecorded, the problems being full
}

type leadRow struct {
	line     int
	lead     Lead
	existing *Lead
}

// Import reads a lead list (xlsx, or CSV in UTF-8 or GB18030) as the
// office keeps it: one row a lead, new codes created, known codes
// updated and moved on to the stage the row gives. A move back needs a
// reason, which a file cannot give, so it is refused. The file goes in
// whole or not at all; every problem is named by row and column.
func (s *Store) Import(ctx context.Context, who audit.Actor, file xlsx.File) (ImportSummary, error) {
	t, err := file.Table()
	if err != nil {
		return ImportSummary{}, err // the reader's refusal, in the user's language
	}
	defer t.Close()
	f := &leadFile{t: t, col: map[string]int{}, seen: map[string]int{}}
	for _, c := range columns {
		if i := t.Column(c.names...); i >= 0 {
			f.col[c.field] = i
		} else if c.required {
			f.problems.Add(i18n.RowError{Sheet: t.Sheet, Row: 1,
				Msg: i18n.M("attract.err.column", c.names[0], c.names[len(c.names)-1])})
		}
	}
	if f.problems.Total > 0 {
		return ImportSummary{}, f.refusal()
	}
	refs, err := loadRefs(ctx, s.db)
	if err != nil {
		return ImportSummary{}, err
	}
	rows, err := f.parse(refs)
	if err != nil {
		return ImportSummary{}, err // the file is broken further down
	}
	parsed := f.problems
	var sum ImportSummary
	err = s.Write(ctx, who, func(t *Tx) error {
		sum, f.problems = ImportSummary{}, parsed // a retried transaction writes afresh
		if f.problems.Total > 0 {
			return f.refusal()
		}
		for _, r := range rows {
			f.write(t, r, &sum)
		}
		if f.problems.Total > 0 {
			return f.refusal()
		}
		return audit.Record(ctx, t.tx, who, "lead.import", "lead_import", 0, nil,
			map[string]any{"file": f.t.File, "created": sum.Created, "updated": sum.Updated, "moved": sum.Moved})
	})
	return sum, err
}

func (f *leadFile) refusal() error { return f.problems.Err(f.t.File) }

func (f *leadFile) bad(line int, field, key string, args ...any) {
	column := ""
	if i, ok := f.col[field]; ok {
		column = f.t.Header[i]
	}
	f.problems.Add(i18n.RowError{Sheet: f.t.Sheet, Row: line, Column: column, Msg: i18n.M(key, args...)})
}

// storeError places what the store refused on the row, in the column of
// the field it names.
func (f *leadFile) storeError(line int, err error) bool {
	var verr *i18n.Error
	if !errors.As(err, &verr) {
		return false
	}
	field := verr.Field
	if field == "on" {
		field = "stage_on"
	}
	column := ""
	if i, ok := f.col[field]; ok {
		column = f.t.Header[i]
	}
	f.problems.Add(i18n.RowError{Sheet: f.t.Sheet, Row: line, Column: column, Msg: verr.Msg})
	return true
}

// refs are what a file's rows name: units by code or name, users by login
// or name, and the leads already registered by code.
type refs struct {
	units map[string]int64
	users map[string][]userRef
	leads map[string]Lead
}

type userRef struct {
	id, unit int64
	name     string
}

func loadRefs(ctx context.Context, q db.Querier) (refs, error) {
	r := refs{units: map[string]int64{}, users: map[string][]userRef{}, leads: map[string]Lead{}}
	rows, err := q.Query(ctx, "SELECT id, code, name FROM units WHERE active")
	if err != nil {
		return r, err
	}
	for rows.Next() {
		var id int64
		var code, name string
		if err := rows.Scan(&id, &code, &name); err != nil {
			rows.Close()
			return r, err
		}
		r.units[code], r.units[name] = id, id
	}
	rows.Close()
	urows, err := q.Query(ctx, "SELECT id, login, display_name, unit_id FROM users WHERE active")
	if err != nil {
		return r, err
	}
	for urows.Next() {
		var u userRef
		var login string
		if err := urows.Scan(&u.id, &login, &u.name, &u.unit); err != nil {
			urows.Close()
			return r, err
		}
		r.users[login] = append(r.users[login], u)
		if u.name != login {
			r.users[u.name] = append(r.users[u.name], u)
		}
	}
	urows.Close()
	lrows, err := q.Query(ctx, "SELECT "+leadColumns+" FROM leads")
	if err != nil {
		return r, err
	}
	defer lrows.Close()
	for lrows.Next() {
		l, err := scanLead(lrows)
		if err != nil {
			return r, err
		}
		r.leads[l.Code] = l
	}
	return r, lrows.Err()
}

// parse checks every row against the references and returns the rows to
// write. A file with a problem is refused whole and none of its rows is
// written, so from its first problem on its rows are only checked, to
// name their problems, and no longer kept.
func (f *leadFile) parse(r refs) ([]leadRow, error) {
	var out []leadRow
	for row, err := range f.t.All() {
		if err != nil {
			return nil, err
		}
		lr := f.parseRow(row, r)
		if f.problems.Total > 0 {
			out = nil
			continue
		}
		out = append(out, lr)
	}
	return out, nil
}

// twice names a code the file has given before, at its second row. Once
// the problems are full, the codes are no longer recorded, which would
// hold one a row for nothing shown: a code given again after that may go
// uncounted, and the count is then a floor.
func (f *leadFile) twice(line int, code string) {
	if code == "" {
		return
	}
	if f.unseen {
		f.problems.Partial = true
	}
	first, known := f.seen[code]
	if known {
		f.bad(line, "code", "attract.err.code_twice", code, first)
	}
	if f.problems.Full() {
		f.unseen = f.unseen || !known
		return
	}
	f.seen[code] = line
}

// parseRow checks one row against the references and the codes before
// it, and reads it as the lead it creates or updates.
func (f *leadFile) parseRow(row xlsx.Row, r refs) leadRow {
	cell := func(field string) string {
		if i, ok := f.col[field]; ok {
			return row.Cell(i)
		}
		return ""
	}
	line := row.Line
	before := f.problems.Total
	l := Lead{Code: cell("code"), Name: cell("name"), Agency: cell("agency"), Industry: cell("industry"),
		OwnerName: cell("owner"), Contact: cell("contact"), Note: cell("note"),
		ReceivedOn: readDate(cell("received_on")), StageOn: readDate(cell("stage_on"))}
	f.twice(line, l.Code)
	var ok bool
	if l.Kind, ok = labelled(cell("kind"), "attract.kind.", Kinds); !ok {
		f.bad(line, "kind", "attract.err.kind", cell("kind"))
	}
	if l.Channel, ok = labelled(cell("channel"), "attract.channel.", Channels); !ok {
		f.bad(line, "channel", "attract.err.channel", cell("channel"))
	}
	for _, part := range strings.FieldsFunc(cell("flags"), func(c rune) bool { return c == '、' || c == ',' || c == '，' || c == ';' || c == '；' }) {
		if fl, ok := labelled(part, "attract.flag.", Flags); ok {
			l.Flags = append(l.Flags, fl)
		} else {
			f.bad(line, "flags", "attract.err.flag", strings.TrimSpace(part))
		}
	}
	for _, a := range []struct { // in the file's order, so that its problems are too
		field string
		into  *float64
	}{{"expected_investment", &l.ExpectedInvestment}, {"arrived_investment", &l.ArrivedInvestment}} {
		text := strings.ReplaceAll(cell(a.field), ",", "")
		if text == "" {
			continue
		}
		v, err := strconv.ParseFloat(text, 64)
		if err != nil || v < 0 {
			f.bad(line, a.field, "attract.err.amount", cell(a.field))
		}
		*a.into = v
	}
	if id, ok := r.units[cell("owner_unit")]; ok {
		l.OwnerUnitID = id
	} else {
		f.bad(line, "owner_unit", "attract.err.unit_unknown", cell("owner_unit"))
	}
	if l.OwnerName != "" {
		for _, u := range r.users[l.OwnerName] {
			if u.unit == l.OwnerUnitID { // the person's account in the owner unit, when there is one
				l.OwnerUserID, l.OwnerName = u.id, u.name
			}
		}
	}
	if text := cell("stage"); text == "" {
		l.Stage = Clue
	} else if l.Stage, ok = labelled(text, "attract.stage.", Stages); !ok {
		f.bad(line, "stage", "attract.err.stage", text)
	}
	if l.ReceivedOn == "" {
		f.bad(line, "received_on", "attract.err.date", cell("received_on"))
	}
	if cell("stage_on") != "" && l.StageOn == "" {
		f.bad(line, "stage_on", "attract.err.date", cell("stage_on"))
	}
	if text := cell("signed_on"); text != "" {
		if l.SignedOn = readDate(text); l.SignedOn == "" {
			f.bad(line, "signed_on", "attract.err.date", text)
		} else if l.ReceivedOn != "" && l.SignedOn < l.ReceivedOn {
			f.bad(line, "signed_on", "attract.err.before_received", l.SignedOn, l.ReceivedOn)
		}
	}
	lr := leadRow{line: line, lead: l}
	if old, ok := r.leads[l.Code]; ok {
		f.keep(&lr.lead, old, cell("stage") == "")
		lr.existing = &old
		if lr.lead.Stage.Valid() && lr.lead.Stage.Index() < old.Stage.Index() {
			f.bad(line, "stage", "attract.err.import_back", l.Code, cell("stage"))
		}
	}
	if verr := lr.lead.validate(); verr != nil && f.problems.Total == before {
		f.storeError(line, verr)
	}
	return lr
}

// keep leaves what a row does not say of a known lead as it is: the
// fields whose columns the file has not got, and the stage when the row
// names none (a file cannot move a lead back, so a blank is no move).
func (f *leadFile) keep(l *Lead, old Lead, noStage bool) {
	absent := func(field string) bool {
		_, ok := f.col[field]
		return !ok
	}
	for _, k := range []struct {
		field      string
		into, from *string
	}{{"agency", &l.Agency, &old.Agency}, {"industry", &l.Industry, &old.Industry}, {"contact", &l.Contact, &old.Contact},
		{"note", &l.Note, &old.Note}} {
		if absent(k.field) {
			*k.into = *k.from
		}
	}
	if absent("flags") {
		l.Flags = old.Flags
	}
	if absent("expected_investment") {
		l.ExpectedInvestment = old.ExpectedInvestment
	}
	if absent("arrived_investment") {
		l.ArrivedInvestment = old.ArrivedInvestment
	}
	if absent("owner") {
		l.OwnerName, l.OwnerUserID = old.OwnerName, old.OwnerUserID
	}
	if noStage {
		l.Stage, l.StageOn = old.Stage, old.StageOn
	}
}

// viaSigned is the day the file says a lead was signed on its way from a
// stage below 签约 to one beyond it, when that day comes after since (the
// day it reached its stage before) and before the row's stage date; ""
// otherwise, and the lead is signed on its stage date.
func viaSigned(l Lead, from Stage, since, on string) string {
	if !l.Stage.Reached(Starting) || from.Reached(Signed) || l.SignedOn == "" || l.SignedOn < since || l.SignedOn >= on {
		return ""
	}
	return l.SignedOn
}

// write creates or updates one row's lead, noting what the store refuses.
// A lead that went through 签约 to a later stage is moved there through
// 签约 on the day the file gives, which is what the signings count.
func (f *leadFile) write(t *Tx, r leadRow, sum *ImportSummary) {
	if r.existing == nil {
		l := r.lead
		signed := viaSigned(l, Clue, l.ReceivedOn, cmp.Or(l.StageOn, l.ReceivedOn))
		if signed != "" {
			l.Stage, l.StageOn = Signed, signed
		}
		created, err := t.Create(l)
		if err == nil && signed != "" {
			err = t.MoveTo(created.ID, r.lead.Stage, r.lead.StageOn, "")
		}
		if err != nil {
			if !f.storeError(r.line, err) {
				f.problems.Add(i18n.RowError{Sheet: f.t.Sheet, Row: r.line, Msg: i18n.M("import.unreadable", err.Error())})
			}
			return
		}
		sum.Created++
		return
	}
	l := r.lead
	l.ID = r.existing.ID
	if _, err := t.Update(l); err != nil {
		f.storeError(r.line, err)
		return
	}
	sum.Updated++
	if l.Stage != r.existing.Stage {
		on := l.StageOn
		if on == "" {
			on = t.s.Today()
		}
		if signed := viaSigned(l, r.existing.Stage, r.existing.StageOn, on); signed != "" {
			if err := t.MoveTo(l.ID, Signed, signed, ""); err != nil {
				f.storeError(r.line, err)
				return
			}
		}
		if err := t.MoveTo(l.ID, l.Stage, on, ""); err != nil {
			f.storeError(r.line, err)
			return
		}
		sum.Moved++
	}
}

// readDate reads a day as offices write it (2019-05-31, 2019/5/31,
// 2019.5.31, 20190531), "" when it is none of those.
func readDate(text string) string {
	text = strings.TrimSpace(text)
	if len(text) == 8 && !strings.ContainsAny(text, "-/.") {
		text = text[:4] + "-" + text[4:6] + "-" + text[6:]
	}
	parts := strings.FieldsFunc(text, func(c rune) bool { return c == '-' || c == '/' || c == '.' || c == '年' || c == '月' || c == '日' })
	if len(parts) != 3 {
		return ""
	}
	y, e1 := strconv.Atoi(parts[0])
	m, e2 := strconv.Atoi(parts[1])
	d, e3 := strconv.Atoi(parts[2])
	if e1 != nil || e2 != nil || e3 != nil {
		return ""
	}
	s := strconv.Itoa(y) + "-" + two(m) + "-" + two(d)
	if !validDate(s) {
		return ""
	}
	return s
}

func two(n int) string {
	if n < 10 {
		return "0" + strconv.Itoa(n)
	}
	return strconv.Itoa(n)
}
