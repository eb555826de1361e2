package web

import (
	"net/http"
	"strconv"
	"strings"

	"gaoxin/internal/assess"
	"gaoxin/internal/i18n"
	"gaoxin/internal/score"
)

// whatIfView is the what-if page: a draft of a class's scheme — the
// current one with other points, a pasted file, or a saved draft — scored
// on the same figures as the adopted scheme, and who moves.
type whatIfView struct {
	Year    int
	Classes []string
	Class   string
	Periods []periodOption
	Period  string
	Mode    string // points, text or draft
	Drafts  []assess.Stored
	DraftID int64
	Items   []whatIfItem
	Text    string
	Result  *assess.WhatIfResult
	Rows    []changeRow
	Moved   int
}

type periodOption struct{ Key, Name string }

type whatIfItem struct {
	Code, Name, Points string
}

func (s *Server) whatIfPage(w http.ResponseWriter, r *http.Request) {
	s.runWhatIf(w, r, false)
}

func (s *Server) whatIf(w http.ResponseWriter, r *http.Request) {
	s.runWhatIf(w, r, true)
}

// runWhatIf shows the form and, after a submit, the comparison; "save"
// keeps the draft as a version of the class's scheme.
func (s *Server) runWhatIf(w http.ResponseWriter, r *http.Request, submitted bool) {
	year, ok := pathYear(w, r, s)
	if !ok {
		return
	}
	p := s.newPage(r, "assess.whatif", "assess")
	view, adopted, err := s.whatIfForm(r, year)
	if err != nil {
		s.notFoundOr(w, r, err)
		return
	}
	p.Data = &view
	if !submitted && view.Mode != "draft" {
		s.render(w, r, http.StatusOK, "assess_whatif", p)
		return
	}
	draft, err := s.whatIfDraft(r, &view, adopted)
	if err == nil {
		var in *assess.Inputs
		if in, err = assess.LoadInputs(r.Context(), s.db, year, view.Period); err == nil {
			view.Result, err = assess.WhatIf(in, adopted, draft)
		}
	}
	if err == nil && submitted && r.PostFormValue("save") != "" {
		v := current(r)
		var st assess.Stored
		st, _, err = s.schemeStore().SaveDraft(r.Context(), v.user.Actor(v.address), "whatif.yaml", draft.Body)
		if err == nil {
			http.Redirect(w, r, "/assess/"+strconv.Itoa(year)+"/schemes/"+strconv.FormatInt(st.ID, 10)+"?done=scheme_saved", http.StatusSeeOther)
			return
		}
	}
	if err != nil {
		s.refuse(w, r, "assess_whatif", p, err)
		return
	}
	view.Rows = changeRows(view.Result.Changes, view.Result.Draft.Items, p.lang)
	for _, c := range view.Result.Changes {
		if c.OldRank != c.NewRank {
			view.Moved++
		}
	}
	s.render(w, r, http.StatusOK, "assess_whatif", p)
}

// whatIfForm reads the class, checkpoint and mode asked for (query or
// form) and fills the form from the class's adopted scheme.
func (s *Server) whatIfForm(r *http.Request, year int) (whatIfView, assess.Stored, error) {
	view := whatIfView{Year: year, Mode: "points"}
	store := assess.NewStore(s.db)
	adoptedList, err := store.Current(r.Context(), year)
	if err != nil {
		return view, assess.Stored{}, err
	}
	if len(adoptedList) == 0 {
		return view, assess.Stored{}, assess.ErrNoScheme
	}
	adoptedList = assess.ByClass(adoptedList)
	get := func(k string) string {
		if v := r.PostFormValue(k); v != "" {
			return v
		}
		return r.URL.Query().Get(k)
	}
	adopted := adoptedList[0]
	for _, st := range adoptedList {
		view.Classes = append(view.Classes, st.Class)
		if st.Class == get("class") {
			adopted = st
		}
	}
	view.Class = adopted.Class
	lang := current(r).lang
	for _, per := range assess.Periods {
		if assess.Declares(adopted, per.Key) {
			view.Periods = append(view.Periods, periodOption{per.Key, assess.PeriodName(per.Key, string(lang))})
		}
	}
	view.Period = get("period")
	if _, ok := assess.PeriodMonth(view.Period); !ok {
		view.Period = s.defaultPeriod(r, year, view.Periods)
	}
	if m := get("mode"); m == "text" || m == "draft" {
		view.Mode = m
	}
	drafts, err := store.Drafts(r.Context(), year)
	if err != nil {
		return view, adopted, err
	}
	for _, d := range drafts {
		if d.Class == view.Class {
			view.Drafts = append(view.Drafts, d)
		}
	}
	if id, _ := strconv.ParseInt(get("draft"), 10, 64); id > 0 {
		view.DraftID = id
		if r.Method == http.MethodGet {
			view.Mode = "draft"
		}
	}
	f, _, err := assess.Parse(adopted.Class+".yaml", adopted.Body)
	if err != nil {
		return view, adopted, err
	}
	for _, it := range f.Items {
		view.Items = append(view.Items, whatIfItem{Code: it.Code, Name: it.NameIn(lang), Points: string(it.Points)})
	}
	view.Text = string(adopted.Body)
	if t := r.PostFormValue("body"); t != "" {
		view.Text = t
	}
	return view, adopted, nil
}

