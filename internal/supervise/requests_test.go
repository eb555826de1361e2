package supervise_test

import (
	"testing"

	"gaoxin/internal/db"
	"gaoxin/internal/db/dbtest"
	"gaoxin/internal/settings"
	"gaoxin/internal/supervise"
)

func firmRequest() supervise.Request {
	return supervise.Request{FirmName: "潍坊盛瑞传动有限公司", CreditCode: "", Contact: "刘经理", Phone: "0536-8197000",
		Category: "approval", Content: "新建厂房施工许可办理进度咨询"}
}

// A request is received, routed, answered, closed and rated once through
// its link; the office's and the firm's mistakes are refused by field.
func TestRequestLife(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		w := newWorld(t, d)
		w.on("2019-05-06")
		office := w.actor["ducha"]
		bad := firmRequest()
		bad.Phone = "电话"
		_, err := w.s.Log(ctx, office, bad)
		wantKey(t, "a phone that is not a number", err, "request.err.phone")
		bad = firmRequest()
		bad.CreditCode = "914403001922038217" // 华为's code with its check character changed
		if _, err = w.s.Log(ctx, office, bad); err == nil {
			t.Fatal("a credit code with a wrong check character was taken")
		} else if field, _ := keyOf(err); field != "credit_code" {
			t.Fatalf("a wrong credit code names %q", field)
		}
		r := firmRequest()
		r.ReceivedOn, r.CreditCode = "2019-05-06", "914403001922038216"
		r, err = w.s.Log(ctx, office, r)
		if err != nil {
			t.Fatal(err)
		}
		if r.Code != "SQ-2019-0001" || r.Status != supervise.RequestNew || r.Source != supervise.FromOffice {
			t.Fatalf("logged: %+v", r)
		}
		_, err = w.s.Answer(ctx, w.actor["jingji.tb"], r.ID, "已办理")
		wantKey(t, "an answer before routing", err, "request.err.status")
		if r, err = w.s.Assign(ctx, office, r.ID, w.unit["JXJ"], ""); err != nil {
			t.Fatal(err)
		}
		if r.Deadline != "2019-05-11" || r.Status != supervise.RequestAssigned {
			t.Fatalf("routed with the default five days: %s %s", r.Deadline, r.Status)
		}
		w.on("2019-05-13")
		if !r.Overdue("2019-05-13") {
			t.Fatal("unanswered two days after its deadline, not overdue")
		}
		if r, err = w.s.Answer(ctx, w.actor["jingji.tb"], r.ID, "施工许可已于 5 月 13 日核发"); err != nil {
			t.Fatal(err)
		}
		if r.OnTime() {
			t.Fatal("answered after the deadline, counted on time")
		}
		r, token, err := w.s.Close(ctx, office, r.ID)
		if err != nil || token == "" || r.Status != supervise.RequestClosed {
			t.Fatalf("close: %v", err)
		}
		if n := w.count(t, "SELECT COUNT(*) FROM requests WHERE rating_token = $1", token); n != 0 {
			t.Fatal("the rating token is kept as given")
		}
		_, err = w.s.Rate(ctx, token, 6, "")
		wantKey(t, "a rating of 6", err, "request.err.rating")
		if r, err = w.s.Rate(ctx, token, 4, "办理及时，但比承诺晚两天"); err != nil || r.Rating != 4 {
			t.Fatalf("rate: %v", err)
		}
		_, err = w.s.Rate(ctx, token, 5, "")
		wantKey(t, "a second rating through the same link", err, "request.err.link")
		history, _ := w.s.RequestHistory(ctx, r.ID)
		if len(history) != 5 || history[4].Kind != "rated" || history[4].Actor != "潍坊盛瑞传动有限公司" {
			t.Fatalf("history: %+v", history)
		}
		_, st, err := w.s.Requests(ctx, supervise.RequestFilter{UnitID: w.unit["JXJ"]})
		if err != nil || st.Requests != 1 || st.Due != 1 || st.OnTime != 0 || st.Rated != 1 || st.Stars != 4 {
			t.Fatalf("stats: %+v %v", st, err)
		}
	})
}

// The public form refuses an address past its hourly limit and writes
// nothing of that request; another address, or the same an hour later, may
// send again.
func TestPublicFormLimit(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		w := newWorld(t, d)
		w.on("2019-05-06")
		if err := settings.Set(ctx, d, w.actor["ducha"], supervise.SettingPublicLimit, "3"); err != nil {
			t.Fatal(err)
		}
		for i := 0; i < 3; i++ {
			if _, err := w.s.Submit(ctx, "203.0.113.7", firmRequest()); err != nil {
				t.Fatalf("send %d: %v", i+1, err)
			}
		}
		_, err := w.s.Submit(ctx, "203.0.113.7", firmRequest())
		wantKey(t, "a fourth send within the hour", err, supervise.FloodKey)
		if n := w.count(t, "SELECT COUNT(*) FROM requests"); n != 3 {
			t.Fatalf("%d requests written, want 3", n)
		}
		if n := w.count(t, "SELECT COUNT(*) FROM request_sends WHERE address_hash LIKE '%203.0.113%'"); n != 0 {
			t.Fatal("the address is kept as typed")
		}
		if _, err := w.s.Submit(ctx, "198.51.100.4", firmRequest()); err != nil {
			t.Fatalf("another address: %v", err)
		}
		w.today = w.today.Add(61 * 60 * 1e9)
		if r, err := w.s.Submit(ctx, "203.0.113.7", firmRequest()); err != nil || r.Source != supervise.FromPublic || r.Code != "SQ-2019-0005" {
			t.Fatalf("an hour later: %+v %v", r, err)
		}
	})
}
