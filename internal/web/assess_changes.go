package web

import (
	"net/http"
	"strconv"

	"gaoxin/internal/assess"
	"gaoxin/internal/auth"
)

// changesView shows what changed between two versions of a class's result
// (or, for the office, between the latest published and now).
type changesView struct {
	Year       int
	Period     string
	PeriodName string
	Class      string
	From, To   int // To 0: computed now
	Rows       []changeRow
	Unchanged  bool
}

type changeRow struct {
	assess.Change
	OldTotal, NewTotal string
	Rise, Fall         int // places moved up or down
	Items              []itemChangeRow
}

type itemChangeRow struct {
	Name, Old, New string
}

func (s *Server) changesPage(w http.ResponseWriter, r *http.Request) {
	year, period, ok := pathPeriod(w, r, s)
	if !ok {
		return
	}
	q := r.URL.Query()
	class := q.Get("class")
	from, _ := strconv.Atoi(q.Get("from"))
	to, _ := strconv.Atoi(q.Get("to"))
	if to == 0 && !auth.Can(current(r).user, auth.PermAssessManage) {
		s.errorPage(w, r, http.StatusForbidden, "error.forbidden")
		return
	}
	p := s.newPage(r, "assess.changes_title", "assess")
	store := assess.NewResultStore(s.db)
	older, err := store.Version(r.Context(), year, period, class, from)
	if err != nil {
		s.notFoundOr(w, r, err)
		return
	}
	a, err := older.Result()
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	var b *assess.Result
	if to > 0 {
		newer, err := store.Version(r.Context(), year, period, class, to)
		if err != nil {
			s.notFoundOr(w, r, err)
			return
		}
		if b, err = newer.Result(); err != nil {
			s.serverError(w, r, err)
			return
		}
	} else {
		computed, err := assess.Compute(r.Context(), s.db, year, period, class)
		if err != nil {
			s.assessError(w, r, p, err)
			return
		}
		b = computed[0]
	}
	view := changesView{Year: year, Period: period, PeriodName: assess.PeriodName(period, p.Lang()), Class: class, From: from, To: to}
	items := append(append([]assess.ItemHead{}, a.Items...), b.Items...)
	view.Rows = changeRows(assess.Diff(a, b), items, p.lang)
	view.Unchanged = len(view.Rows) == 0
	p.Data = view
	s.render(w, r, http.StatusOK, "assess_changes", p)
}
