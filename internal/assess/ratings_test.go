package assess_test

import (
	"context"
	"errors"
	"testing"

	"gaoxin/internal/assess"
	"gaoxin/internal/db"
	"gaoxin/internal/db/dbtest"
	"gaoxin/internal/score"
)

// A round is opened only on a rating item of the class's scheme.
func TestRatingRoundNeedsARatingItem(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		p := newPeople(t, d)
		office := p.actor(t, "kaohe")
		s := assess.NewRatingStore(d)
		_, err := s.Open(ctx, office, 2019, "Q1", "街道", "MZPJ")
		wantKey(t, err, "rating.err.no_scheme")
		p.saveStreetScheme(t)
		for _, c := range []struct{ period, class, item, key string }{
			{"Q2", "街道", "MZPJ", "rating.err.period"},
			{"Q1", "街道", "GZ01", "rating.err.not_rating"},
			{"Q1", "街道", "ZZ99", "rating.err.no_item"},
			{"Q1", "街道", "", "rating.err.item_required"},
			{"Q1", "党群类", "MZPJ", "rating.err.no_scheme"},
		} {
			_, err := s.Open(ctx, office, 2019, c.period, c.class, c.item)
			wantKey(t, err, c.key)
		}
		r, err := s.Open(ctx, office, 2019, "Q1", "街道", "MZPJ")
		if err != nil || r.ItemName != "民主评议" || len(r.Types) != 2 || r.Types[1].Key != "peer" || !r.Trim {
			t.Fatalf("open = %+v, %v", r, err)
		}
		_, err = s.Open(ctx, office, 2019, "Q1", "街道", "MZPJ")
		wantKey(t, err, "rating.err.round_exists")
	})
}

// Raters fill in their forms: a peer never rates its own unit, bad scores
// are refused field by field, a submitted form is final, and only
// submitted forms count.
func TestRatingFormsAndScores(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		p := newPeople(t, d)
		p.saveStreetScheme(t)
		office, leader := p.actor(t, "kaohe"), p.actor(t, "lingdao")
		street, economy := p.actor(t, "xincheng.fzr"), p.actor(t, "jingji.fzr")
		s := assess.NewRatingStore(d)
		r, err := s.Open(ctx, office, 2019, "Q1", "街道", "MZPJ")
		if err != nil {
			t.Fatal(err)
		}
		for _, inv := range []struct {
			who  int64
			typ  string
			want string
		}{{leader.UserID, "leader", ""}, {street.UserID, "peer", ""}, {economy.UserID, "peer", ""},
			{leader.UserID, "peer", "rating.err.invited"}, {office.UserID, "public", "rating.err.type"}, {999999, "peer", "rating.err.rater"}} {
			_, err := s.Invite(ctx, office, r.ID, inv.who, inv.typ)
			if inv.want == "" && err != nil {
				t.Fatalf("invite %d: %v", inv.who, err)
			} else if inv.want != "" {
				wantKey(t, err, inv.want)
			}
		}
		u := p.units
		form, _ := s.Form(ctx, r.ID, street.UserID)
		units, err := s.Units(ctx, r, form)
		if err != nil || len(units) != 5 {
			t.Fatalf("新城街道's form rates %d units, want the other 5 streets: %v", len(units), err)
		}
		for _, x := range units {
			if x.ID == u["XCJD"] {
				t.Fatal("新城街道 rates itself")
			}
		}
		// A draft: one score, and one for its own unit that is never kept.
		if err := s.Save(ctx, street, r.ID, map[int64]string{u["QCJD"]: "８８.５", u["XCJD"]: "100"}, false); err != nil {
			t.Fatal(err)
		}
		form, _ = s.Form(ctx, r.ID, street.UserID)
		if form.Status != assess.FormDraft || len(form.Scores) != 1 || form.Scores[u["QCJD"]] != "88.5" {
			t.Fatalf("draft = %+v", form)
		}
		err = s.Save(ctx, street, r.ID, map[int64]string{u["QCJD"]: "101", u["BHJD"]: "好", u["DMJD"]: "85.555", u["SYJD"]: "-1"}, false)
		var bad assess.ScoreErrors
		if !errors.As(err, &bad) || len(bad) != 4 || bad[0].Field != assess.ScoreField(u["QCJD"]) || bad[0].Key != "rating.err.score" {
			t.Fatalf("bad scores: %v", err)
		}
		err = s.Save(ctx, street, r.ID, map[int64]string{u["QCJD"]: "90"}, true)
		if !errors.As(err, &bad) || len(bad) != 4 || bad[0].Key != "rating.err.score_missing" {
			t.Fatalf("a submit with gaps: %v", err)
		}
		streets := map[string]string{"XCJD": "95", "QCJD": "90", "BHJD": "88", "DMJD": "86.5", "SYJD": "84", "BTJD": "80"}
		all := map[int64]string{}
		for code, v := range streets {
			all[u[code]] = v
		}
		for _, who := range []struct {
			id     int64
			submit bool
		}{{street.UserID, true}, {leader.UserID, true}, {economy.UserID, false}} {
			actor := map[int64]string{street.UserID: "xincheng.fzr", leader.UserID: "lingdao", economy.UserID: "jingji.fzr"}[who.id]
			if err := s.Save(ctx, p.actor(t, actor), r.ID, all, who.submit); err != nil {
				t.Fatalf("%s saves: %v", actor, err)
			}
		}
		err = s.Save(ctx, street, r.ID, all, false)
		wantKey(t, err, "rating.err.submitted")
		if err := s.Save(ctx, office, r.ID, all, true); !errors.Is(err, db.ErrNotFound) {
			t.Fatalf("someone not invited saves: %v", err)
		}
		got, err := s.Scores(ctx, 2019, "Q1")
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != 6 {
			t.Fatalf("scores for %d units, want 6", len(got))
		}
		qc := got[u["QCJD"]]["MZPJ"]
		if len(qc["leader"]) != 1 || qc["leader"][0].Cmp(score.Int(90)) != 0 || len(qc["peer"]) != 1 {
			t.Fatalf("清池街道 = %+v; the draft of 经济发展局 must not count", qc)
		}
		if xc := got[u["XCJD"]]["MZPJ"]; len(xc["peer"]) != 0 || xc["leader"][0].Cmp(score.Int(95)) != 0 {
			t.Fatalf("新城街道 = %+v; it does not rate itself", xc)
		}
		if dm := got[u["DMJD"]]["MZPJ"]["peer"]; dm[0].Cmp(score.MustDec("86.5")) != 0 {
			t.Fatalf("东明街道's peer score = %v", dm)
		}
		if later, _ := s.Scores(ctx, 2019, "H1"); len(later) != 0 {
			t.Fatalf("H1 has scores: %v", later)
		}
		checkSummaryAndClose(t, s, r, p)
	})
}

