package notify

import (
	"bufio"
	"mime"
	"net/textproto"
	"strings"
	"testing"
)

func bufioReader(s string) *bufio.Reader { return bufio.NewReader(strings.NewReader(s)) }

// Every header value reads back as written, whatever its script and
// length, in lines that stay short.
func TestEncodeHeader(t *testing.T) {
	values := []string{
		"November figures are due",
		"Reporting for November 2019 has opened for every street, park and department of the zone: please report by 5 December",
		"2019年11月经济运行指标填报已开始，请于12月5日前完成填报并提交单位负责人确认，逾期系统将自动锁定",
		"樱园社区 🚩 red task =?not a word?=",
		"a\r\nBcc: someone@example.gov.cn",
	}
	dec := new(mime.WordDecoder)
	for _, v := range values {
		enc := encodeHeader(v, len("Subject: "))
		lines := strings.Split("Subject: "+enc, "\r\n")
		for _, l := range lines {
			if len(l) > 78 || strings.ContainsAny(l, "\r\n") {
				t.Errorf("%q: line %q", v, l)
			}
		}
		r := textproto.NewReader(bufioReader("Subject: " + enc + "\r\n\r\n"))
		h, err := r.ReadMIMEHeader()
		if err != nil {
			t.Fatalf("%q: %v", v, err)
		}
		got, err := dec.DecodeHeader(h.Get("Subject"))
		if want := strings.Join(strings.Fields(v), " "); err != nil || got != want {
			t.Errorf("%q encoded as %q reads back as %q, %v", v, enc, got, err)
		}
		if len(h) != 1 {
			t.Errorf("%q made headers %v", v, h)
		}
	}
}
