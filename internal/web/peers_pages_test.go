package web_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"gaoxin/internal/db"
	"gaoxin/internal/db/dbtest"
	"gaoxin/internal/peers"
)

func TestPeersPagesShowTheZonesPlace(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		s := newYearSite(t, d)
		leader := s.signIn("lingdao")
		res, body := leader.get("/assess/2019/peers")
		if res.StatusCode != http.StatusOK {
			t.Fatalf("overview: %d", res.StatusCode)
		}
		for _, want := range []string{
			"市级", "省级", "国家级", "潍坊市县市区", "山东省国家级高新区", "全国国家级高新区",
			// City GDP growth: 滨海 7.9 and 寿光 7.6 ahead of the zone's 7.4.
			"第 3 / 14 位", "与上一位（寿光市）差 0.2 个百分点", "与第一（滨海经济技术开发区）差 0.5 个百分点",
			// Patents in the city: first among the 13 that reported (临朐县 has not).
			"第 1 / 13 位",
			// Days to open a firm, lower is better: second to 青岛's half day.
			"第 2 / 12 位", "与上一位（青岛高新区）差 0.5个工作日",
		} {
			if !strings.Contains(body, want) {
				t.Errorf("overview lacks %q", want)
			}
		}
		if strings.Contains(body, "/assess/2019/peers/import") {
			t.Error("the leader is offered the import form")
		}
		city := s.peerGroupID("潍坊市县市区")
		_, body = leader.get("/assess/2019/peers/" + city)
		for _, want := range []string{`<tr class="self"><td><b>潍坊高新区</b>`, "7.4 <small class=\"muted\">(3)</small>", "99.2 <small class=\"muted\">(1)</small>", "76.5 <small class=\"muted\">(1)</small>"} {
			if !strings.Contains(body, want) {
				t.Errorf("group table lacks %q", want)
			}
		}
		if strings.Contains(body, "/values/") {
			t.Error("the leader is offered the value forms")
		}
		leader.post("/lang", url.Values{"lang": {"en"}, "back": {"/"}})
		if _, body = leader.get("/assess/2019/peers"); !strings.Contains(body, "No. 3 of 14") || !strings.Contains(body, "0.2 percentage points behind the next above (寿光市)") {
			t.Errorf("English overview lacks the place and gap")
		}
	})
}

func TestPeerValuesFormKeepsWhatWasTyped(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		s := newYearSite(t, d)
		office := s.signIn("kaohe")
		city := s.peerGroupID("潍坊市县市区")
		path := "/assess/2019/peers/" + city + "/values/" + s.peerIndicatorID(city, "GDP")
		zone, shouguang := "v_"+s.peerZoneID(city), "v_"+s.peerMemberID(city, "寿光市")
		_, form := office.get(path)
		if !strings.Contains(form, `name="`+zone+`" inputmode="decimal" value="7.4"`) || !strings.Contains(form, `value="2019年1-9月"`) {
			t.Fatalf("form does not show the stored values:\n%.2000s", form)
		}
		res, body := office.post(path, url.Values{zone: {"7.7"}, shouguang: {"约7.5"}, "period": {"2019年1-10月"}})
		if res.StatusCode != http.StatusUnprocessableEntity {
			t.Fatalf("bad value: %d", res.StatusCode)
		}
		for _, want := range []string{"有 1 个数值无法识别", "“约7.5”是约数，请填写确切数值。", `value="7.7"`, `value="约7.5"`, `value="2019年1-10月"`} {
			if !strings.Contains(body, want) {
				t.Errorf("refused form lacks %q", want)
			}
		}
		// Nothing was kept, the good value included.
		sheet, _ := peers.NewStore(d).Sheet(context.Background(), mustID(t, city))
		gdp, _ := sheet.Indicator("GDP")
		if v, _ := sheet.Value(gdp.ID, mustID(t, s.peerZoneID(city))); v.Amount != "7.4" || v.Period != "2019年1-9月" {
			t.Fatalf("zone's value after a refused save: %+v", v)
		}
		// Corrected: the zone at 7.7 now shares second place with 寿光.
		form2 := url.Values{"period": {"2019年1-9月"}, "source": {"潍坊市统计局"}}
		for _, m := range sheet.Members {
			v, _ := sheet.Value(gdp.ID, m.ID)
			form2.Set("v_"+itoa(m.ID), v.Amount)
		}
		form2.Set(zone, "7.6")
		if res, _ := office.post(path, form2); res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/assess/2019/peers/"+city+"?done=peer_values_saved" {
			t.Fatalf("save: %d %s", res.StatusCode, res.Header.Get("Location"))
		}
		_, body = office.get("/assess/2019/peers/" + city + "?done=peer_values_saved")
		for _, want := range []string{"数值已保存。", "第 2 / 14 位</span> <small>并列</small>", "与上一位（滨海经济技术开发区）差 0.3 个百分点"} {
			if !strings.Contains(body, want) {
				t.Errorf("group page after the correction lacks %q", want)
			}
		}
	})
}

func TestPeerImportIsAllOrNothing(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		s := newYearSite(t, d)
		office := s.signIn("kaohe")
		header := "层级,对标组,成员,本区,指标编码,指标名称,计量单位,方向,数值,期间,来源"
		bad := strings.Join([]string{header,
			"市级,潍坊市开发区,潍坊高新区,是,ZLSQ,专利申请量,件,越大越好,2041,2019年1-9月,市知识产权局",
			"市级,潍坊市开发区,滨海经济技术开发区,,ZLSQ,,,,30-40,2019年1-9月,市知识产权局",
			"市级,潍坊市开发区,峡山生态经济开发区,,ZLSQ,,,,210,2019年1-9月,市知识产权局",
		}, "\r\n")
		res, body := office.upload("/assess/2019/peers/import", "开发区.csv", []byte(bad))
		if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "第 3 行“数值”列：“30-40”是一个区间，请填写一个确切数值。") {
			t.Fatalf("bad file: %d\n%.3000s", res.StatusCode, body)
		}
		if strings.Contains(body, `href="/assess/2019/peers/`) && strings.Contains(body, ">潍坊市开发区<") {
			t.Fatal("a refused file created its group")
		}
		good := strings.Replace(bad, "30-40", `"1,185"`, 1)
		res, body = office.upload("/assess/2019/peers/import", "开发区.csv", []byte(good))
		if res.StatusCode != http.StatusOK || !strings.Contains(body, "已导入 3 行：新建对标组 1 个、成员 3 个、指标 1 项，修改指标 0 项，录入或更正数值 3 个，未变 0 个。") {
			t.Fatalf("good file: %d\n%.3000s", res.StatusCode, body)
		}
		group := s.peerGroupID("潍坊市开发区")
		if _, body = office.get("/assess/2019/peers/" + group); !strings.Contains(body, "1,185 <small class=\"muted\">(2)</small>") || !strings.Contains(body, "第 1 / 3 位") {
			t.Errorf("imported group page:\n%.3000s", body)
		}
		// A second group of the same name is refused, with what was typed kept.
		res, body = office.post("/assess/2019/peers", url.Values{"level": {"province"}, "name": {"潍坊市开发区"}, "zone": {"高新区"}})
		if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "2019 年已有名为“潍坊市开发区”的对标组。") ||
			!strings.Contains(body, `<option value="province" selected>`) || !strings.Contains(body, `name="zone" required maxlength="60" value="高新区"`) {
			t.Errorf("duplicate group: %d\n%.3000s", res.StatusCode, body)
		}
	})
}
