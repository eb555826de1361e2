package web

import (
	"errors"
	"io"
	"mime"
	"net/http"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"

	"gaoxin/internal/assess"
	"gaoxin/internal/auth"
	"gaoxin/internal/db"
	"gaoxin/internal/i18n"
)

// maxSchemeBytes bounds an uploaded scheme file: a 考核办法 is a few pages.
const maxSchemeBytes = 1 << 20

// schemesView lists a year's schemes, class by class, every version.
type schemesView struct {
	Year    int
	Classes []schemeClass
}

type schemeClass struct {
	Class    string
	Versions []assess.Stored
	Current  int // the adopted version's number, 0 if none
}

func (s *Server) schemesPage(w http.ResponseWriter, r *http.Request) {
	year, ok := pathYear(w, r, s)
	if !ok {
		return
	}
	p := s.newPage(r, "assess.schemes", "assess")
	view, err := s.schemesData(r, year)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	p.Data = view
	s.render(w, r, http.StatusOK, "assess_schemes", p)
}

func (s *Server) schemesData(r *http.Request, year int) (schemesView, error) {
	store := assess.NewStore(s.db)
	view := schemesView{Year: year}
	adopted, err := store.Current(r.Context(), year)
	if err != nil {
		return view, err
	}
	classes := assess.ByClass(adopted)
	drafts, err := store.Drafts(r.Context(), year)
	if err != nil {
		return view, err
	}
	for _, d := range drafts { // a class with only drafts so far (shown to the office only)
		if !containsClass(classes, d.Class) {
			classes = append(classes, d)
		}
	}
	office := auth.Can(current(r).user, auth.PermAssessManage)
	for _, st := range classes {
		c := schemeClass{Class: st.Class}
		versions, err := store.Versions(r.Context(), year, st.Class)
		if err != nil {
			return view, err
		}
		for _, v := range versions {
			if office || !v.Draft { // drafts are the office's deliberation until adopted
				c.Versions = append(c.Versions, v)
			}
		}
		if len(c.Versions) == 0 {
			continue
		}
		if !st.Draft {
			c.Current = st.Version
		}
		view.Classes = append(view.Classes, c)
	}
	return view, nil
}

func containsClass(list []assess.Stored, class string) bool {
	for _, st := range list {
		if st.Class == class {
			return true
		}
	}
	return false
}

// saveScheme takes a scheme file, uploaded or pasted, as the next version
// of its class: adopted, or kept as a draft. A file with problems comes
// back with every problem by line and the pasted text kept.
func (s *Server) saveScheme(w http.ResponseWriter, r *http.Request) {
	year, ok := pathYear(w, r, s)
	if !ok {
		return
	}
	name, body, err := schemeUpload(r)
	if err == nil {
		err = checkSchemeYear(name, body, year)
	}
	var st assess.Stored
	if err == nil {
		v := current(r)
		who := v.user.Actor(v.address)
		if r.PostFormValue("draft") != "" {
			st, _, err = s.schemeStore().SaveDraft(r.Context(), who, name, body)
		} else {
			st, _, err = s.schemeStore().Save(r.Context(), who, name, body)
		}
	}
	if err != nil {
		p := s.newPage(r, "assess.schemes", "assess")
		view, lerr := s.schemesData(r, year)
		if lerr != nil {
			s.serverError(w, r, lerr)
			return
		}
		p.Data = view
		s.refuse(w, r, "assess_schemes", p, err)
		return
	}
	http.Redirect(w, r, "/assess/"+strconv.Itoa(year)+"/schemes/"+strconv.FormatInt(st.ID, 10)+"?done=scheme_saved", http.StatusSeeOther)
}

// schemeUpload reads the file field, or the pasted text when no file came.
func schemeUpload(r *http.Request) (string, []byte, error) {
	if f, h, err := r.FormFile("file"); err == nil {
		defer f.Close()
		body, err := io.ReadAll(io.LimitReader(f, maxSchemeBytes+1))
		if err != nil {
			return "", nil, err
		}
		if len(body) > maxSchemeBytes {
			return "", nil, i18n.Invalid("body", "assess.err.too_big")
		}
		if len(body) > 0 {
			return h.Filename, body, nil
		}
	}
	text := strings.ReplaceAll(r.PostFormValue("body"), "\r\n", "\n")
	if strings.TrimSpace(text) == "" {
		return "", nil, i18n.Invalid("body", "assess.err.no_file")
	}
	return i18n.T(current(r).lang, "assess.pasted"), []byte(text), nil
}