// defaultPeriod is the latest checkpoint with published results, else the
// first the scheme declares.
func (s *Server) defaultPeriod(r *http.Request, year int, periods []periodOption) string {
	published, _ := assess.NewResultStore(s.db).Year(r.Context(), year)
	best := ""
	for _, per := range periods {
		for _, p := range published {
			if p.Period == per.Key {
				best = per.Key
			}
		}
	}
	if best == "" && len(periods) > 0 {
		best = periods[0].Key
	}
	return best
}

// whatIfDraft builds the draft the form describes.
func (s *Server) whatIfDraft(r *http.Request, view *whatIfView, adopted assess.Stored) (assess.Stored, error) {
	draft := assess.Stored{Year: adopted.Year, Class: adopted.Class, Name: adopted.Name, Draft: true}
	switch view.Mode {
	case "draft":
		st, err := assess.NewStore(s.db).Get(r.Context(), view.DraftID)
		if err != nil || st.Year != view.Year || st.Class != view.Class {
			return draft, i18n.Invalid("draft", "assess.err.no_draft")
		}
		return st, nil
	case "text":
		draft.Body = []byte(strings.ReplaceAll(view.Text, "\r\n", "\n"))
	default:
		points := map[string]string{}
		for i, it := range view.Items {
			v := strings.TrimSpace(r.PostFormValue("points_" + it.Code))
			if v == "" {
				continue
			}
			if _, err := assess.Num(v).Value(); err != nil {
				return draft, i18n.Invalid("points_"+it.Code, "assess.err.points", it.Name, v)
			}
			points[it.Code] = v
			view.Items[i].Points = v
		}
		body, err := assess.WithPoints(adopted.Body, points)
		if err != nil {
			return draft, err
		}
		draft.Body = body
	}
	f, _, err := assess.Parse(i18n.T(current(r).lang, "assess.draft")+".yaml", draft.Body)
	if err != nil {
		return draft, err
	}
	if f.Class != adopted.Class || f.Year != adopted.Year {
		return draft, i18n.Invalid("body", "assess.err.other_class", f.Year, f.Class, adopted.Year, adopted.Class)
	}
	return draft, nil
}

// changeRows writes Diff's changes out for display.
func changeRows(changes []assess.Change, items []assess.ItemHead, lang i18n.Lang) []changeRow {
	names := map[string]string{}
	for _, it := range items {
		names[it.Code] = it.NameIn(lang)
	}
	var rows []changeRow
	for _, c := range changes {
		row := changeRow{Change: c, OldTotal: score.FormatPoints(c.OldTotal), NewTotal: score.FormatPoints(c.NewTotal)}
		if c.OldRank > 0 && c.NewRank > 0 {
			row.Rise, row.Fall = max(c.OldRank-c.NewRank, 0), max(c.NewRank-c.OldRank, 0)
		}
		for _, it := range c.Items {
			name := names[it.Code]
			if name == "" {
				name = it.Name
			}
			row.Items = append(row.Items, itemChangeRow{Name: name, Old: score.FormatPoints(it.Old), New: score.FormatPoints(it.New)})
		}
		rows = append(rows, row)
	}
	return rows
}
