package assess

import (
	"context"
	"fmt"
	"strings"
	"time"

	"gaoxin/internal/db"
	"gaoxin/internal/i18n"
)

// RatingPeriods are the checkpoints a rating round can belong to.
var RatingPeriods = []string{"Q1", "H1", "Q3", "Y"}

// RoundStatus says whether a round still takes forms.
type RoundStatus string

const (
	RoundOpen   RoundStatus = "open"
	RoundClosed RoundStatus = "closed"
)

// FormStatus is where a rater's form stands.
type FormStatus string

const (
	FormInvited   FormStatus = "invited"   // nothing saved yet
	FormDraft     FormStatus = "draft"     // saved, may still change
	FormSubmitted FormStatus = "submitted" // final: counts in the results
)

// RatingRound is one rating (民主测评) of a class's rating item at a
// checkpoint. The item's name and rater types come from the scheme version
// the round was opened on.
type RatingRound struct {
	ID        int64
	Year      int
	Period    string
	Class     string
	Item      string
	SchemeID  int64
	Status    RoundStatus
	OpenedAt  time.Time
	ClosedAt  time.Time
	ItemName  string
	ItemEN    string
	Types     []RaterType
	Trim      bool
	Invited   int // forms in the round
	Submitted int // of which submitted
}

// TypeName is a rater type's name in lang, its key when unknown.
func (r RatingRound) TypeName(key string, lang i18n.Lang) string {
	return RaterName(r.Types, key, lang)
}

func (r RatingRound) hasType(key string) bool {
	for _, t := range r.Types {
		if t.Key == key {
			return true
		}
	}
	return false
}

// ratingItem reads a scheme version and finds its rating item by code; a
// missing item or one scored by another rule is a problem with the field.
func ratingItem(ctx context.Context, q db.Querier, schemeID int64, code string) (Item, *Rating, error) {
	var name, body string
	if err := q.QueryRow(ctx, "SELECT name, body FROM schemes WHERE id = $1", schemeID).Scan(&name, &body); err != nil {
		return Item{}, nil, err
	}
	f, _, err := Parse(name, []byte(body))
	if err != nil {
		return Item{}, nil, fmt.Errorf("scheme %d no longer reads: %w", schemeID, err)
	}
	for _, it := range f.Items {
		if it.Code == code {
			if it.Rule.Rating == nil {
				return it, nil, i18n.Invalid("item", "rating.err.not_rating", code, it.Name)
			}
			return it, it.Rule.Rating, nil
		}
	}
	return Item{}, nil, i18n.Invalid("item", "rating.err.no_item", code, f.Class)
}

// fillRound adds the item's name and rater types from the round's scheme.
func fillRound(ctx context.Context, q db.Querier, r *RatingRound) error {
	it, rating, err := ratingItem(ctx, q, r.SchemeID, r.Item)
	if err != nil {
		return err
	}
	r.ItemName, r.ItemEN, r.Types, r.Trim = it.Name, it.NameEN, rating.Types, rating.Trim
	return nil
}

func validPeriod(p string) bool {
	for _, v := range RatingPeriods {
		if v == p {
			return true
		}
	}
	return false
}

// normaliseScore reads full-width digits as offices sometimes type them.
func normaliseScore(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r >= '０' && r <= '９':
			return '0' + (r - '０')
		case r == '．':
			return '.'
		case r == ' ' || r == '\u3000':
			return -1
		}
		return r
	}, strings.TrimSpace(s))
}