func checkSchemeYear(name string, body []byte, year int) error {
	f, _, err := assess.Parse(name, body)
	if err != nil {
		return err
	}
	if f.Year != year {
		return i18n.Invalid("body", "assess.err.other_year", f.Year, year)
	}
	return nil
}

// schemeView is one version of a scheme, readable.
type schemeView struct {
	Year   int
	Stored assess.Stored
	File   *assess.File
	Items  []schemeItemRow
	Text   string
	Latest int // the adopted version of the class, 0 if none
}

type schemeItemRow struct {
	assess.Item
	Rule string // the rule's kind
	Args string // its parameters as the file writes them
}

func (s *Server) schemePage(w http.ResponseWriter, r *http.Request) {
	st, ok := s.pathScheme(w, r)
	if !ok {
		return
	}
	f, _, err := assess.Parse(st.Class+".yaml", st.Body)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	view := schemeView{Year: st.Year, Stored: st, File: f, Text: string(st.Body)}
	if latest, err := assess.NewStore(s.db).Latest(r.Context(), st.Year, st.Class); err == nil {
		view.Latest = latest.Version
	}
	for _, it := range f.Items {
		kind, args := ruleText(it.Rule)
		view.Items = append(view.Items, schemeItemRow{Item: it, Rule: kind, Args: args})
	}
	p := s.newPage(r, "assess.scheme_title", "assess")
	p.Data = view
	s.render(w, r, http.StatusOK, "assess_scheme", p)
}

// ruleText names a rule and writes its parameters as the file does.
func ruleText(rule assess.Rule) (string, string) {
	out, err := yaml.Marshal(rule)
	if err != nil {
		return "", ""
	}
	kind, args, _ := strings.Cut(string(out), ":")
	return kind, strings.TrimSpace(args)
}

// schemeFile downloads a version exactly as it was imported.
func (s *Server) schemeFile(w http.ResponseWriter, r *http.Request) {
	st, ok := s.pathScheme(w, r)
	if !ok {
		return
	}
	name := strconv.Itoa(st.Year) + "-" + st.Class + "-v" + strconv.Itoa(st.Version) + ".yaml"
	w.Header().Set("Content-Type", "application/yaml; charset=utf-8")
	w.Header().Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": name}))
	w.Write(st.Body)
}

func (s *Server) adoptScheme(w http.ResponseWriter, r *http.Request) {
	st, ok := s.pathScheme(w, r)
	if !ok {
		return
	}
	v := current(r)
	if _, err := s.schemeStore().Adopt(r.Context(), v.user.Actor(v.address), st.ID); err != nil {
		s.serverError(w, r, err)
		return
	}
	http.Redirect(w, r, "/assess/"+strconv.Itoa(st.Year)+"/schemes/"+strconv.FormatInt(st.ID, 10)+"?done=scheme_adopted", http.StatusSeeOther)
}

// pathScheme reads {year} and {id}: a version of that year's schemes.
func (s *Server) pathScheme(w http.ResponseWriter, r *http.Request) (assess.Stored, bool) {
	year, ok := pathYear(w, r, s)
	if !ok {
		return assess.Stored{}, false
	}
	id, _ := strconv.ParseInt(r.PathValue("id"), 10, 64)
	st, err := assess.NewStore(s.db).Get(r.Context(), id)
	hidden := err == nil && st.Draft && !auth.Can(current(r).user, auth.PermAssessManage)
	if errors.Is(err, db.ErrNotFound) || (err == nil && st.Year != year) || hidden {
		s.errorPage(w, r, http.StatusNotFound, "error.not_found")
		return st, false
	} else if err != nil {
		s.serverError(w, r, err)
		return st, false
	}
	return st, true
}
