package assess_test

import (
	"context"
	"errors"
	"testing"

	"gaoxin/internal/assess"
	"gaoxin/internal/audit"
	"gaoxin/internal/auth"
	"gaoxin/internal/db"
	"gaoxin/internal/demo/demotest"
	"gaoxin/internal/i18n"
	"gaoxin/internal/org"
)

// streetScheme is a small scheme of the 街道 class with a rating item.
const streetScheme = `year: 2019
class: 街道
name: 街道考核测试方案
checkpoints:
  - period: Q1
    weight: 15%
  - period: H1
    weight: 25%
  - period: Q3
    weight: 25%
  - period: "Y"
    weight: 35%
items:
  - code: GZ01
    name: 重点工作
    points: 80
    rule:
      count:
        each: 10
  - code: MZPJ
    name: 民主评议
    name_en: Democratic rating
    points: 20
    rule:
      rating:
        types:
          - key: leader
            name: 领导评价
            name_en: Leaders
            weight: 0.6
          - key: peer
            name: 部门互评
            name_en: Peer units
            weight: 0.4
        trim: true
`

// people is the demo's units and accounts on a fresh database.
type people struct {
	d     *db.DB
	units map[string]int64
	users *auth.Users
}

func newPeople(t *testing.T, d *db.DB) *people {
	t.Helper()
	ctx := context.Background()
	demotest.Organisation(t, d)
	all, err := org.NewStore(d).All(ctx)
	if err != nil {
		t.Fatal(err)
	}
	p := &people{d: d, units: map[string]int64{}, users: auth.NewUsers(d)}
	for _, u := range all {
		p.units[u.Code] = u.ID
	}
	return p
}

func (p *people) actor(t *testing.T, login string) audit.Actor {
	t.Helper()
	u, err := p.users.ByLogin(context.Background(), login)
	if err != nil {
		t.Fatal(err)
	}
	return u.Actor("test")
}

func (p *people) saveStreetScheme(t *testing.T) {
	t.Helper()
	if _, _, err := assess.NewStore(p.d).Save(context.Background(), audit.System, "street.yaml", []byte(streetScheme)); err != nil {
		t.Fatal(err)
	}
}

// wantKey fails unless err is a user error with the message key.
func wantKey(t *testing.T, err error, key string) {
	t.Helper()
	var ie *i18n.Error
	if !errors.As(err, &ie) || ie.Key != key {
		t.Fatalf("error %v, want the message %s", err, key)
	}
}
