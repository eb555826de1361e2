package web

import (
	"net/url"
	"strconv"
	"strings"

	"gaoxin/internal/attract"
	"gaoxin/internal/enterprise"
	"gaoxin/internal/i18n"
	"gaoxin/internal/plan"
	"gaoxin/internal/project"
	"gaoxin/internal/supervise"
)

// boundSource says that an indicator's figures are produced by a module
// from its rows, not typed: in words, as the binding reads, and where the
// rows are.
type boundSource struct {
	Words, Binding, Link string
}

// boundSourceOf reads an indicator's binding for its page; nil when it is
// not bound or the binding is not one this version knows.
func boundSourceOf(in plan.Indicator, year int, lang i18n.Lang) *boundSource {
	if !in.Bound() {
		return nil
	}
	if strings.HasPrefix(in.Binding, enterprise.Prefix) {
		b, err := enterprise.ParseBinding(in.Binding)
		if err != nil {
			return nil
		}
		return &boundSource{Words: i18n.T(lang, "enterprise.binding."+string(b.Measure), i18n.T(lang, "enterprise.tier."+string(b.Kind))),
			Binding: b.String()}
	}
	if strings.HasPrefix(in.Binding, attract.Prefix) {
		return leadSourceOf(in.Binding, lang)
	}
	if strings.HasPrefix(in.Binding, supervise.Prefix) {
		m, err := supervise.ParseBinding(in.Binding)
		if err != nil {
			return nil
		}
		link := "/tasks"
		if strings.HasPrefix(string(m), "requests") {
			link = "/requests"
		}
		return &boundSource{Words: i18n.T(lang, "supervise.binding."+string(m)), Binding: m.Binding(), Link: link}
	}
	b, err := project.ParseBinding(in.Binding)
	if err != nil {
		return nil
	}
	link := projectsPath(year)
	if b.Programme != "" {
		link = "/programmes/" + strconv.Itoa(year)
	} else if len(b.Categories) == 1 {
		link += "?category=" + url.QueryEscape(b.Categories[0])
	}
	return &boundSource{Words: b.Describe().In(lang), Binding: b.String(), Link: link}
}

// leadSourceOf links a binding to the leads to the pipeline, narrowed as
// the binding selects where the pipeline's filter can: its 签约 column is
// what the binding counts.
func leadSourceOf(text string, lang i18n.Lang) *boundSource {
	b, err := attract.ParseBinding(text)
	if err != nil {
		return nil
	}
	q := url.Values{}
	if len(b.Kinds) == 1 {
		q.Set("kind", string(b.Kinds[0]))
	}
	if len(b.Channels) == 1 {
		q.Set("channel", string(b.Channels[0]))
	}
	if len(b.Flags) == 1 {
		q.Set("flag", string(b.Flags[0]))
	}
	return &boundSource{Words: i18n.T(lang, "attract.binding"), Binding: b.String(), Link: strings.TrimSuffix("/leads?"+q.Encode(), "?")}
}
