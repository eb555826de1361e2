package assess_test

import (
	"bytes"
	"context"
	"errors"
	"testing"

	"gaoxin/internal/assess"
	"gaoxin/internal/db"
	"gaoxin/internal/db/dbtest"
)

// Four eyes: whoever entered or last changed a record cannot approve it;
// once decided, nothing about it changes.
func TestRecordFourEyesAndImmutability(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		p := newPeople(t, d)
		office, leader, admin := p.actor(t, "kaohe"), p.actor(t, "lingdao"), p.actor(t, "admin")
		s := assess.NewRecordStore(d)
		in := assess.RecordInput{UnitID: p.units["JSJ"], Kind: assess.RecordDeduction, Type: "安全生产事故",
			Name: "在建工地一般安全生产事故", Points: "2", EventOn: "2019-05-16", Description: "凤凰学校南区扩建工地"}
		rec, err := s.Create(ctx, office, 2019, in)
		if err != nil || rec.Status != assess.RecordPending || rec.Points != "2" || rec.UnitCode != "JSJ" || rec.CreatedBy != office.UserID {
			t.Fatalf("create = %+v, %v", rec, err)
		}
		_, err = s.Approve(ctx, office, rec.ID)
		wantKey(t, err, "record.err.four_eyes")
		in.Points = "3.0"
		if rec, err = s.Update(ctx, leader, rec.ID, in); err != nil || rec.Points != "3" {
			t.Fatalf("update = %+v, %v", rec, err)
		}
		_, err = s.Approve(ctx, leader, rec.ID)
		wantKey(t, err, "record.err.four_eyes")
		pdf := []byte("%PDF-1.4 事故调查报告")
		ev, err := s.Attach(ctx, office, rec.ID, "事故调查报告.pdf", pdf)
		if err != nil || ev.ContentType != "application/pdf" || len(ev.SHA256) != 64 {
			t.Fatalf("attach = %+v, %v", ev, err)
		}
		if rec, err = s.Approve(ctx, admin, rec.ID); err != nil || rec.Status != assess.RecordApproved || rec.DecidedBy != admin.UserID || rec.DecidedAt.IsZero() {
			t.Fatalf("approve by a third person = %+v, %v", rec, err)
		}
		// Decided: nothing changes any more.
		_, err = s.Update(ctx, admin, rec.ID, in)
		wantKey(t, err, "record.err.decided")
		_, err = s.Attach(ctx, admin, rec.ID, "补充.pdf", pdf)
		wantKey(t, err, "record.err.decided")
		_, err = s.Reject(ctx, leader, rec.ID, "重复录入")
		wantKey(t, err, "record.err.decided")
		_, err = s.Approve(ctx, leader, rec.ID)
		wantKey(t, err, "record.err.decided")
		if got, _ := s.Get(ctx, rec.ID); got.Points != "3" || got.Status != assess.RecordApproved {
			t.Fatalf("after refused changes = %+v", got)
		}
		files, err := s.Evidence(ctx, rec.ID)
		if err != nil || len(files) != 1 || files[0].Filename != "事故调查报告.pdf" {
			t.Fatalf("evidence = %+v, %v", files, err)
		}
		got, data, err := s.EvidenceData(ctx, rec.ID, files[0].ID)
		if err != nil || !bytes.Equal(data, pdf) || got.Size != int64(len(pdf)) {
			t.Fatalf("evidence data = %+v, %v", got, err)
		}
		if _, _, err := s.EvidenceData(ctx, rec.ID+1, files[0].ID); !errors.Is(err, db.ErrNotFound) {
			t.Fatalf("evidence through another record: %v", err)
		}
		// A correction is a revoke, with a reason, of an approved record only.
		_, err = s.Revoke(ctx, office, rec.ID, " ")
		wantKey(t, err, "record.err.reason")
		if rec, err = s.Revoke(ctx, office, rec.ID, "事故责任认定为施工单位"); err != nil || rec.Status != assess.RecordRevoked {
			t.Fatalf("revoke = %+v, %v", rec, err)
		}
		_, err = s.Revoke(ctx, office, rec.ID, "再次撤销")
		wantKey(t, err, "record.err.not_approved")
	})
}