func checkSummaryAndClose(t *testing.T, s *assess.RatingStore, r assess.RatingRound, p *people) {
	t.Helper()
	ctx := context.Background()
	sum, err := s.Summary(ctx, r)
	if err != nil || len(sum) != 6 {
		t.Fatalf("summary: %d units, %v", len(sum), err)
	}
	// 东明街道: leader 86.5, peer 86.5 → weighted 86.5; 新城街道: its leader's 95 only.
	for _, x := range sum {
		switch x.Code {
		case "DMJD":
			if x.Count["leader"] != 1 || x.Mean["peer"].Cmp(score.MustDec("86.5")) != 0 || x.Weighted.Cmp(score.MustDec("86.5")) != 0 {
				t.Fatalf("东明街道 summary = %+v", x)
			}
		case "XCJD":
			if x.Count["peer"] != 0 || x.Weighted.Cmp(score.Int(95)) != 0 {
				t.Fatalf("新城街道 summary = %+v", x)
			}
		}
	}
	office := p.actor(t, "kaohe")
	if err := s.Close(ctx, office, r.ID); err != nil {
		t.Fatal(err)
	}
	wantKey(t, s.Close(ctx, office, r.ID), "rating.err.closed")
	wantKey(t, s.Save(ctx, p.actor(t, "jingji.fzr"), r.ID, map[int64]string{p.units["QCJD"]: "70"}, true), "rating.err.closed")
	rounds, err := s.Rounds(ctx, 2019)
	if err != nil || len(rounds) != 1 || rounds[0].Status != assess.RoundClosed || rounds[0].Invited != 3 || rounds[0].Submitted != 2 {
		t.Fatalf("rounds = %+v, %v", rounds, err)
	}
	if got, _ := s.Scores(ctx, 2019, "Q1"); len(got[p.units["QCJD"]]["MZPJ"]["peer"]) != 1 {
		t.Fatal("closing changed the scores")
	}
}
