package web_test

import (
	"bytes"
	"mime/multipart"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"gaoxin/internal/db"
	"gaoxin/internal/db/dbtest"
	"gaoxin/internal/report"
)

// upload posts a workbook to a grid's upload form.
func (b *browser) upload(path, name string, body []byte) (*http.Response, string) {
	return b.uploadWith(path, name, body, nil)
}

// uploadWith posts a file with other fields of the form.
func (b *browser) uploadWith(path, name string, body []byte, fields url.Values) (*http.Response, string) {
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	mw.WriteField("csrf", b.csrf)
	for k, vs := range fields {
		for _, v := range vs {
			mw.WriteField(k, v)
		}
	}
	fw, _ := mw.CreateFormFile("file", name)
	fw.Write(body)
	mw.Close()
	req, _ := http.NewRequest(http.MethodPost, b.s.srv.URL+path, &buf)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	return b.do(req)
}

// fill opens a downloaded form and types values into the 本期数值 column by
// indicator code, as a reporter would in Excel.
func fill(t *testing.T, form []byte, values map[string]string) []byte {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(form))
	if err != nil {
		t.Fatalf("the downloaded form is not a workbook: %v", err)
	}
	rows, _ := f.GetRows("填报")
	if len(rows) < 2 || rows[0][0] != "指标编码" || rows[0][3] != "本期数值" {
		t.Fatalf("form header = %v", rows[0])
	}
	for i, r := range rows[1:] {
		if v, ok := values[r[0]]; ok {
			cell, _ := excelize.CoordinatesToCellName(4, i+2)
			f.SetCellStr("填报", cell, v)
		}
	}
	if v, ok := values["EXTRA"]; ok {
		f.SetCellStr("填报", "A20", "XX99")
		f.SetCellStr("填报", "D20", v)
	}
	var out bytes.Buffer
	f.Write(&out)
	return out.Bytes()
}

func TestWorkbookRoundTrip(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		s := newYearSite(t, d)
		grid := "/report/2019/11/" + s.unitID("XCJD")
		reporter := s.signIn("xincheng.tb")
		res, form := reporter.get(grid + "/template.xlsx")
		if res.StatusCode != http.StatusOK || !strings.Contains(res.Header.Get("Content-Disposition"), "XCJD-2019-11.xlsx") {
			t.Fatalf("download: %d %q", res.StatusCode, res.Header.Get("Content-Disposition"))
		}
		// A bad form: an estimate, a percent on a count, and a code not due.
		bad := fill(t, []byte(form), map[string]string{"CJ03": "约3", "SZ03": "5%", "EXTRA": "7"})
		res, body := reporter.upload(grid+"/upload", "新城街道11月.xlsx", bad)
		for _, want := range []string{"文件 新城街道11月.xlsx 未导入（共 3 处问题", "“本期数值”列", "工作表“填报”第 20 行“指标编码”列：指标编码“XX99”不在本期本单位的填报范围内。"} {
			if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, want) {
				t.Fatalf("bad form: status %d, want %q in\n%s", res.StatusCode, want, body)
			}
		}
		if n := s.figureCount(t, grid); n != 0 {
			t.Fatalf("a refused form saved %d figures", n)
		}
		// The form of another unit is refused whatever it holds.
		other := s.signIn("xincheng.fzr")
		_, otherForm := other.get("/report/2019/10/" + s.unitID("XCJD") + "/template.xlsx")
		if res, body := reporter.upload(grid+"/upload", "10月.xlsx", []byte(otherForm)); res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "2019年10月的填报表") {
			t.Fatalf("October's form into November: %d", res.StatusCode)
		}
		good := fill(t, []byte(form), map[string]string{"CJ03": "1", "ZL01": "96.5%", "ZL02": "98", "SZ03": "1.2万"})
		if res, body := reporter.upload(grid+"/upload", "新城街道11月.xlsx", good); res.StatusCode != http.StatusSeeOther {
			t.Fatalf("good form: %d\n%s", res.StatusCode, body)
		}
		for code, want := range map[string]float64{"CJ03": 1, "ZL01": 96.5, "SZ03": 12000} {
			f := s.figure(t, s.assignmentID(code, "XCJD"), 11)
			if f.Value == nil || *f.Value != want || f.Status != report.Draft {
				t.Errorf("%s after upload = %+v, want %v as a draft", code, f, want)
			}
		}
	})
}