func TestRecordInputChecked(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		p := newPeople(t, d)
		office, leader := p.actor(t, "kaohe"), p.actor(t, "lingdao")
		s := assess.NewRecordStore(d)
		cases := []struct {
			in  assess.RecordInput
			key string
		}{
			{assess.RecordInput{UnitID: p.units["JSJ"], Kind: "award", Name: "x", EventOn: "2019-01-01"}, "record.err.kind"},
			{assess.RecordInput{Kind: assess.RecordBonus, Level: "city", Name: "x", EventOn: "2019-01-01"}, "record.err.unit"},
			{assess.RecordInput{UnitID: 999999, Kind: assess.RecordBonus, Level: "city", Name: "x", EventOn: "2019-01-01"}, "record.err.unit"},
			{assess.RecordInput{UnitID: p.units["JSJ"], Kind: assess.RecordBonus, Level: "county", Name: "x", EventOn: "2019-01-01"}, "record.err.level"},
			{assess.RecordInput{UnitID: p.units["JSJ"], Kind: assess.RecordBonus, Level: "city", Name: " ", EventOn: "2019-01-01"}, "record.err.name"},
			{assess.RecordInput{UnitID: p.units["JSJ"], Kind: assess.RecordBonus, Level: "city", Name: "x", EventOn: "2018-12-31"}, "record.err.date"},
			{assess.RecordInput{UnitID: p.units["JSJ"], Kind: assess.RecordBonus, Level: "city", Name: "x", EventOn: "2019-02-30"}, "record.err.date"},
			{assess.RecordInput{UnitID: p.units["JSJ"], Kind: assess.RecordDeduction, Name: "x", Points: "两分", EventOn: "2019-01-01"}, "record.err.points"},
			{assess.RecordInput{UnitID: p.units["JSJ"], Kind: assess.RecordDeduction, Name: "x", Points: "-1", EventOn: "2019-01-01"}, "record.err.points"},
			{assess.RecordInput{UnitID: p.units["JSJ"], Kind: assess.RecordVeto, Veto: "maybe", Name: "x", EventOn: "2019-01-01"}, "record.err.veto"},
		}
		for _, c := range cases {
			_, err := s.Create(ctx, office, 2019, c.in)
			wantKey(t, err, c.key)
		}
		rec, err := s.Create(ctx, office, 2019, assess.RecordInput{UnitID: p.units["JFJ"], Kind: assess.RecordBonus, Level: "city",
			Name: "优秀营商环境案例", Points: "5", Veto: "hard", EventOn: "2019-02-01"})
		if err != nil || rec.Points != "" || rec.Veto != "" || rec.Level != "city" {
			t.Fatalf("a bonus keeps only a bonus's fields: %+v, %v", rec, err)
		}
		_, err = s.Reject(ctx, leader, rec.ID, "")
		wantKey(t, err, "record.err.reason")
		for name, data := range map[string][]byte{"note.html": []byte("<script>"), "empty.pdf": nil, "big.pdf": make([]byte, assess.MaxEvidence+1), "noext": []byte("x")} {
			_, err := s.Attach(ctx, office, rec.ID, name, data)
			wantKey(t, err, map[string]string{"note.html": "record.err.file_type", "empty.pdf": "record.err.file_size",
				"big.pdf": "record.err.file_size", "noext": "record.err.file_name"}[name])
		}
		if rec, err = s.Reject(ctx, leader, rec.ID, "证明材料为征求意见稿"); err != nil || rec.Status != assess.RecordRejected || rec.Reason != "证明材料为征求意见稿" {
			t.Fatalf("reject = %+v, %v", rec, err)
		}
		list, err := s.List(ctx, assess.RecordFilter{Year: 2019, Statuses: []assess.RecordStatus{assess.RecordRejected}})
		if err != nil || len(list) != 1 || list[0].ID != rec.ID {
			t.Fatalf("rejected records = %+v, %v", list, err)
		}
		if list, _ := s.List(ctx, assess.RecordFilter{Year: 2019, Kind: assess.RecordVeto}); len(list) != 0 {
			t.Fatalf("vetoes = %+v", list)
		}
	})
}
